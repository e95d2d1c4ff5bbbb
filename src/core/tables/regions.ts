/**
 * Sheets → regions: the blocks of cells that empty rows and empty columns separate. Tables are then
 * looked for inside each region, so that two tables side by side (one empty column between them)
 * or stacked (one empty row between them) are two tables, whatever their headers say.
 *
 * An Excel table (ListObject) is a region of its own, totals row included. A merged area counts as
 * filled over its whole extent, so a merged title or label stays inside its region. Two joins undo
 * cuts that typing habits make: a short block of totals a few empty rows under a table, whose
 * formulas reference it or whose label says TOTAL (`Total recettes` under three blank rows), and a
 * block without a header right under a table whose columns it continues (the second section of a
 * cost estimate after one empty row).
 *
 * The cut is recursive (rows, then columns, then rows again inside each piece), linear in the
 * filled cells at each level; a 100 000-line table is one region after two passes.
 */
import { parseRange, rangeColumns, type RangeRef } from "../address";
import type { SheetGrid } from "../grid";
import { rowLabel, totalKind } from "./rows";

export interface Region {
  range: RangeRef;
  /** The Excel table this region is, if any. */
  listObject?: string;
}

/**
 * Which cells are filled, as bits: 32 columns a word, row by row as many words as the snapshot's
 * row holds cells (a wide, sparse sheet is not made a rectangle). Cells of Excel tables are left
 * out, merged areas filled over their whole extent. A band's columns are then the OR of its rows'
 * words, and whether a row has anything between two columns a few masked words.
 */
class Occupancy {
  /** Row `i`'s words are `bits[rowWords[i]]`…`bits[rowWords[i + 1] - 1]`; bit `b` of word `w` is column `firstColumn + 32 w + b`. */
  private readonly rowWords: Int32Array;
  private readonly bits: Int32Array;
  /** Column spans of merged areas, by row: a sheet has few merges, so they are kept apart. */
  private readonly merged = new Map<number, [number, number][]>();
  private readonly firstRow: number;
  private readonly firstColumn: number;

  constructor(grid: SheetGrid, excluded: readonly RangeRef[]) {
    this.firstRow = grid.firstRow;
    this.firstColumn = grid.firstColumn;
    const rows = grid.endRow - grid.firstRow;
    this.rowWords = new Int32Array(rows + 1);
    let words = 0;
    for (let i = 0; i < rows; i++) {
      this.rowWords[i] = words;
      words += (grid.rowLength(grid.firstRow + i) + 31) >>> 5;
    }
    this.rowWords[rows] = words;
    this.bits = new Int32Array(words);
    for (let i = 0; i < rows; i++) grid.markFilled(grid.firstRow + i, this.bits, this.rowWords[i]);
    // An Excel table is a region of its own: its cells are no one else's.
    for (const x of excluded) {
      for (let row = Math.max(x.start.row, grid.firstRow); row <= Math.min(x.end.row, grid.endRow - 1); row++) {
        const i = row - grid.firstRow;
        const last = Math.min(x.end.column - grid.firstColumn, grid.rowLength(row) - 1);
        for (let j = Math.max(x.start.column - grid.firstColumn, 0); j <= last; j++) this.bits[this.rowWords[i] + (j >>> 5)] &= ~(1 << (j & 31));
      }
    }
    const inExcluded = (r: number, c: number) => excluded.some((x) => r >= x.start.row && r <= x.end.row && c >= x.start.column && c <= x.end.column);
    for (const m of grid.snapshot.merges ?? []) {
      const range = parseRange(m);
      if (!range || inExcluded(range.start.row, range.start.column)) continue;
      // Only merges whose top-left cell holds something extend a region.
      if (!this.anyIn(range.start.row, range.start.column, range.start.column)) continue;
      for (let r = range.start.row; r <= range.end.row && r < grid.endRow; r++) {
        const spans = this.merged.get(r);
        if (spans) spans.push([range.start.column, range.end.column]);
        else this.merged.set(r, [[range.start.column, range.end.column]]);
      }
    }
  }

