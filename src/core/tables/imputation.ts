/** Imputation tables (report form) and Dépense tables (deliberation form, Article 3). */
import type { GridCell, SheetGrid } from "../grid";
import { rowLabel, totalKind } from "./rows";
import type { DepenseLine, ImputationLine, OperationLine, TableBase } from "./types";

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

/** The cells and texts every line has: code, imputation, libellé, CP. */
function operationLine(grid: SheetGrid, h: HeaderInfo, tableId: string, row: number): OperationLine {
  return {
    tableId,
    sheet: grid.name,
    sheetIndex: h.sheetIndex,
    row,
    code: text(grid, row, h.columns.code),
    imputation: text(grid, row, h.columns.imputation),
    libelle: text(grid, row, h.columns.libelle),
    imputationCell: cellAt(grid, row, h.columns.imputation),
    cp: cellAt(grid, row, h.columns.cp),
  };
}

function cellAt(grid: SheetGrid, row: number, column: number | undefined): GridCell | undefined {
  return column === undefined ? undefined : grid.cell(row, column);
}

// One object per line, its cells added to it (a spread of the common part would make two).
export function imputationLine(grid: SheetGrid, h: HeaderInfo, tableId: string, row: number): ImputationLine {
  const line: ImputationLine = operationLine(grid, h, tableId, row);
  line.disponible = cellAt(grid, row, h.columns.disponible);
  line.proposition = cellAt(grid, row, h.columns.proposition);
  line.solde = cellAt(grid, row, h.columns.solde);
  return line;
}

export function depenseLine(grid: SheetGrid, h: HeaderInfo, tableId: string, row: number): DepenseLine {
  const line: DepenseLine = operationLine(grid, h, tableId, row);
  line.depense = cellAt(grid, row, h.columns.depense);
  return line;
}
