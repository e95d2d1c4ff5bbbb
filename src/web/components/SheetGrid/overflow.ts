/**
 * How Excel lets a text overflow: into the empty cells to its right, as far as the first cell
 * holding something (or the grid's edge). Numbers, booleans and errors never overflow.
 */

/** What a cell holds, for overflow: a text, nothing at all, or anything else (a number, a formula…). */
export type OverflowKind = "text" | "empty" | "filled";

/** For each cell of a row, the number of empty cells to its right its text covers (0 for no text). */
export function overflowSpans(kinds: readonly OverflowKind[]): number[] {
  const spans = new Array<number>(kinds.length).fill(0);
  let empties = 0;
  for (let c = kinds.length - 1; c >= 0; c--) {
    if (kinds[c] === "empty") {
      empties++;
      continue;
    }
    if (kinds[c] === "text") spans[c] = empties;
    empties = 0;
  }
  return spans;
}