  private inMerge(row: number, from: number, to: number): boolean {
    const spans = this.merged.size > 0 ? this.merged.get(row) : undefined;
    return !!spans && spans.some(([l, r]) => l <= to && r >= from);
  }

  anyIn(row: number, from: number, to: number): boolean {
    const i = row - this.firstRow;
    if (i >= 0 && i < this.rowWords.length - 1) {
      const start = this.rowWords[i];
      const j0 = Math.max(from - this.firstColumn, 0);
      const j1 = Math.min(to - this.firstColumn, 32 * (this.rowWords[i + 1] - start) - 1);
      for (let w = j0 >>> 5; j0 <= j1 && w <= j1 >>> 5; w++) if (this.bits[start + w] & wordMask(w, j0, j1)) return true;
    }
    return this.inMerge(row, from, to);
  }

  /**
   * ORs into `used` (words laid out as a row's) the filled columns of the row between two columns
   * (inclusive), widening `span` to the words set; `columnsOf` reads them back.
   */
  markColumns(row: number, from: number, to: number, used: Int32Array, span: { lo: number; hi: number }): void {
    const i = row - this.firstRow;
    if (i < 0 || i >= this.rowWords.length - 1) return;
    const start = this.rowWords[i];
    const j0 = Math.max(from - this.firstColumn, 0);
    const j1 = Math.min(to - this.firstColumn, 32 * (this.rowWords[i + 1] - start) - 1);
    for (let w = j0 >>> 5; j0 <= j1 && w <= j1 >>> 5; w++) {
      const word = this.bits[start + w] & wordMask(w, j0, j1);
      if (word === 0) continue;
      used[w] |= word;
      if (w < span.lo) span.lo = w;
      if (w > span.hi) span.hi = w;
    }
    const spans = this.merged.size > 0 ? this.merged.get(row) : undefined;
    for (let k = 0; spans && k < spans.length; k++) {
      const [l, r] = spans[k];
      for (let j = Math.max(l, from) - this.firstColumn; j <= Math.min(r, to) - this.firstColumn; j++) {
        const w = j >>> 5;
        used[w] |= 1 << (j & 31);
        if (w < span.lo) span.lo = w;
        if (w > span.hi) span.hi = w;
      }
    }
  }

  /** The columns set in `used` over `span`, in order; `used` is cleared there for the next band. */
  columnsOf(used: Int32Array, span: { lo: number; hi: number }): number[] {
    const cols: number[] = [];
    for (let w = span.lo; w <= span.hi; w++) {
      for (let word = used[w]; word !== 0; word &= word - 1) cols.push(this.firstColumn + 32 * w + 31 - Math.clz32(word & -word));
      used[w] = 0;
    }
    return cols;
  }

  /** Runs of consecutive rows of the rectangle with something in its columns: [top, bottom] each. */
  bands(rect: RangeRef): [number, number][] {
    const runs: [number, number][] = [];
    let top = -1;
    for (let r = rect.start.row; r <= rect.end.row; r++) {
      const filled = this.anyIn(r, rect.start.column, rect.end.column);
      if (filled && top < 0) top = r;
      else if (!filled && top >= 0) {
        runs.push([top, r - 1]);
        top = -1;
      }
    }
    if (top >= 0) runs.push([top, rect.end.row]);
    return runs;
  }

  /** Words enough for the bits of the sheet's widest row. */
  wordsFor(grid: SheetGrid): number {
    return (grid.endColumn - grid.firstColumn + 31) >>> 5;
  }
}

/** The bits of word `w` (columns `32 w`…`32 w + 31` from the first) between columns `j0` and `j1` from the first. */
function wordMask(w: number, j0: number, j1: number): number {
  const lo = Math.max(j0 - 32 * w, 0);
  const hi = Math.min(j1 - 32 * w, 31);
  return (-1 >>> (31 - hi)) & (-1 << lo);
}

