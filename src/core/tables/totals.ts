/**
 * The columns whose TOTAL and sous-total rows are checked (REP-TOTAL, REP-SOUS-TOTAL, REP-PLAGE),
 * whatever the table's kind: a breakdown's amount column, and each additive column of a list of
 * figures (a list of subsidies with a total per theme, a cost estimate's quantities and totals).
 *
 * A list's column is additive when its total rows hold a sum: a constant, or a formula that adds
 * (`=SUM(E2:E34)`, `=D3+D4+D5`). A total row computed otherwise (`=IF(C7<>0,E7/C7,0)`, an average
 * cost) or a column of unit prices or rates is not a sum and is left alone.
 */
import { labelWords } from "../text";
import type { GridCell } from "../grid";
import type { ListeTable, RepartitionRow, Table } from "./types";

/** What the total checks read: one amount column with its detail, sub-total and total rows. */
export interface TotalBlock {
  /** The table's id, for findings. */
  id: string;
  sheet: string;
  amountColumn: number;
  rows: RepartitionRow[];
}

/** Header words of columns whose total is not their sum. */
const NOT_ADDITIVE = new Set(["unitaire", "unitaires", "horaire", "horaires", "taux", "%", "pourcentage", "pct", "moyen", "moyenne", "ratio", "part", "prix"]);

/** A formula that is a sum (SUM, or cells added with +), not a division, a test or an average. */
function isSumFormula(formula: string): boolean {
  const body = formula.slice(1).replace(/\s+/g, "").toUpperCase();
  if (/^(SUM|SOMME)\([^()]*\)$/.test(body)) return true;
  return /^\$?[A-Z]{1,3}\$?\d+(\+\$?[A-Z]{1,3}\$?\d+)+$/.test(body);
}

function isAdditive(table: ListeTable, index: number): boolean {
  const col = table.numeric[index];
  if (labelWords(col.header).some((w) => NOT_ADDITIVE.has(w))) return false;
  let totals = 0;
  for (let i = 0; i < table.rows.length; i++) {
    if (table.rows[i].kind === "detail") continue;
    const cell = col.cells[i];
    if (cell.reading.kind === "empty") continue;
    if (cell.formula && !isSumFormula(cell.formula)) return false;
    totals++;
  }
  return totals > 0;
}

/**
 * A list's column as blocks of rows, each closed by a total: the rows since the previous total,
 * with their sub-totals. Detail rows whose cell is empty in this column are not among its rows.
 */
function listeBlocks(table: ListeTable): TotalBlock[] {
  const out: TotalBlock[] = [];
  table.numeric.forEach((col, index) => {
    if (!isAdditive(table, index)) return;
    let rows: RepartitionRow[] = [];
    table.rows.forEach((row, i) => {
      const amount: GridCell = col.cells[i];
      if (row.kind === "detail" && amount.reading.kind === "empty") return;
      if (row.kind !== "detail" && amount.reading.kind === "empty") return;
      rows.push({ row: row.row, kind: row.kind, label: row.label, amount });
      if (row.kind === "total") {
        if (rows.some((r) => r.kind === "detail")) out.push({ id: table.id, sheet: table.sheet, amountColumn: col.column, rows });
        rows = [];
      }
    });
    // Sub-totals with no total after them still close their own rows.
    if (rows.some((r) => r.kind === "subtotal")) out.push({ id: table.id, sheet: table.sheet, amountColumn: col.column, rows });
  });
  return out;
}

const memo = new WeakMap<object, TotalBlock[]>();

/** Every column with totals to check, breakdowns first, in workbook order within each. */
export function totalBlocks(tables: { all: readonly Table[] }): readonly TotalBlock[] {
  const known = memo.get(tables);
  if (known) return known;
  const out: TotalBlock[] = [];
  for (const t of tables.all) {
    if (t.kind === "repartition") out.push(t);
    else if (t.kind === "liste") out.push(...listeBlocks(t));
  }
  memo.set(tables, out);
  return out;
}
