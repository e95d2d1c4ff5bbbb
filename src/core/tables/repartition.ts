/** Répartition (budget breakdown) tables: label columns, one amount column, optional %, totals. */
import { a1, columnLetter } from "../address";
import { cents, percentPoints } from "../amounts";
import type { SheetGrid } from "../grid";
import type { HeaderInfo } from "./imputation";
import { isPartLine, isYearRow, rowLabel, totalKind } from "./rows";
import type { RepartitionRow } from "./types";

export interface RepartitionBody {
  rows: RepartitionRow[];
  /** Last row that belongs to the table (the TOTAL row when there is one). */
  lastRow: number;
  percentScale: "fraction" | "points";
  /** The % column's detail shares add up to about 100 (or 1): a share of the total, checkable without a TOTAL row. */
  sharesAddUp: boolean;
}

/**
 * Reads the rows under a breakdown's header. The table ends at its TOTAL row: a row whose label is
 * the whole (`TOTAL`, `Total général`), or the last `Total …` row of the block.
 */
export function repartitionBody(grid: SheetGrid, h: HeaderInfo, candidateRows: readonly number[]): RepartitionBody {
  const amountColumn = h.columns.montant!;
  const percentColumn = h.columns.pourcent;
  const labels: number[] = [];
  for (let c = h.firstColumn; c <= h.lastColumn; c++) if (c !== amountColumn && c !== percentColumn) labels.push(c);

  const rows: RepartitionRow[] = [];
  let lastRow = h.headerRow;
  let provisionalTotal = false;
  for (const row of candidateRows) {
    if (isYearRow(grid, row, h.firstColumn, h.lastColumn) || isYearUnderHeader(grid, h, row, labels)) {
      lastRow = row;
      continue;
    }
    const label = rowLabel(grid, row, labels);
    const kind = totalKind(label);
    const amount = grid.cell(row, amountColumn);
    const percent = percentColumn === undefined ? undefined : grid.cell(row, percentColumn);
    lastRow = row;
    if (amount.reading.kind === "empty") continue; // a heading (`Axe 1 :`) or a wrapped label
    if (isPartLine(label)) continue; // `dont …`: a part of the line above, not an addend
    if (kind === "grand") {
      rows.push({ row, kind: "total", label, amount, percent });
      provisionalTotal = false;
      break;
    }
    rows.push({ row, kind: kind ? "subtotal" : "detail", label, amount, percent });
    provisionalTotal = kind === "total";
  }
  // `Total axe 4` closing the block with no grand total after it is the table's total.
  if (provisionalTotal) rows[rows.length - 1].kind = "total";
  const scale = percentScale(rows);
  return { rows, lastRow, percentScale: scale, sharesAddUp: sharesAddUp(rows, scale) };
}

/** A lone year with no label right under the header (`Montant` / `2024`) says which year, not how much. */
function isYearUnderHeader(grid: SheetGrid, h: HeaderInfo, row: number, labels: readonly number[]): boolean {
  if (row !== h.headerRow + 1 || rowLabel(grid, row, labels) !== "") return false;
  const r = grid.cell(row, h.columns.montant!).reading;
  return r.kind === "number" && Number.isInteger(r.value) && r.value >= 1900 && r.value <= 2100;
}

/** Plain numbers in a % column are fractions when they add up to about 1, points otherwise. */
function percentScale(rows: readonly RepartitionRow[]): "fraction" | "points" {
  let sum = 0;
  let seen = 0;
  for (const r of rows) {
    const p = r.percent?.reading;
    if (r.kind !== "detail" || !p || p.kind !== "number" || p.percent) continue;
    sum += p.value;
    seen++;
  }
  if (seen === 0) {
    const total = rows.find((r) => r.kind === "total")?.percent?.reading;
    return total && total.kind === "number" && !total.percent && Math.abs(total.value - 1) < 0.05 ? "fraction" : "points";
  }
  return Math.abs(sum - 1) < 0.1 ? "fraction" : "points";
}

/** Whether the detail rows' % add up to about 100 points (or 1 as fractions): shares of a whole. */
function sharesAddUp(rows: readonly RepartitionRow[], scale: "fraction" | "points"): boolean {
  const { sum, tolerance, seen } = detailShares(rows, scale);
  // Generous on purpose: REP-POURCENT-SOMME judges the sum; this only tells shares from rates.
  return seen >= 2 && Math.abs(sum - 100) <= Math.min(5, Math.max(2, 2 * tolerance));
}

