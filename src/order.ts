/**
 * Orders strings by UTF-16 code units, as `sort()` without a comparator does. Output order never
 * uses `localeCompare`: the machine's locale would change it (ä sorts before z in English, after
 * it in Swedish).
 */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
