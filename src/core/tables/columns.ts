/** The cells where numbers are expected, column by column, for the NUM, CELL and FORMULE checks. */
import { cents, type ColumnAmounts } from "../amounts";
import type { GridCell, SheetGrid } from "../grid";
import type { CellReading } from "../numbers";
import { budgetSides } from "./budget";
import { headerRole } from "./headers";
import { lineAmounts, lineGrid, lineRowsOf } from "./imputation";
import type { DepenseTable, FoundTables, ImputationTable, LineAmountRole, OperationLine, Table, TermKey } from "./types";

export type NumberRole = "cp" | "disponible" | "proposition" | "solde" | "depense" | "montant" | "pourcent" | TermKey;

/**
 * A column of cells where numbers are expected, read cell by cell by position. A report's column
 * of 100 000 amounts is read from its grid without a cell object per line: a check makes the
 * cell (`cell`) only for what it reports.
 */
export interface NumberColumn {
  readonly table: Table;
  readonly role: NumberRole;
  /** The header as typed, or the term's label. */
  readonly header: string;
  /** Money (cents) or a percentage. */
  readonly unit: "money" | "percent";
  /** Cells from top to bottom; a convention term is a column of one cell. */
  readonly length: number;
  /** `reading(i).kind`, cheaper: no number is read for it. */
  kind(i: number): CellReading["kind"];
  reading(i: number): CellReading;
  /** What `cents` (src/core/amounts.ts) says of the cell. */
  cents(i: number): number | undefined;
  /** The cell's formula (`=E5-F5`) when it holds one. */
  formula(i: number): string | undefined;
  row(i: number): number;
  /** The cell itself, for a finding. */
  cell(i: number): GridCell;
  /**
   * Indexes, in order, of the cells that may be anything but a plain amount (`ColumnAmounts`):
   * the NUM and CELL checks read only these. Every index for columns not read so.
   */
  unusual(): ArrayLike<number>;
}

