/**
 * The one interface the task pane talks to. `src/excel/` implements it on Office.js, `src/file/`
 * on ExcelJS for the browser page. Components receive it as a prop and never import a host.
 */
import type { Finding, Fix, Lang } from "../core/findings";
import type { WorkbookSnapshot } from "../core/model";
import type { RangeData } from "../core/patch";
import type { ChangedRange } from "../core/recheck";
import type { WorkbookSettings } from "../core/settings";
import type { FillPlan } from "../core/fill/plan";

export interface ReadProgress {
  /** Cells (or row blocks) read so far and in all; the pane shows a progress bar from them. */
  done: number;
  total: number;
}

/** A failure the pane can explain: never a raw exception. */
export type HostErrorCode =
  | "cell-edit-mode"
  | "protected-sheet"
  | "too-large"
  | "unusable-file"
  | "not-found"
  | "unknown";

export class HostError extends Error {
  constructor(
    readonly code: HostErrorCode,
    /** A message for the user, already in the pane's language when the host knows it. */
    message: string,
    readonly sheet?: string,
    readonly cell?: string,
  ) {
    super(message);
    this.name = "HostError";
  }
}

/** What a cell held before a fix, so that Pointage can put it back (`undoFix`). */
export interface FixUndo {
  sheet: string;
  cell: string;
  /** The formula (`=E5-F5`) when the cell held one. */
  formula?: string;
  /** The constant otherwise ("" for an empty cell). */
  value?: string | number | boolean;
  numberFormat: string;
}

export interface HostApi {
  readonly kind: "excel" | "file";
  /** Reads every sheet (values, formulas, number formats) into a snapshot for the engine. */
  readWorkbook(onProgress?: (p: ReadProgress) => void): Promise<WorkbookSnapshot>;
  /** Selects (and shows) one cell (`G12`) or a range (`B3:F40`, an unread range). */
  selectCell(sheet: string, cell: string): Promise<void>;
  /**
   * Writes a fix's value or formula into its cell. Text is always written as text, never as a
   * formula. Returns what the cell held before, for `undoFix`.
   */
  applyFix(fix: Fix): Promise<FixUndo | void>;
  /** Puts back what a cell held before a fix: anything Pointage writes, Pointage can undo. */
  undoFix?(undo: FixUndo): Promise<void>;
  /** Marks the cells of these findings without touching the cells' own formats. */
  highlight(findings: Finding[]): Promise<void>;
  /** Removes every mark Pointage made; the cells' original formatting is left exactly as it was. */
  clearHighlights(): Promise<void>;
  /** Writes (or replaces) the `Contrôle` sheet listing the findings with links to their cells. */
  writeReport(findings: Finding[], lang: Lang): Promise<void>;
  /** Saves settings into the very hidden `_pointage` sheet. */
  saveSettings(settings: WorkbookSettings): Promise<void>;
  /**
   * Calls back when the workbook changes after a read, with the range changed when the host
   * knows it (the pane then re-checks the tables touched); returns an unsubscribe function.
   */
  onWorkbookChanged?(callback: (change?: ChangedRange) => void): () => void;
  /**
   * Reads these ranges again (values, formulas, number formats, value types) and the
   * `recalculated` ones (values and value types: formulas Excel recalculated) in one sync.
   */
  readRanges?(ranges: readonly ChangedRange[], recalculated?: readonly ChangedRange[]): Promise<RangeData[]>;

  // ---- templates (issue 9) ----
  /**
   * Applies a fill plan (a filled report, or a built-in template sheet to edit): the new sheet
   * is created, never over another one, and activated. Returns the name it got (the plan's, or
   * `Nom (2)` when that name was taken since the plan was made).
   */
  applyFillPlan?(plan: FillPlan): Promise<{ sheetName: string }>;
  // ---- end templates ----
}
