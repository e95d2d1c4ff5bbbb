/** Imputation tables (report form) and Dépense tables (deliberation form, Article 3). */
import { columnAmounts, type ColumnAmounts } from "../amounts";
import type { GridCell, SheetGrid } from "../grid";
import { codeKey } from "./operations";
import { rowTotalKind } from "./rows";
import type { DepenseLine, ImputationLine, LineAmountRole, OperationLine, TableBase } from "./types";

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

/**
 * The rows of a report or deliberation table between two rows (inclusive): every row with a code
 * or an amount, totals left out.
 */
export function lineRows(grid: SheetGrid, h: HeaderInfo, fromRow: number, toRow: number, amountRoles: readonly ("cp" | "disponible" | "proposition" | "solde" | "depense")[]): Int32Array {
  const labels = labelColumns(h);
  // The amount columns once, not looked up by role on each of 100 000 rows.
  const amountColumns: number[] = [];
  for (const role of amountRoles) if (h.columns[role] !== undefined) amountColumns.push(h.columns[role]!);
  // Written into one typed array (4 bytes a row, what the lines' frame keeps), not pushed one by one.
  const out = new Int32Array(Math.max(0, toRow - fromRow + 1));
  let n = 0;
  for (let row = fromRow; row <= toRow; row++) {
    if (rowTotalKind(grid, row, labels)) continue;
    if ((h.columns.code !== undefined && text(grid, row, h.columns.code) !== "") || amountColumns.some((c) => !grid.isEmpty(row, c))) out[n++] = row;
  }
  return n === out.length ? out : out.slice(0, n);
}

/** The roles whose cells each kind of line has: an imputation line has no Dépense, and so on. */
const LINE_ROLES = {
  imputation: ["imputation", "cp", "disponible", "proposition", "solde"],
  depense: ["imputation", "cp", "depense"],
} as const;

type LineRole = "imputation" | LineAmountRole;

/** Where each role's amounts sit in a frame's list (an array indexed by number, asked per line). */
const AMOUNT_SLOT: Readonly<Record<LineAmountRole, number>> = { cp: 0, disponible: 1, proposition: 2, solde: 3, depense: 4 };

/**
 * What the lines of one table share: the grid, the table, and the column of each role. A line
 * keeps its row and this frame, not five cells: the cells are made when a check reports on one.
 */
class LineFrame {
  /** Each role's amounts, by `AMOUNT_SLOT`, read a column at a time when first asked. */
  private readonly amounts: (ColumnAmounts | undefined)[] = [];

  constructor(
    readonly grid: SheetGrid,
    readonly tableId: string,
    readonly sheetIndex: number,
    private readonly columns: Partial<Record<LineRole, number>>,
    /** The lines' rows, in order (4 bytes a line, not a field of each). */
    readonly rows: Int32Array,
  ) {}

  cell(row: number, role: LineRole): GridCell | undefined {
    const column = this.columns[role];
    return column === undefined ? undefined : this.grid.cell(row, column);
  }

  /** The role's amounts line by line; undefined when the table has no such column. */
  columnAmounts(role: LineAmountRole): ColumnAmounts | undefined {
    const slot = AMOUNT_SLOT[role];
    const known = this.amounts[slot];
    if (known) return known;
    const column = this.columns[role];
    if (column === undefined) return undefined;
    return (this.amounts[slot] = columnAmounts(this.grid, this.rows, column));
  }

  cents(role: LineAmountRole, index: number): number | undefined {
    const amounts = this.columnAmounts(role);
    if (!amounts) return undefined;
    const c = amounts.cents[index];
    return Number.isNaN(c) ? undefined : c;
  }
}

/** The texts every line has (code, imputation, libellé) and its place; its cells through its frame. */
class TableLine implements OperationLine {
  readonly codeKey: string;

  constructor(
    /** @internal */
    readonly frame: LineFrame,
    private readonly index: number,
    readonly code: string,
    readonly imputation: string,
    readonly libelle: string,
  ) {
    this.codeKey = codeKey(code);
  }

  get row(): number {
    return this.frame.rows[this.index];
  }

  get tableId(): string {
    return this.frame.tableId;
  }

  get sheet(): string {
    return this.frame.grid.name;
  }

  get sheetIndex(): number {
    return this.frame.sheetIndex;
  }

  get imputationCell(): GridCell | undefined {
    return this.frame.cell(this.row, "imputation");
  }

  get cp(): GridCell | undefined {
    return this.frame.cell(this.row, "cp");
  }

  cents(role: LineAmountRole): number | undefined {
    return this.frame.cents(role, this.index);
  }
}

class ReportLine extends TableLine implements ImputationLine {
  get disponible(): GridCell | undefined {
    return this.frame.cell(this.row, "disponible");
  }

  get proposition(): GridCell | undefined {
    return this.frame.cell(this.row, "proposition");
  }

  get solde(): GridCell | undefined {
    return this.frame.cell(this.row, "solde");
  }
}

class DeliberationLine extends TableLine implements DepenseLine {
  get depense(): GridCell | undefined {
    return this.frame.cell(this.row, "depense");
  }
}

function tableLines<L extends OperationLine>(
  grid: SheetGrid,
  h: HeaderInfo,
  tableId: string,
  rows: Int32Array,
  kind: keyof typeof LINE_ROLES,
  make: (frame: LineFrame, index: number, code: string, imputation: string, libelle: string) => L,
): L[] {
  const columns: Partial<Record<LineRole, number>> = {};
  for (const role of LINE_ROLES[kind]) columns[role] = h.columns[role];
  const frame = new LineFrame(grid, tableId, h.sheetIndex, columns, rows);
  const lines = new Array<L>(rows.length);
  for (let i = 0; i < rows.length; i++) lines[i] = make(frame, i, text(grid, rows[i], h.columns.code), text(grid, rows[i], h.columns.imputation), text(grid, rows[i], h.columns.libelle));
  return lines;
}

function frameOf(line: OperationLine): LineFrame {
  if (!(line instanceof TableLine)) throw new Error("Pointage: a table line not read from a grid");
  return line.frame;
}

/** The grid a line was read from, for reading its columns without making its cells. */
export function lineGrid(line: OperationLine): SheetGrid {
  return frameOf(line).grid;
}

/** The rows of a table's lines (`lines` are a table's own, in order), as their frame keeps them. */
export function lineRowsOf(lines: readonly OperationLine[]): Int32Array {
  return frameOf(lines[0]).rows;
}

/** The amounts of one role down the lines of a table (`lines` are a table's own, in order). */
export function lineAmounts(lines: readonly OperationLine[], role: LineAmountRole): ColumnAmounts | undefined {
  return lines.length ? frameOf(lines[0]).columnAmounts(role) : undefined;
}

/** The lines of a report's imputation table, at these rows. */
export function imputationLines(grid: SheetGrid, h: HeaderInfo, tableId: string, rows: Int32Array): ImputationLine[] {
  return tableLines(grid, h, tableId, rows, "imputation", (...args) => new ReportLine(...args));
}

/** The lines of a deliberation's Article 3 table, at these rows. */
export function depenseLines(grid: SheetGrid, h: HeaderInfo, tableId: string, rows: Int32Array): DepenseLine[] {
  return tableLines(grid, h, tableId, rows, "depense", (...args) => new DeliberationLine(...args));
}
