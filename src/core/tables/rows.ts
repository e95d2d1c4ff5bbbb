/** What a row says it is: a total, a sub-total, a header of years. Shared by the table finders. */
import type { SheetGrid } from "../grid";
import { labelWords } from "../text";

/** Words that may follow `Total` in a grand total's label (`Total général`, `TOTAL DES DÉPENSES`). */
const GRAND_TOTAL_WORDS = new Set([
  "general", "generale", "global", "globale", "ttc", "ht", "des", "du", "de", "la", "le", "les", "l",
  "depenses", "charges", "budget", "projet", "action", "actions", "programme", "previsionnel",
  "eur", "euros", "recettes", "produits", "couts", "cout", "montant", "montants", "%",
]);

export type TotalKind = "grand" | "total" | "subtotal";

/**
 * A row is a total only when its label says so (DOMAIN.md): `TOTAL`, `Total …`, `Sous-total …`,
 * `S/Total`. `grand`: says it is the whole (`TOTAL`, `Total général`); `total`: `Total axe 1`,
 * a sub-total unless it closes the table; `subtotal`: says sub-total.
 */
export function totalKind(label: string): TotalKind | undefined {
  const words = labelWords(label);
  if (words.length === 0) return undefined;
  const [w0, w1] = words;
  if (w0 === "s/total" || w0 === "s/totaux" || w0 === "soustotal" || w0 === "stotal" || (w0 === "sous" && (w1 === "total" || w1 === "totaux"))) {
    return "subtotal";
  }
  if (w0 === "total" || w0 === "totaux" || w0 === "total:" ) {
    return words.slice(1).every((w) => GRAND_TOTAL_WORDS.has(w)) ? "grand" : "total";
  }
  return undefined;
}

/** A row of years (`2017 2018 … 2021`) is a header, not amounts. */
export function isYearRow(grid: SheetGrid, row: number, fromColumn: number, toColumn: number): boolean {
  let years = 0;
  for (let c = fromColumn; c <= toColumn; c++) {
    const r = grid.cell(row, c).reading;
    if (r.kind === "empty" || r.kind === "text") continue;
    if (r.kind !== "number" || !Number.isInteger(r.value) || r.value < 1900 || r.value > 2100 || r.fromText && /\s/.test(String(grid.value(row, c)))) return false;
    years++;
  }
  return years >= 2;
}

/** The first text cell of the row among the given columns: the row's label. */
export function rowLabel(grid: SheetGrid, row: number, columns: readonly number[]): string {
  for (const c of columns) {
    const r = grid.cell(row, c).reading;
    if (r.kind === "text") return r.text.trim();
  }
  return "";
}
