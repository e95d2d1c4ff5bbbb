/**
 * A fill plan: what a host does to turn a template sheet into a filled report, or to add a
 * built-in template sheet to the workbook. The engine computes it from the snapshot
 * (`src/core/fill/`); the hosts (the file writer of the CLI and the browser page, the Office.js
 * adapter) only apply it, in this order:
 *
 * 1. make the new sheet: a copy of `template` (its cells, formats, merges, conditional formats,
 *    data validation, column widths, sheet-scoped names, tables), or an empty sheet when
 *    `template` is absent; named `sheetName`, placed after the template (or last), never
 *    overwriting a sheet (the engine has already chosen a free name);
 * 2. apply `rowOperations` in order, as Excel's own Insert / Delete of whole rows do: what is
 *    below moves, and merges, conditional formats, data validation, names and Excel tables that
 *    lie on or below the rows move or stretch with them;
 * 3. write `blocks`, each as one rectangle (one 2-D array), in the new sheet's final coordinates;
 * 4. add `merges`, set `columnWidths`, add `conditionalFormats`, add `charts` (the file host writes
 *    them as chart parts of the new sheet), and activate the sheet when the host has an active sheet.
 *
 * Coordinates are 0-based (row 0, column 0 is A1), like the snapshot's.
 */

export interface FillPlan {
  /** The template sheet copied; absent when a built-in template sheet is created from nothing. */
  template?: string;
  /** The new sheet's name: free in the workbook, at most 31 characters, no `[]:*?/\`. */
  sheetName: string;
  rowOperations: RowOperation[];
  blocks: FillBlock[];
  /** Merged areas to add on the new sheet, A1 ranges without the sheet (final coordinates). */
  merges?: string[];
  /** Column widths in Excel's character units, by 0-based column. */
  columnWidths?: { column: number; width: number }[];
  charts?: FillChart[];
  /** Conditional formats to add on the new sheet (the cerfa's equality cell, red when the sides differ). */
  conditionalFormats?: FillConditionalFormat[];
  /** The resolved fields, for a preview before anything is written. */
  fields: ResolvedField[];
}

export type RowOperation =
  /**
   * Insert `count` whole rows above 0-based row `before` (rows from `before` down move by
   * `count`). The inserted rows take the formats (number formats, fills, borders, heights) of
   * row `formatFrom`, read in the sheet as it is just before this operation.
   */
  | { kind: "insertRows"; before: number; count: number; formatFrom: number }
  /** Delete `count` whole rows from 0-based row `start` (rows below move up). */
  | { kind: "deleteRows"; start: number; count: number };

/** A rectangle of cells written at once; `cells[i][j]` goes to (`row` + i, `column` + j). */
export interface FillBlock {
  row: number;
  column: number;
  cells: FillCell[][];
}

export type FillCell =
  /** Leave the cell as the copy has it. */
  | null
  /** A number, stored as a number, with the number format it must show (`#,##0.00\ "€"`). */
  | { kind: "number"; value: number; numberFormat?: string }
  /**
   * Text, always stored as text whatever its first character: a beneficiary named
   * `=HYPERLINK(…)`, `+33…`, `-x` or `@x` lands as that text, never as a formula.
   */
  | { kind: "text"; text: string }
  /** A live formula in Excel's English syntax with its leading `=` (`=E5-F5`, `=SUM(E5:E9)`). */
  | { kind: "formula"; formula: string; numberFormat?: string }
  /** Clear the cell's content (a placeholder's cell that must end up empty, a marker row's cell). */
  | { kind: "empty" };

export interface FillChart {
  type: "bar" | "column" | "pie";
  title: string;
  /** Categories and values, A1 ranges on the new sheet, same length. */
  categories: string;
  values: string;
  /** Where the chart's top-left corner goes (A1 cell on the new sheet). */
  anchor: string;
}

/** A formula rule: the cells of `range` take the fill where `formula` is TRUE. */
export interface FillConditionalFormat {
  /** A1 range on the new sheet, final coordinates, without the sheet. */
  range: string;
  /** Excel's English syntax with its `=`, relative to the range's first cell (`=B40<>D40`). */
  formula: string;
  /** Fill colour, `#RRGGBB`. */
  fill: string;
}

export interface ResolvedField {
  /** Where the placeholder is, on the template (A1, without the sheet). */
  cell: string;
  /** The placeholder as typed (`{proposition|euros}`). */
  placeholder: string;
  /** What it becomes, as shown (`9 380 €`, `=E5-F5`, `5 lignes`). */
  shown: string;
}

/** Why a template cannot be filled; nothing is written while there is one. */
export interface FillProblem {
  kind: "unknown-field" | "missing-value" | "unknown-formatter" | "syntax" | "no-line" | "unknown-template";
  /** The template sheet and the cell (A1) the problem is in, when it is in a cell. */
  sheet?: string;
  cell?: string;
  /** The placeholder or name at fault, as typed. */
  name?: string;
  /** The closest known name (« vouliez-vous dire {beneficiaire} ? »). */
  suggestion?: string;
  /** The message, in the requested language, naming sheet and cell. */
  message: string;
}

export type FillResult = { ok: true; plan: FillPlan } | { ok: false; problems: FillProblem[] };
