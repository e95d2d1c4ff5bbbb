/** A built-in template: a sheet written in the seeds' wording, with placeholders and formulas. */
import type { Lang } from "../../findings";
import type { ProrataRegime } from "../../settings";
import type { BudgetTable } from "../../tables/budget";
import type { FillChart, FillConditionalFormat, ResolvedField } from "../plan";

/** A cell of a built-in: text (placeholders allowed), a number, or a formula with its number format. */
export type BuiltinCell = string | number | null | { f: string; fmt?: string } | { v: string | number; fmt: string };

export interface BuiltinTemplate {
  id: string;
  name: string;
  /** The sheet it becomes when inserted into the workbook (`Modèle Rapport`). */
  sheetName: string;
  /** Prefix of a filled sheet's name (`Rapport` → `Rapport C05-043A06`). */
  filledName: string;
  needsLine: boolean;
  lineKinds: string[];
  rows: BuiltinCell[][];
  merges?: string[];
  columnWidths?: number[];
  charts?: FillChart[];
  /** Lists that may be absent from a workbook (no breakdown): their rows are then removed, not a problem. */
  optionalLists?: string[];
  /** Conditional formats of the sheet (the cerfa's equality cell). */
  conditionalFormats?: FillConditionalFormat[];
  /**
   * A form laid out from a budget of the workbook (the cerfa 12156 and 15059), not from
   * placeholders: `rows` is then the blank form. `required`: without a budget it cannot be filled.
   */
  fromBudget?: { required: boolean; layout: (input: BudgetLayoutInput) => BuiltinLayout };
}

/** What a form laid out from a budget reads: the budget (none: the blank form) and the convention's terms. */
export interface BudgetLayoutInput {
  budget?: BudgetTable;
  /** The Département's convention in the workbook, in cents, when there is one. */
  convention?: { subvention: number; coutTotal: number; montantVerse?: number };
  regime: ProrataRegime;
  lang: Lang;
}

export interface BuiltinLayout {
  rows: BuiltinCell[][];
  merges?: string[];
  conditionalFormats?: FillConditionalFormat[];
  /** What the preview shows: the budget the form was filled from. */
  fields: ResolvedField[];
}
