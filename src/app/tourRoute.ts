/** The tours' routes, light enough for the shell to read without loading the tours. */

/** `#/tour/<id>/<n>` (n from 1). */
export const stopHash = (id: string, n: number): string => `#/tour/${id}/${n}`;

/** The tour route's parts: `/tour/<id>` or `/tour/<id>/<n>`; null for any other route. */
export function parseTourRoute(route: string): { id: string; stop: string | undefined } | null {
  const m = /^\/tour\/([^/]+)(?:\/([^/]+))?$/.exec(route);
  return m ? { id: m[1] as string, stop: m[2] } : null;
}
