/** Reading the money and percentages of table cells, for the checks. */
import { SheetCell, type GridCell, type SheetGrid } from "./grid";
import { decimalsOf, formatShowsPercent, isDateFormat, toCents, type NumberReading } from "./numbers";

/**
 * Why a number in an amount cell is not an amount: more cents than integer arithmetic holds
 * exactly, a date (a number shown `dd/mm/yyyy`: 45 292 is 1 January 2024, not 45 292 €), or a
 * percentage (`80%` typed, or a % number format). Undefined for a true amount and for non-numbers.
 */
export type AmountIssue = "tooLarge" | "date" | "percent";

export function amountIssue(cell: GridCell | undefined): AmountIssue | undefined {
  const r = cell?.reading;
  if (!r || r.kind !== "number") return undefined;
  if (!r.fromText && isDateFormat(cell!.numberFormat)) return "date";
  if (r.percent) return "percent";
  if (!toCents(r).exact) return "tooLarge";
  return undefined;
}

/** Cents of an amount cell, null when `amountIssue` says it is no amount: one reading of its cents. */
function amountCents(numberFormat: string, r: NumberReading): number | null {
  if (!r.fromText && isDateFormat(numberFormat)) return null;
  if (r.percent) return null;
  const c = toCents(r);
  return c.exact ? c.cents : null;
}

/**
 * Cents of a cell holding an amount (typed or as text); undefined for empty, text, errors, and
 * for the numbers `amountIssue` says are not amounts (NUM-ILLISIBLE reports them).
 */
export function cents(cell: GridCell | undefined): number | undefined {
  const r = cell?.reading;
  if (!r || r.kind !== "number") return undefined;
  // Every check reads the same cells again: each one's cents are worked out once, kept on the
  // cell itself (a WeakMap of every amount cell costs the garbage collector more than the reading).
  const memo = cell instanceof SheetCell ? cell : undefined;
  let c = memo?.cents;
  if (c === undefined) {
    c = amountCents(cell!.numberFormat, r);
    if (memo) memo.cents = c;
  }
  return c ?? undefined;
}

/**
 * What `cents` says of the cell at that position, without making the cell: a table's lines read
 * their amounts so, a column at a time (src/core/tables/imputation.ts).
 */
export function centsAt(grid: SheetGrid, row: number, column: number): number | undefined {
  const r = grid.reading(row, column);
  if (r.kind !== "number") return undefined;
  return amountCents(grid.numberFormat(row, column), r) ?? undefined;
}

/** A column's amounts read once, at given rows: what `cents` says of each cell, and the cells worth a look. */
export interface ColumnAmounts {
  /** Cents row by row, NaN where `cents` says undefined. */
  readonly cents: Float64Array;
  /**
   * Indexes, in order, of the cells that are anything but a plain amount (a number typed as such,
   * neither a date nor a %, at most two decimals, not negative): the only cells the NUM and CELL
   * checks can report, so that they do not read the others again.
   */
  readonly unusual: Int32Array;
}

/**
 * The amounts of one column at these rows, as `centsAt` reads each. Whole euros below 10^13 under a
 * plain format (most amounts) are counted without a reading: their cents are the number × 100.
 */
export function columnAmounts(grid: SheetGrid, rows: ArrayLike<number>, column: number): ColumnAmounts {
  const out = new Float64Array(rows.length);
  const unusual: number[] = [];
  // Formats repeat down a column: the last one's verdict is kept.
  let lastFormat: string | undefined;
  let plainFormat = false;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const v = grid.value(row, column);
    if (typeof v === "number" && Number.isInteger(v) && Math.abs(v) < 1e13 && grid.kind(row, column) === "number") {
      const format = grid.numberFormat(row, column);
      if (format !== lastFormat) {
        lastFormat = format;
        plainFormat = !isDateFormat(format) && !formatShowsPercent(format);
      }
      if (plainFormat) {
        out[i] = v === 0 ? 0 : v * 100;
        if (v < 0) unusual.push(i);
        continue;
      }
    }
    const c = centsAt(grid, row, column);
    out[i] = c ?? NaN;
    const r = grid.reading(row, column);
    if (c === undefined || c < 0 || r.kind !== "number" || r.fromText || decimalsOf(r.decimal) > 2) unusual.push(i);
  }
  return { cents: out, unusual: Int32Array.from(unusual) };
}

/**
 * A % cell in points (31.98 for 31,98 %) and the decimals it shows in points. `scale` says how a
 * plain number of its column reads (fractions or points); a % number format means a fraction, a
 * `%` sign in text means points.
 */
export function percentPoints(cell: GridCell | undefined, scale: "fraction" | "points"): { points: number; decimals: number } | undefined {
  const r = cell?.reading;
  if (!r || r.kind !== "number") return undefined;
  if (r.fromText) {
    if (r.percent || scale === "points") return { points: r.value, decimals: r.shownDecimals };
    return { points: r.value * 100, decimals: Math.max(0, r.shownDecimals - 2) };
  }
  if (r.percent) return { points: r.value * 100, decimals: r.shownDecimals };
  if (scale === "points") return { points: r.value, decimals: r.shownDecimals };
  return { points: r.value * 100, decimals: Math.max(0, r.shownDecimals - 2) };
}

/** Half a unit of the last shown decimal: 31,98 → 0,005. */
export function halfUnit(decimals: number): number {
  return 0.5 * 10 ** -decimals;
}

/** |a − b| ≤ tolerance, with room for the binary noise of the division. */
export function withinTolerance(a: number, b: number, tolerance: number): boolean {
  return Math.abs(a - b) <= tolerance + 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Sum of percentages without the binary noise of adding 31.98 + 15.99 + … (31.98 is not exact in binary). */
export function sumPoints(points: readonly number[]): number {
  return Number(points.reduce((s, p) => s + p, 0).toFixed(9));
}