/** 0, 1, … n − 1. */
function everyIndex(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/** A column of cells already made (repartitions, lists, budgets, convention terms). */
class CellsColumn implements NumberColumn {
  constructor(
    readonly table: Table,
    readonly role: NumberRole,
    readonly header: string,
    readonly unit: "money" | "percent",
    private readonly cells: readonly GridCell[],
  ) {}

  get length(): number {
    return this.cells.length;
  }

  kind(i: number): CellReading["kind"] {
    return this.cells[i].reading.kind;
  }

  reading(i: number): CellReading {
    return this.cells[i].reading;
  }

  cents(i: number): number | undefined {
    return cents(this.cells[i]);
  }

  formula(i: number): string | undefined {
    return this.cells[i].formula;
  }

  row(i: number): number {
    return this.cells[i].row;
  }

  cell(i: number): GridCell {
    return this.cells[i];
  }

  unusual(): ArrayLike<number> {
    return everyIndex(this.cells.length);
  }
}

/** One role's column of a report or deliberation table, read from its grid at its lines' rows. */
class LinesColumn implements NumberColumn {
  private readonly grid: SheetGrid;
  /** The lines' rows, shared with their frame: read by index, not through each line's getter. */
  private readonly rows: Int32Array;
  private known?: ColumnAmounts;

  constructor(
    readonly table: Table,
    readonly role: LineAmountRole,
    readonly header: string,
    private readonly lines: readonly OperationLine[],
    private readonly column: number,
  ) {
    this.grid = lineGrid(lines[0]);
    this.rows = lineRowsOf(lines);
  }

  /** Read from the grid once, for the line objects and every check. */
  private get amounts(): ColumnAmounts {
    return (this.known ??= lineAmounts(this.lines, this.role)!);
  }

  readonly unit = "money";

  get length(): number {
    return this.rows.length;
  }

  kind(i: number): CellReading["kind"] {
    return this.grid.kind(this.rows[i], this.column);
  }

  reading(i: number): CellReading {
    return this.grid.reading(this.rows[i], this.column);
  }

  cents(i: number): number | undefined {
    const c = this.amounts.cents[i];
    return Number.isNaN(c) ? undefined : c;
  }

  formula(i: number): string | undefined {
    return this.grid.formula(this.rows[i], this.column);
  }

  row(i: number): number {
    return this.rows[i];
  }

  cell(i: number): GridCell {
    return this.grid.cell(this.rows[i], this.column);
  }

  unusual(): ArrayLike<number> {
    return this.amounts.unusual;
  }
}

/** A column of cells already made. */
export function cellsColumn(table: Table, role: NumberRole, header: string, unit: "money" | "percent", cells: readonly GridCell[]): NumberColumn {
  return new CellsColumn(table, role, header, unit, cells);
}

/** The cells of one role of a report or deliberation table, line by line; undefined when it has no such column. */
export function lineColumn(table: ImputationTable | DepenseTable, role: LineAmountRole): NumberColumn | undefined {
  const column = table.columns[role];
  if (column === undefined) return undefined;
  const lines: readonly OperationLine[] = table.lines;
  const header = table.headers[column] ?? role;
  if (lines.length === 0) return new CellsColumn(table, role, header, "money", []);
  return new LinesColumn(table, role, header, lines, column);
}

/**
 * Cents of one role down a report or deliberation table's lines, NaN where `line.cents(role)` is
 * undefined; undefined when the table has no such column (or no line). The line checks loop over
 * these arrays: three method calls per line and role cost more than the comparison they serve.
 */
export function lineCents(table: ImputationTable | DepenseTable, role: LineAmountRole): Float64Array | undefined {
  return lineAmounts(table.lines, role)?.cents;
}

const LINE_ROLES = { imputation: ["cp", "disponible", "proposition", "solde"], depense: ["cp", "depense"] } as const;

/** Five checks read the same columns: built once per set of found tables, as operations.ts does. */
const columnsMemo = new WeakMap<FoundTables, readonly NumberColumn[]>();

export function numberColumns(tables: FoundTables): readonly NumberColumn[] {
  const known = columnsMemo.get(tables);
  if (known) return known;
  const out = buildNumberColumns(tables);
  columnsMemo.set(tables, out);
  return out;
}

function buildNumberColumns(tables: FoundTables): NumberColumn[] {
  const out: NumberColumn[] = [];
  for (const table of tables.all) {
    if (table.kind === "imputation" || table.kind === "depense") {
      for (const role of LINE_ROLES[table.kind]) {
        const column = lineColumn(table, role);
        if (column) out.push(column);
      }
    } else if (table.kind === "repartition") {
      out.push(cellsColumn(table, "montant", table.headers[table.amountColumn], "money", table.rows.map((r) => r.amount)));
      if (table.percentColumn !== undefined) {
        const cells = table.rows.map((r) => r.percent).filter((c): c is GridCell => !!c && c.reading.kind !== "empty");
        out.push(cellsColumn(table, "pourcent", table.headers[table.percentColumn], "percent", cells));
      }
    } else if (table.kind === "liste") {
      // A list's columns of money by their header (`Montant`, `Coût total`): NUM-TEXTE,
      // NUM-CENTIMES and CELL-ERREUR read them; quantities, rates and identifiers are not money.
      for (const col of table.numeric) {
        if (headerRole(col.header) !== "montant") continue;
        out.push(cellsColumn(table, "montant", col.header, "money", col.cells.filter((c) => c.reading.kind !== "empty")));
      }
    } else if (table.kind === "budget") {
      // Each side's columns of amounts (and the compte rendu's %): NUM-TEXTE, CELL-ERREUR… read them.
      for (const side of budgetSides(table)) {
        const lines = side.total ? [...side.lines, side.total] : side.lines;
        side.columns.forEach((col, i) => {
          const percent = col.role === "pourcent";
          const cells = lines.map((l) => l.cells[i]).filter((c) => c.reading.kind !== "empty");
          out.push(cellsColumn(table, percent ? "pourcent" : "montant", col.header || (side.kind === "charges" ? "Charges" : "Produits"), percent ? "percent" : "money", cells));
        });
      }
    } else if (table.kind === "convention") {
      for (const term of Object.values(table.terms)) {
        // A term read in a sentence is words, not a number cell: nothing for the NUM checks.
        if (!term || term.inText) continue;
        const unit = term.key === "tauxIntervention" || term.key === "tauxPlafond" ? "percent" : "money";
        out.push(cellsColumn(table, term.key, term.label.reading.kind === "text" ? term.label.reading.text.trim() : term.key, unit, [term.value]));
      }
    }
  }
  return out;
}

/**
 * Consecutive runs (adjacent rows) of a column's cells whose index satisfies `test`, as indexes,
 * for one finding per run: a cell is made only for the indexes a check reports. `among`: the
 * indexes to test, in order (every index by default); one left out ends a run, as a cell that
 * fails does.
 */
export function indexRuns(column: NumberColumn, test: (i: number) => boolean, among: ArrayLike<number> = everyIndex(column.length)): number[][] {
  const out: number[][] = [];
  let current: number[] = [];
  for (let k = 0; k < among.length; k++) {
    const i = among[k];
    const passes = test(i);
    const last = current.length ? current[current.length - 1] : -1;
    if (passes && (last < 0 || (i === last + 1 && column.row(i) === column.row(last) + 1))) {
      current.push(i);
      continue;
    }
    if (current.length) {
      out.push(current);
      current = [];
    }
    if (passes) current.push(i);
  }
  if (current.length) out.push(current);
  return out;
}

/** Consecutive runs (adjacent rows) of the cells that satisfy `test`, for one finding per run. */
export function runs(cells: readonly GridCell[], test: (c: GridCell) => boolean): GridCell[][] {
  const out: GridCell[][] = [];
  let current: GridCell[] = [];
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    const passes = test(cell);
    if (passes && (current.length === 0 || cell.row === current[current.length - 1].row + 1)) {
      current.push(cell);
      continue;
    }
    // A new list only when a run ends (most cells pass no test: no array for each of them).
    if (current.length) {
      out.push(current);
      current = [];
    }
    if (passes) current.push(cell);
  }
  if (current.length) out.push(current);
  return out;
}
