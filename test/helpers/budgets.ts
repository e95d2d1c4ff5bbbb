/** Breakdown sheets built from the seeds' budgets, with the knobs the REP checks' cases turn. */
import type { CellSpec } from "./sheet-builder";
import { APES_2023_BUDGET, LIANES_2025_BUDGET, REPARTITION_HEADER } from "./seeds";

export interface LianesOptions {
  /** Replaces the % of line i (0-based). */
  percents?: Record<number, CellSpec>;
  /** Replaces the amount of line i. */
  amounts?: Record<number, CellSpec>;
  total?: CellSpec;
  totalPercent?: CellSpec;
  /** How the % are stored: text as pasted (`31,98`), fractions with a % format, or points. */
  percentStyle?: "text" | "fraction" | "points";
  amountStyle?: "text" | "number";
}

const frenchText = (n: number, decimals = 2) => n.toFixed(decimals).replace(".", ",").replace(/\B(?=(\d{3})+(?!\d))/g, " ");

/** The 2025 convention's budget (rows 1–10 of the sheet: header, eight actions, TOTAL). */
export function lianesBudget(o: LianesOptions = {}): CellSpec[][] {
  const style = o.percentStyle ?? "text";
  const pct = (p: number): CellSpec => (style === "text" ? frenchText(p) : style === "points" ? p : { v: Math.round(p * 100) / 10000, fmt: "0.00%" });
  const amt = (a: number): CellSpec => (o.amountStyle === "number" ? a : `${frenchText(a)} €`);
  const rows: CellSpec[][] = [REPARTITION_HEADER];
  LIANES_2025_BUDGET.forEach(([action, description, amount, p], i) => {
    rows.push([action, description, o.amounts?.[i] ?? amt(amount), o.percents?.[i] ?? pct(p)]);
  });
  rows.push(["TOTAL", "", o.total ?? amt(9380), o.totalPercent ?? pct(100)]);
  return rows;
}

/** The APES 2023 programme budget: header `AXES | ACTIONS | BP`, six lines, TOTAL 57 000. */
export function apesBudget(total: CellSpec = "57 000,00€"): CellSpec[][] {
  return [["AXES", "ACTIONS", "BP"], ...APES_2023_BUDGET.map(([a, b, c]) => [a, b, `${frenchText(c, 0)} €`]), ["TOTAL", "", total]];
}