/** The regions of a sheet, top to bottom then left to right. */
export function findRegions(grid: SheetGrid): Region[] {
  const listObjects: Region[] = [];
  for (const lo of grid.snapshot.listObjects ?? []) {
    const range = parseRange(lo.range);
    if (range) listObjects.push({ range, listObject: lo.name });
  }
  const occupancy = new Occupancy(grid, listObjects.map((l) => l.range));
  const bands = occupancy.bands({ start: { row: grid.firstRow, column: grid.firstColumn }, end: { row: grid.endRow - 1, column: grid.endColumn - 1 } });
  const out: Region[] = [];
  if (bands.length > 0) {
    cut(grid, occupancy, { start: { row: bands[0][0], column: grid.firstColumn }, end: { row: bands[bands.length - 1][1], column: grid.endColumn - 1 } }, out, bands);
  }
  const joined = joinRegions(grid, out);
  return [...listObjects, ...joined].sort((a, b) => a.range.start.row - b.range.start.row || a.range.start.column - b.range.start.column);
}

function cut(grid: SheetGrid, occ: Occupancy, rect: RangeRef, out: Region[], knownBands?: [number, number][]): void {
  // Rows: runs of rows with something in the rectangle's columns (the sheet's, known already).
  const bands = knownBands ?? occ.bands(rect);
  if (bands.length === 0) return;
  // One bit per column, ORed over a band's rows and cleared over the words set: no set of
  // columns per band, and a wide sheet is not walked across for a narrow band.
  const used = new Int32Array(occ.wordsFor(grid));
  for (const [top, bottom] of bands) {
    // Columns: runs of columns filled somewhere in the band.
    const span = { lo: used.length, hi: -1 };
    for (let r = top; r <= bottom; r++) occ.markColumns(r, rect.start.column, rect.end.column, used, span);
    const cols = occ.columnsOf(used, span);
    const pieces = consecutiveRuns(cols);
    labelsWithTheirNumbers(grid, pieces, top, bottom);
    if (pieces.length === 1 && bands.length === 1) {
      out.push({ range: { start: { row: top, column: pieces[0][0] }, end: { row: bottom, column: pieces[0][1] } } });
      continue;
    }
    for (const [l, r] of pieces) {
      const piece = { start: { row: top, column: l }, end: { row: bottom, column: r } };
      // A piece narrower than its band may have empty rows of its own: cut it again.
      if (pieces.length > 1) cut(grid, occ, piece, out);
      else out.push({ range: piece });
    }
  }
}

/** Empty columns a label may stand away from its numbers (a wide label column, a spacer). */
const LABEL_GAP = 2;

/**
 * A piece of words only, a column or two left of a piece with numbers, is those numbers' labels
 * (`Matières premières` in A, amounts in C:E): one piece. Two tables side by side each have
 * numbers, and stay apart.
 */
function labelsWithTheirNumbers(grid: SheetGrid, pieces: [number, number][], top: number, bottom: number): void {
  const numeric = (p: [number, number]) => {
    for (let r = top; r <= bottom; r++) for (let c = p[0]; c <= p[1]; c++) if (grid.kind(r, c) === "number") return true;
    return false;
  };
  for (let i = 0; i + 1 < pieces.length; ) {
    const gap = pieces[i + 1][0] - pieces[i][1] - 1;
    if (gap <= LABEL_GAP && !numeric(pieces[i]) && numeric(pieces[i + 1])) {
      pieces.splice(i, 2, [pieces[i][0], pieces[i + 1][1]]);
      continue;
    }
    i++;
  }
}

/** Runs of consecutive numbers in a sorted list: [1, 2, 3, 7, 8] → [[1, 3], [7, 8]]. */
function consecutiveRuns(sorted: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  let start = sorted[0];
  let prev = sorted[0];
  for (let i = 1; i < sorted.length; i++) {
    const n = sorted[i];
    if (n !== prev + 1) {
      runs.push([start, prev]);
      start = n;
    }
    prev = n;
  }
  runs.push([start, prev]);
  return runs;
}

/** Rows of totals at most this far under a table still close it (`Total recettes` under blank rows). */
const TOTAL_GAP = 4;
const TOTAL_BLOCK_ROWS = 3;

