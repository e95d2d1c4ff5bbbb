/** Imputation tables (report form) and Dépense tables (deliberation form, Article 3). */
import type { SheetGrid } from "../grid";
import { rowLabel, totalKind } from "./rows";
import type { DepenseLine, ImputationLine, TableBase } from "./types";

export interface HeaderInfo extends Omit<TableBase, "id" | "kind" | "range"> {
  headerRow: number;
  firstColumn: number;
  lastColumn: number;
}

function text(grid: SheetGrid, row: number, column: number | undefined): string {
  if (column === undefined) return "";
  const v = grid.value(row, column);
  return typeof v === "string" ? v.trim() : String(v);
}

function labelColumns(h: HeaderInfo): number[] {
  const cols: number[] = [];
  for (let c = h.firstColumn; c <= h.lastColumn; c++) cols.push(c);
  return cols;
}

/** The rows of a report or deliberation table: every row with a code or an amount, totals left out. */
export function lineRows(grid: SheetGrid, h: HeaderInfo, rows: readonly number[], amountRoles: readonly ("cp" | "disponible" | "proposition" | "solde" | "depense")[]): number[] {
  const labels = labelColumns(h);
  return rows.filter((row) => {
    if (totalKind(rowLabel(grid, row, labels))) return false;
    if (h.columns.code !== undefined && text(grid, row, h.columns.code) !== "") return true;
    return amountRoles.some((role) => h.columns[role] !== undefined && !grid.isEmpty(row, h.columns[role]!));
  });
}

export function imputationLine(grid: SheetGrid, h: HeaderInfo, tableId: string, row: number): ImputationLine {
  const cell = (c: number | undefined) => (c === undefined ? undefined : grid.cell(row, c));
  return {
    tableId,
    sheet: grid.name,
    sheetIndex: h.sheetIndex,
    row,
    code: text(grid, row, h.columns.code),
    imputation: text(grid, row, h.columns.imputation),
    libelle: text(grid, row, h.columns.libelle),
    imputationCell: cell(h.columns.imputation),
    cp: cell(h.columns.cp),
    disponible: cell(h.columns.disponible),
    proposition: cell(h.columns.proposition),
    solde: cell(h.columns.solde),
  };
}

export function depenseLine(grid: SheetGrid, h: HeaderInfo, tableId: string, row: number): DepenseLine {
  const cell = (c: number | undefined) => (c === undefined ? undefined : grid.cell(row, c));
  return {
    tableId,
    sheet: grid.name,
    sheetIndex: h.sheetIndex,
    row,
    code: text(grid, row, h.columns.code),
    imputation: text(grid, row, h.columns.imputation),
    libelle: text(grid, row, h.columns.libelle),
    imputationCell: cell(h.columns.imputation),
    cp: cell(h.columns.cp),
    depense: cell(h.columns.depense),
  };
}
