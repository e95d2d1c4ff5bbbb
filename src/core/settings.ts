/**
 * Workbook settings: ignored findings, the user's header mapping and the prorata regime.
 * They live in a very hidden sheet `_pointage` so that all three hosts (Office.js, ExcelJS in the
 * CLI and in the browser) read and write the same thing; Office document settings would be
 * invisible to ExcelJS.
 *
 * Layout of `_pointage`: one setting per row, key in column A.
 *   ignore | IMP-SOLDE | Rapport | G4
 *   header | Montant voté | cp
 *   prorata | reduction
 */
import type { SheetSnapshot, WorkbookSnapshot } from "./model";
import { SETTINGS_SHEET } from "./model";

/** Column roles a header can be mapped to; see tables/headers.ts for the synonyms of each. */
export type ColumnRole =
  | "code"
  | "imputation"
  | "libelle"
  | "cp"
  | "disponible"
  | "proposition"
  | "solde"
  | "depense"
  | "montant"
  | "pourcent";

export const COLUMN_ROLES: readonly ColumnRole[] = [
  "code",
  "imputation",
  "libelle",
  "cp",
  "disponible",
  "proposition",
  "solde",
  "depense",
  "montant",
  "pourcent",
];

/** How a subsidy is reduced when real expenses fall short (DOMAIN.md, CONV-PRORATA). */
export type ProrataRegime = "prorata" | "reduction";

export interface WorkbookSettings {
  /** Keys of ignored findings, see `findingKey`. */
  ignored: string[];
  /** Header text (as typed) → role. Matching folds case, accents and punctuation. */
  headerMap: Record<string, ColumnRole>;
  prorataRegime: ProrataRegime;
}

export const DEFAULT_SETTINGS: WorkbookSettings = { ignored: [], headerMap: {}, prorataRegime: "prorata" };

/** The stable key of a finding for the ignore list: rule, sheet and cell. */
export function findingKey(f: { rule: string; sheet: string; cell: string }): string {
  return `${f.rule}|${f.sheet}|${f.cell}`;
}

function isRole(s: string): s is ColumnRole {
  return (COLUMN_ROLES as readonly string[]).includes(s);
}

/** Reads the settings sheet's rows; unknown rows are kept out, never fatal. */
export function settingsFromRows(rows: ReadonlyArray<ReadonlyArray<unknown>>): WorkbookSettings {
  const out: WorkbookSettings = { ignored: [], headerMap: {}, prorataRegime: "prorata" };
  for (const row of rows) {
    const [key, a, b, c] = row.map((v) => (v === null || v === undefined ? "" : String(v)));
    if (key === "ignore" && a && b && c) out.ignored.push(findingKey({ rule: a, sheet: b, cell: c }));
    else if (key === "header" && a && isRole(b)) out.headerMap[a] = b;
    else if (key === "prorata" && (a === "prorata" || a === "reduction")) out.prorataRegime = a;
  }
  return out;
}

/** The rows to write into `_pointage` for these settings (all strings: never formulas). */
export function settingsToRows(settings: WorkbookSettings): string[][] {
  const rows: string[][] = [["prorata", settings.prorataRegime, "", ""]];
  for (const [header, role] of Object.entries(settings.headerMap)) rows.push(["header", header, role, ""]);
  for (const key of settings.ignored) {
    const [rule, sheet, cell] = key.split("|");
    rows.push(["ignore", rule, sheet, cell]);
  }
  return rows;
}

export function settingsSheet(snapshot: WorkbookSnapshot): SheetSnapshot | undefined {
  return snapshot.sheets.find((s) => s.name === SETTINGS_SHEET);
}

/** Settings stored in the workbook, or the defaults. */
export function readSettings(snapshot: WorkbookSnapshot): WorkbookSettings {
  const sheet = settingsSheet(snapshot);
  return sheet ? settingsFromRows(sheet.values) : { ...DEFAULT_SETTINGS, ignored: [], headerMap: {} };
}
