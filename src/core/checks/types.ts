/**
 * A check is one small named unit, modelled on ESLint's rules: its metadata (stable id from
 * DOMAIN.md, severity, messages in French and English with `{{placeholders}}`) and one function
 * that reads the found tables and reports findings. It never formats numbers or builds sentences.
 */
import type { Quantity, Severity } from "../findings";
import type { GridCell, SheetGrid } from "../grid";
import type { WorkbookSettings } from "../settings";
import type { FoundTables } from "../tables/types";

export type Family = "IMP" | "DEL" | "XREF" | "REP" | "CONV" | "NUM" | "CELL" | "FORMULE" | "RATIO" | "LIGNE" | "BUD" | "CRF";

export interface CheckMessage {
  fr: string;
  en: string;
  /** A message of another severity than the check's (XREF-IMPUTATION's `/` vs `//` is info). */
  severity?: Severity;
}

export interface CheckReport {
  messageId: string;
  /** The narrowest cell at fault. */
  at: GridCell;
  /** The cells it was computed from. */
  related?: readonly (GridCell | undefined)[];
  actual?: Quantity;
  expected?: Quantity;
  /** Other placeholders of the message. */
  data?: Record<string, Quantity | string | number>;
  /** A safe fix for the `at` cell: a formula (in Excel's English syntax) or a value. */
  fix?: { formula: string } | { value: number | string };
  table?: string;
}

export interface CheckContext {
  readonly tables: FoundTables;
  readonly grids: readonly SheetGrid[];
  readonly settings: WorkbookSettings;
  report(r: CheckReport): void;
}

/**
 * A check explained to the people who read its findings (a treasurer, a finance officer), in
 * plain text: each part one or a few sentences, ending with a period. Shown from the finding's
 * card (*En savoir plus*) and generated into docs/regles.md (scripts/build-rule-docs.ts).
 */
export interface RuleHelp {
  /** What the check verifies, in the tables' own words. */
  checks: string;
  /** Why it matters, in one sentence a treasurer understands. */
  why: string;
  /** How to fix a finding. */
  fix: string;
  /** An example with figures, from the seeds where they fit. */
  example: string;
}

export interface Check {
  id: string;
  severity: Severity;
  family: Family;
  /** `table`: reads one table at a time; `workbook`: compares tables (IMP-CUMUL, XREF-…). */
  scope: "table" | "workbook";
  /** One English line. */
  description: string;
  help: { fr: RuleHelp; en: RuleHelp };
  messages: Record<string, CheckMessage>;
  check(ctx: CheckContext): void;
}
