/**
 * Places cards on the hosts they belong to: each card gets its host's index (0 when the host is
 * not drawn) and its slot on that host (0, 1, 2... in the cards' order), and `at` turns those into
 * the card's position.
 */
export function stackOnHosts<C extends { host: string }, P>(
  cards: readonly C[],
  hosts: readonly { id: string }[],
  at: (hostIndex: number, slot: number) => P,
): { card: C; pos: P }[] {
  const slots = new Map<string, number>();
  return cards.map((card) => {
    const hostIndex = Math.max(
      0,
      hosts.findIndex((h) => h.id === card.host),
    );
    const slot = slots.get(card.host) ?? 0;
    slots.set(card.host, slot + 1);
    return { card, pos: at(hostIndex, slot) };
  });
}
