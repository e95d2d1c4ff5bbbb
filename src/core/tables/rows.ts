/** What a row says it is: a total, a sub-total, a header of years. Shared by the table finders. */
import type { SheetGrid } from "../grid";
import { labelWords, mayOpenWith } from "../text";

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
  if (!mayOpenWith(label, "st")) return undefined;
  const words = labelWords(label);
  if (words.length === 0) return undefined;
  const [w0, w1] = words;
  if (w0 === "s/total" || w0 === "s/totaux" || w0 === "soustotal" || w0 === "stotal" || (w0 === "sous" && (w1 === "total" || w1 === "totaux"))) {
    return "subtotal";
  }
  if (w0 === "total" || w0 === "totaux") {
    return words.slice(1).every((w) => GRAND_TOTAL_WORDS.has(w)) ? "grand" : "total";
  }
  return undefined;
}

/**
 * A row of years (`2017 2018 … 2021`) is a header, not amounts: whole numbers between 1900 and
 * 2100 that follow each other year by year (a line of 1 950 € and 2 000 € is amounts).
 */
export function isYearRow(grid: SheetGrid, row: number, fromColumn: number, toColumn: number): boolean {
  const years: number[] = [];
  for (let c = fromColumn; c <= toColumn; c++) {
    const r = grid.reading(row, c);
    if (r.kind === "empty" || r.kind === "text") continue;
    if (r.kind !== "number" || !Number.isInteger(r.value) || r.value < 1900 || r.value > 2100) return false;
    // `2 017 €` typed as text is an amount; a year is written without a thousands separator.
    if (r.fromText && /\D/.test(String(grid.value(row, c)).trim())) return false;
    years.push(r.value);
  }
  return years.length >= 2 && years.every((y, i) => i === 0 || y === years[i - 1] + 1);
}

/**
 * A line starting `dont …` details the line above it (DOMAIN.md): a part of it, never an addend
 * of the total (`dont matériel` under `Administratif et coûts indirects`).
 */
export function isPartLine(label: string): boolean {
  return /^\s*(dont|y compris|incl\.?|inclus)\b/i.test(label);
}

/** The first text cell of the row among the given columns: the row's label. */
export function rowLabel(grid: SheetGrid, row: number, columns: readonly number[]): string {
  // Indexed: asked of every line of every table.
  for (let k = 0; k < columns.length; k++) {
    const text = grid.text(row, columns[k]);
    if (text) return text.trim();
  }
  return "";
}

/**
 * `totalKind(rowLabel(grid, row, columns))`, the label read and folded only when its cell's byte
 * says it may open with `s` or `t`: asked of every line, whose labels are mostly codes that cannot.
 */
export function rowTotalKind(grid: SheetGrid, row: number, columns: readonly number[]): TotalKind | undefined {
  for (let k = 0; k < columns.length; k++) {
    const text = grid.text(row, columns[k]);
    if (text) return grid.mayOpenTotal(row, columns[k], "st") ? totalKind(text.trim()) : undefined;
  }
  return undefined;
}
