/**
 * The head of a built-in's sheet, written the same way by every built-in with a table: its title,
 * a line under it (empty, or the form's instruction), then the table's header row.
 */
import type { BuiltinCell } from "./types";

/** The operation's three columns, as the reports' and deliberations' tables head them. */
export const OPERATION_HEADERS = ["Code Opération", "Imputation budgétaire", "Libellé Opération"] as const;

/** The first three rows of a built-in: title, note (empty by default), header row. */
export function titledHeader(title: string, headers: readonly BuiltinCell[], note?: string): BuiltinCell[][] {
  return [[title], note ? [note] : [], [...headers]];
}
