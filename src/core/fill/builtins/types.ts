/** A built-in template: a sheet written in the seeds' wording, with placeholders and formulas. */
import type { FillChart } from "../plan";

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
}
