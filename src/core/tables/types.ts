/** The tables the finders return and the checks read. */
import type { RangeRef } from "../address";
import type { GridCell } from "../grid";
import type { ColumnRole } from "../settings";

export type TableKind = "imputation" | "depense" | "repartition" | "convention" | "liste" | "budget";

export interface TableBase {
  /** `Sheet!A1:G3`, unique in the workbook. */
  id: string;
  kind: TableKind;
  sheet: string;
  range: RangeRef;
  /** Workbook order: sheet index, for "the first of them" across sheets (IMP-CUMUL). */
  sheetIndex: number;
  /** Column of each role found in the header (absolute, 0-based). */
  columns: Partial<Record<ColumnRole, number>>;
  /** The header cells, by column, for messages ("colonne Solde"). */
  headers: Record<number, string>;
  /** The Excel table (ListObject) this table is, if any. */
  listObject?: string;
}

/** The amount roles of report and deliberation lines. */
export type LineAmountRole = "cp" | "disponible" | "proposition" | "solde" | "depense";

/**
 * What report and deliberation lines share: where they are and which budget line they name.
 *
 * A line keeps its row and its table's columns, not its cells (a table may have a million lines):
 * each cell is made when it is asked for, which checks do for the few lines they report on. They
 * read amounts through `cents`, which makes no cell.
 */
export interface OperationLine {
  readonly tableId: string;
  readonly sheet: string;
  readonly sheetIndex: number;
  readonly row: number;
  readonly code: string;
  /** The code as codes are compared (`codeKey`): worked out once per line, not once per check. */
  readonly codeKey: string;
  readonly imputation: string;
  readonly libelle: string;
  /** The imputation cell, for XREF-IMPUTATION. */
  readonly imputationCell?: GridCell;
  readonly cp?: GridCell;
  /**
   * Cents of the line's amount in that role, as `cents` (src/core/amounts.ts) reads its cell;
   * undefined when the line has no such cell or it holds no amount.
   */
  cents(role: LineAmountRole): number | undefined;
}

/** One line of a report's imputation table. */
export interface ImputationLine extends OperationLine {
  readonly disponible?: GridCell;
  readonly proposition?: GridCell;
  readonly solde?: GridCell;
}

export interface ImputationTable extends TableBase {
  kind: "imputation";
  lines: ImputationLine[];
}

/** One line of a deliberation's Article 3 table. */
export interface DepenseLine extends OperationLine {
  readonly depense?: GridCell;
}

export interface DepenseTable extends TableBase {
  kind: "depense";
  lines: DepenseLine[];
}

export type RepartitionRowKind = "detail" | "subtotal" | "total";

export interface RepartitionRow {
  row: number;
  kind: RepartitionRowKind;
  label: string;
  amount: GridCell;
  percent?: GridCell;
}

export interface RepartitionTable extends TableBase {
  kind: "repartition";
  amountColumn: number;
  percentColumn?: number;
  rows: RepartitionRow[];
  /** How the % column's plain numbers are read: fractions (0.3198) or points (31.98). */
  percentScale: "fraction" | "points";
  /** The arithmetic between its numeric columns, when its rows establish one (Nombre × PU = Montant). */
  arithmetic?: RowArithmetic;
}

/** Numeric columns of a table's detail rows and the relations they establish (LIGNE-CALCUL). */
export interface RowArithmetic {
  numeric: ListeColumn[];
  relations: import("./relations").Relation[];
}

/** The terms of a convention, as label/value pairs (DOMAIN.md, table kind 4). */
export type TermKey =
  | "subvention"
  | "coutTotal"
  | "tauxIntervention"
  | "plafond"
  /** A cap stated as a rate (`dans la limite de 80 %`): subvention ÷ coût total may not exceed it. */
  | "tauxPlafond"
  | "depensesRealisees"
  | "montantVerse"
  | "subventionDue"
  | "reversement";

export interface ConventionTerm {
  key: TermKey;
  label: GridCell;
  /**
   * The value's cell. For a term written in a sentence (`inText`), the sentence's own cell, whose
   * reading is the amount or rate the sentence states.
   */
  value: GridCell;
  /** Read in a sentence: not a number cell (no NUM-* finding, no formula proposed on it). */
  inText?: boolean;
}

export interface ConventionTable extends TableBase {
  kind: "convention";
  terms: Partial<Record<TermKey, ConventionTerm>>;
}

/**
 * A table no kind above covers (grant lists, event budgets, cost estimates, cerfa-like forms): its
 * numeric columns, checked by the arithmetic inferred from the rows (LIGNE-CALCUL) and by its
 * TOTAL / sous-total rows.
 */
export interface ListeColumn {
  column: number;
  /** The header as typed ("" when the table has none). */
  header: string;
  /** The column's cells on the table's rows, in the order of `rows` (empty cells included). */
  cells: GridCell[];
}

export interface ListeRow {
  row: number;
  kind: RepartitionRowKind;
  label: string;
}

export interface ListeTable extends TableBase {
  kind: "liste";
  /** The header row, when the table has one. */
  headerRow?: number;
  /** Columns holding labels (text), left to right. */
  labelColumns: number[];
  /** Columns holding numbers, left to right. */
  numeric: ListeColumn[];
  /** Data rows, top to bottom (headings and empty rows left out). */
  rows: ListeRow[];
  /** The row arithmetic its detail rows establish (LIGNE-CALCUL). */
  relations: import("./relations").Relation[];
}

export type Table = ImputationTable | DepenseTable | RepartitionTable | ConventionTable | ListeTable | import("./budget").BudgetTable;

/**
 * Why a range holding numbers was not checked: no header Pointage understood (`no-header`), a
 * header naming some roles but not enough to make a table (`partial-header`), or a table that was
 * read but offers nothing to check: no total, no arithmetic between its columns (`nothing-to-check`).
 */
export type UnreadReason = "no-header" | "partial-header" | "nothing-to-check";

export interface UnreadRegion {
  sheet: string;
  sheetIndex: number;
  range: RangeRef;
  reason: UnreadReason;
  /** The header cells Pointage saw there, as typed (what a header mapping would name). */
  headers: string[];
  /** The roles those headers were understood as, if any. */
  roles: ColumnRole[];
}

export interface FoundTables {
  /** `% X sur Y` rows (RATIO-LIGNE); not tables of their own, so not in `all`. */
  ratios: import("./ratio").RatioRow[];
  imputation: ImputationTable[];
  depense: DepenseTable[];
  repartition: RepartitionTable[];
  convention: ConventionTable[];
  liste: ListeTable[];
  /** Association budgets (cerfa 12156 / 15059, two-sided event budgets): charges beside or above produits. */
  budget: import("./budget").BudgetTable[];
  /** Ranges holding numbers that no table covers, or tables with nothing to check: said, never skipped. */
  unread: UnreadRegion[];
  /** All of them in workbook order. */
  all: Table[];
}
