import { useId } from 'react';

/** A per-instance id prefix safe inside `url(#…)` references (React's ids contain ':' or '«»'). */
export function useSvgIdPrefix(name: string): string {
  const raw = useId();
  return `${name}-${raw.replace(/[^a-zA-Z0-9_-]/g, '')}`;
}
