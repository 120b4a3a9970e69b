/** Rotates the subject order each run so no subject always goes first (B G B G interleaving). */
export function rotate<T>(items: readonly T[], run: number): T[] {
  const shift = run % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}