/** The detail rows' % in points: their sum, the sum of their half units, and how many there are. */
export function detailShares(rows: readonly RepartitionRow[], scale: "fraction" | "points"): { sum: number; tolerance: number; seen: number } {
  let sum = 0;
  let tolerance = 0;
  let seen = 0;
  for (const r of rows) {
    if (r.kind !== "detail") continue;
    const p = percentPoints(r.percent, scale);
    if (!p) continue;
    sum += p.points;
    tolerance += 0.5 * 10 ** -p.decimals;
    seen++;
  }
  return { sum, tolerance, seen };
}

/**
 * The kind of each row of a list from its label alone: `TOTAL`, `Total général` close what is
 * above them; `Sous-total …` is a sub-total; `Total axe 1` is a sub-total when a grand total comes
 * later, the total otherwise (the last block of a list closed by its own `Total …`).
 */
export function subtotalKinds(labels: readonly string[]): RepartitionRow["kind"][] {
  const kinds = labels.map((l) => totalKind(l));
  const out: RepartitionRow["kind"][] = kinds.map((k) => (k === "grand" ? "total" : k ? "subtotal" : "detail"));
  // `Total …` rows after the last grand total, with no grand total after them, are totals.
  let lastGrand = -1;
  kinds.forEach((k, i) => {
    if (k === "grand") lastGrand = i;
  });
  for (let i = lastGrand + 1; i < kinds.length; i++) if (kinds[i] === "total") out[i] = "total";
  return out;
}

/** The detail rows (not totals, not sub-totals). */
export function detailRows(rows: readonly RepartitionRow[]): RepartitionRow[] {
  return rows.filter((r) => r.kind === "detail");
}

/** Sum of the detail amounts in cents; undefined when one of them is not a number. */
export function sumCents(rows: readonly RepartitionRow[]): number | undefined {
  let sum = 0;
  for (const r of rows) {
    const c = cents(r.amount);
    if (c === undefined) return undefined;
    sum += c;
  }
  return sum;
}

/** Each sub-total with the detail rows it covers: those since the previous sub-total or the header. */
export function subtotalWindows(rows: readonly RepartitionRow[]): { subtotal: RepartitionRow; details: RepartitionRow[] }[] {
  const out: { subtotal: RepartitionRow; details: RepartitionRow[] }[] = [];
  let details: RepartitionRow[] = [];
  for (const r of rows) {
    if (r.kind === "detail") details.push(r);
    else if (r.kind === "subtotal") {
      out.push({ subtotal: r, details });
      details = [];
    }
  }
  return out;
}

/** `=SUM(C2:C4,C6:C8)` over the given rows of one column, consecutive rows joined into ranges. */
export function sumFormula(column: number, rows: readonly number[]): string {
  if (rows.length === 0) throw new RangeError("sumFormula needs at least one row");
  const sorted = [...rows].sort((a, b) => a - b);
  const parts: string[] = [];
  let start = sorted[0];
  let prev = sorted[0];
  for (const r of [...sorted.slice(1), Number.NaN]) {
    if (r === prev + 1) {
      prev = r;
      continue;
    }
    parts.push(start === prev ? a1(start, column) : `${a1(start, column)}:${a1(prev, column)}`);
    start = prev = r;
  }
  return `=SUM(${parts.join(",")})`;
}

/**
 * The live formula for the table's % cells (`=C3/C$11`, or `…*100` in a column of points), when
 * the TOTAL row is right; undefined for text cells, which a formula would silently turn into
 * another format. Built once per table: the TOTAL is checked once, not once per row.
 */
export function percentFormulas(table: { rows: readonly RepartitionRow[]; percentScale: "fraction" | "points" }): (row: RepartitionRow) => string | undefined {
  const total = table.rows.find((r) => r.kind === "total");
  const right = total !== undefined && cents(total.amount) !== undefined && cents(total.amount) === sumCents(detailRows(table.rows));
  if (!right) return () => undefined;
  const ref = `${columnLetter(total.amount.column)}$${total.amount.row + 1}`;
  return (row) => {
    const reading = row.percent?.reading;
    if (!reading || reading.kind !== "number" || reading.fromText) return undefined;
    const base = `=${row.amount.address}/${ref}`;
    return reading.percent || table.percentScale === "fraction" ? base : `${base}*100`;
  };
}
