/** Edit distance rules shared by the gazetteer (at match time) and its generator (to block real words). */

/**
 * True when a and b differ by one insertion, deletion, substitution or adjacent transposition, not at either
 * end: "Kharkhiv" for "Kharkiv". Edits at the ends make other words ("Crimean", "Russias").
 */
export function interiorOneEdit(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  if (a[0] !== b[0] || a[a.length - 1] !== b[b.length - 1]) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