function joinRegions(grid: SheetGrid, regions: Region[]): Region[] {
  const sorted = [...regions].sort((a, b) => a.range.start.row - b.range.start.row || a.range.start.column - b.range.start.column);
  const alive = sorted.map(() => true);
  for (let i = 0; i < sorted.length; i++) {
    if (!alive[i]) continue;
    for (let j = i + 1; j < sorted.length; j++) {
      if (!alive[j]) continue;
      const above = sorted[i].range;
      const below = sorted[j].range;
      const gap = below.start.row - above.end.row - 1;
      // Sorted by their first row, the regions after this one are further still.
      if (gap > TOTAL_GAP) break;
      if (gap < 1) continue;
      const overlap = below.start.column <= above.end.column && below.end.column >= above.start.column;
      if (!overlap) continue;
      if (!closesTable(grid, above, below) && !(gap === 1 && continuesTable(grid, above, below))) continue;
      sorted[i] = {
        range: {
          start: { row: above.start.row, column: Math.min(above.start.column, below.start.column) },
          end: { row: below.end.row, column: Math.max(above.end.column, below.end.column) },
        },
      };
      alive[j] = false;
    }
  }
  return sorted.filter((_, i) => alive[i]);
}

/** A short block whose rows are totals, by label or by formulas reaching into the table above. */
function closesTable(grid: SheetGrid, above: RangeRef, below: RangeRef): boolean {
  if (below.end.row - below.start.row + 1 > TOTAL_BLOCK_ROWS) return false;
  if (below.start.column < above.start.column || below.end.column > above.end.column) return false;
  const columns = rangeColumns(below);
  for (let r = below.start.row; r <= below.end.row; r++) {
    if (totalKind(rowLabel(grid, r, columns))) continue;
    let reaches = false;
    for (const c of columns) {
      const f = grid.formula(r, c);
      if (f && referencesRows(f, above.start.row, above.end.row)) reaches = true;
    }
    if (!reaches) return false;
  }
  return true;
}

/**
 * A block with no header of its own, right under a table, whose numbers sit in the table's numeric
 * columns and nowhere else: the table goes on (`Autres` after a blank row in a cost estimate).
 */
function continuesTable(grid: SheetGrid, above: RangeRef, below: RangeRef): boolean {
  if (below.start.column < above.start.column || below.end.column > above.end.column) return false;
  // A table closed by its TOTAL does not go on.
  if (totalKind(rowLabel(grid, above.end.row, rangeColumns(above)))) return false;
  // The table's last rows say which columns hold its numbers.
  const tail = { start: { row: Math.max(above.start.row, above.end.row - 50), column: above.start.column }, end: above.end };
  const numericAbove = numericColumns(grid, tail);
  const numericBelow = numericColumns(grid, below);
  if (numericBelow.size === 0 || numericAbove.size < numericBelow.size) return false;
  for (const c of numericBelow) if (!numericAbove.has(c)) return false;
  // The block's first row must not be a header: a row of words over numbers starts a new table.
  const first = below.start.row;
  const firstIsWords = rangeColumns(below).every((c) => {
    const k = grid.kind(first, c);
    return k === "empty" || k === "text";
  });
  const labelled = rangeColumns(below).filter((c) => grid.kind(first, c) === "text").length;
  return !(firstIsWords && labelled >= 2);
}

function numericColumns(grid: SheetGrid, range: RangeRef): Set<number> {
  const out = new Set<number>();
  for (let r = range.start.row; r <= range.end.row; r++) {
    for (let c = range.start.column; c <= range.end.column; c++) if (grid.kind(r, c) === "number") out.add(c);
  }
  return out;
}


const REF = /\$?([A-Z]{1,3})\$?(\d{1,7})/g;

/** Whether a formula references a cell of the sheet between two rows (0-based). */
function referencesRows(formula: string, top: number, bottom: number): boolean {
  const body = formula.replace(/"[^"]*"/g, "");
  for (const m of body.matchAll(REF)) {
    const row = Number(m[2]) - 1;
    if (row >= top && row <= bottom) return true;
  }
  return false;
}
