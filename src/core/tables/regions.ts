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
 * Which cells are filled: the grid's own (no copy: it knows each cell's emptiness already), cells
 * of Excel tables left out, merged areas filled over their whole extent.
 */
class Occupancy {
  /** Column spans of merged areas, by row: a sheet has few merges, so they are looked up apart. */
  private readonly merged = new Map<number, [number, number][]>();

  constructor(
    private readonly grid: SheetGrid,
    private readonly excluded: readonly RangeRef[],
  ) {
    for (const m of grid.snapshot.merges ?? []) {
      const range = parseRange(m);
      if (!range || this.inExcluded(range.start.row, range.start.column)) continue;
      // Only merges whose top-left cell holds something extend a region.
      if (!this.filled(range.start.row, range.start.column)) continue;
      for (let r = range.start.row; r <= range.end.row && r < grid.endRow; r++) {
        const spans = this.merged.get(r);
        if (spans) spans.push([range.start.column, range.end.column]);
        else this.merged.set(r, [[range.start.column, range.end.column]]);
      }
    }
  }

  private inExcluded(r: number, c: number): boolean {
    return this.excluded.length > 0 && this.excluded.some((x) => r >= x.start.row && r <= x.end.row && c >= x.start.column && c <= x.end.column);
  }

  private inMerge(row: number, from: number, to: number): boolean {
    const spans = this.merged.size > 0 ? this.merged.get(row) : undefined;
    return !!spans && spans.some(([l, r]) => l <= to && r >= from);
  }

  private filled(row: number, column: number): boolean {
    return (!this.grid.isEmpty(row, column) && !this.inExcluded(row, column)) || this.inMerge(row, column, column);
  }

  anyIn(row: number, from: number, to: number): boolean {
    if (this.excluded.length === 0) return !this.grid.rowEmpty(row, from, to) || this.inMerge(row, from, to);
    for (let c = from; c <= to; c++) if (this.filled(row, c)) return true;
    return false;
  }

  /**
   * Sets `used[c - from]` for the filled columns `c` of the row between two columns (inclusive),
   * widening `span` (offsets in `used`) to the marks set.
   */
  markColumns(row: number, from: number, to: number, used: Uint8Array, span: { lo: number; hi: number }): void {
    // Past the cells the row holds, only a merged area can fill a column.
    const held = Math.min(to, this.grid.firstColumn + this.grid.rowLength(row) - 1);
    for (let c = from; c <= held; c++) if (this.filled(row, c)) markColumn(used, span, c - from);
    const spans = this.merged.size > 0 ? this.merged.get(row) : undefined;
    for (const [l, r] of spans ?? []) {
      for (let c = Math.max(l, held + 1, from); c <= Math.min(r, to); c++) markColumn(used, span, c - from);
    }
  }

  filledRows(): number[] {
    const rows: number[] = [];
    for (let r = this.grid.firstRow; r < this.grid.endRow; r++) if (this.anyIn(r, this.grid.firstColumn, this.grid.endColumn - 1)) rows.push(r);
    return rows;
  }
}

function markColumn(used: Uint8Array, span: { lo: number; hi: number }, j: number): void {
  used[j] = 1;
  if (j < span.lo) span.lo = j;
  if (j > span.hi) span.hi = j;
}

/** The regions of a sheet, top to bottom then left to right. */
export function findRegions(grid: SheetGrid): Region[] {
  const listObjects: Region[] = [];
  for (const lo of grid.snapshot.listObjects ?? []) {
    const range = parseRange(lo.range);
    if (range) listObjects.push({ range, listObject: lo.name });
  }
  const occupancy = new Occupancy(grid, listObjects.map((l) => l.range));
  const rows = occupancy.filledRows();
  const out: Region[] = [];
  if (rows.length > 0) {
    cut(grid, occupancy, { start: { row: rows[0], column: grid.firstColumn }, end: { row: rows[rows.length - 1], column: grid.endColumn - 1 } }, out, rows);
  }
  const joined = joinRegions(grid, out);
  return [...listObjects, ...joined].sort((a, b) => a.range.start.row - b.range.start.row || a.range.start.column - b.range.start.column);
}

function cut(grid: SheetGrid, occ: Occupancy, rect: RangeRef, out: Region[], knownRows?: number[]): void {
  // Rows: runs of rows with something in the rectangle's columns.
  const filled = (knownRows ?? rangeRows(rect)).filter((r) => occ.anyIn(r, rect.start.column, rect.end.column));
  if (filled.length === 0) return;
  const bands = consecutiveRuns(filled);
  // One mark per column of the rectangle, cleared after each band over the span marked: no set
  // of columns per band, and a wide sheet is not walked across for a narrow band.
  const used = new Uint8Array(rect.end.column - rect.start.column + 1);
  for (const [top, bottom] of bands) {
    // Columns: runs of columns filled somewhere in the band.
    const span = { lo: used.length, hi: -1 };
    for (let r = top; r <= bottom; r++) occ.markColumns(r, rect.start.column, rect.end.column, used, span);
    const cols: number[] = [];
    for (let j = span.lo; j <= span.hi; j++) if (used[j]) cols.push(rect.start.column + j);
    used.fill(0, span.lo, span.hi + 1);
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
  for (const n of sorted.slice(1)) {
    if (n !== prev + 1) {
      runs.push([start, prev]);
      start = n;
    }
    prev = n;
  }
  runs.push([start, prev]);
  return runs;
}

function rangeRows(rect: RangeRef): number[] {
  const rows: number[] = [];
  for (let r = rect.start.row; r <= rect.end.row; r++) rows.push(r);
  return rows;
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
