/**
 * A séance: the reports of one Commission Permanente arrive as separate files, and the checks
 * that span reports (IMP-CUMUL, IMP-CHAINE, the XREF checks) only see them together. This makes
 * one workbook of several, in file order: each sheet renamed `fichier › feuille`, the sheet
 * references of its formulas renamed with it (so that `=Rapport!D4` still reaches its own file's
 * `Rapport`, never another file's), and the files' `_pointage` settings merged into one.
 */
import type { CellValue, DefinedNameSnapshot, SheetSnapshot, WorkbookSnapshot } from "./model";
import { SETTINGS_SHEET } from "./model";
import { quoteSheet } from "./address";
import { quotedSheetName, tokenize, untokenize } from "./fill/formulaTokens";
import { findingKey, settingsFromRows, settingsToRows, type WorkbookSettings } from "./settings";

/** Between the file's name and the sheet's in a séance's sheet names. */
export const SEANCE_SEPARATOR = " › ";

/** The file a séance's sheet comes from (`rapport-12.xlsx › Rapport` → `rapport-12.xlsx`); "" outside a séance. */
export function seanceFileOf(sheet: string): string {
  const at = sheet.indexOf(SEANCE_SEPARATOR);
  return at < 0 ? "" : sheet.slice(0, at);
}

/** `rapport-12.xlsx › Rapport`. */
export function seanceSheetName(file: string, sheet: string): string {
  return `${file}${SEANCE_SEPARATOR}${sheet}`;
}

/** One file of the séance, as read. */
export interface SeanceFile {
  /** The file's name as shown (its base name). */
  file: string;
  snapshot: WorkbookSnapshot;
}

/** A reference or name token split into its sheet (as named, unquoted) and what follows the `!`. */
function sheetOf(text: string): { sheet: string; rest: string } | undefined {
  if (text.startsWith("'")) {
    const q = quotedSheetName(text, 0);
    return q && text[q.end] === "!" ? { sheet: q.name, rest: text.slice(q.end + 1) } : undefined;
  }
  const bang = text.indexOf("!");
  const bracket = text.indexOf("[");
  // `Tableau1[Col!]`: a `!` inside a structured reference is no sheet's.
  return bang > 0 && (bracket < 0 || bang < bracket) ? { sheet: text.slice(0, bang), rest: text.slice(bang + 1) } : undefined;
}

/**
 * The formula with every reference to a sheet of `renamed` written with its new name, by the
 * exact tokenizer (fill/formulaTokens.ts): text in double quotes is left alone (`="Rapport!A1"`),
 * as are references into another workbook (`[1]Rapport!A1`) and names not in the map; a
 * sheet-scoped name (`Rapport!Taux`) is renamed with its sheet.
 */
export function renameSheetReferences(formula: string, renamed: ReadonlyMap<string, string>): string {
  const tokens = tokenize(formula);
  return untokenize(
    tokens.map((t, k) => {
      if (t.t !== "ref" && t.t !== "name") return t;
      const split = sheetOf(t.text);
      const to = split ? renamed.get(split.sheet) : undefined;
      // `[1]Rapport!A1` is another workbook's Rapport.
      if (!split || to === undefined || tokens[k - 1]?.text === "]") return t;
      return { ...t, text: `${quoteSheet(to)}!${split.rest}` };
    }),
  );
}

function renameFormulas(formulas: CellValue[][] | undefined, renamed: ReadonlyMap<string, string>): CellValue[][] | undefined {
  if (!formulas) return formulas;
  return formulas.map((row) => {
    if (!row.some((f) => typeof f === "string" && f.includes("!"))) return row;
    return row.map((f) => (typeof f === "string" && f.startsWith("=") && f.includes("!") ? renameSheetReferences(f, renamed) : f));
  });
}

/**
 * The files as one workbook, in the order given. Settings: the ignored findings of each file
 * keep to its own sheets, the header mappings add up, and the first file that sets a prorata
 * regime gives it (a séance has one rule for everyone).
 */
export function mergeSeance(files: readonly SeanceFile[]): WorkbookSnapshot {
  const sheets: SheetSnapshot[] = [];
  const names: DefinedNameSnapshot[] = [];
  const settings: WorkbookSettings = { ignored: [], headerMap: {}, prorataRegime: "prorata" };
  let prorataSet = false;
  for (const { file, snapshot } of files) {
    const renamed = new Map(snapshot.sheets.map((s) => [s.name, seanceSheetName(file, s.name)]));
    for (const sheet of snapshot.sheets) {
      if (sheet.name === SETTINGS_SHEET) {
        const own = settingsFromRows(sheet.values);
        for (const key of own.ignored) {
          const [rule, name, cell] = key.split("|");
          settings.ignored.push(findingKey({ rule, sheet: renamed.get(name) ?? seanceSheetName(file, name), cell }));
        }
        Object.assign(settings.headerMap, own.headerMap);
        if (!prorataSet && sheet.values.some((row) => row[0] === "prorata")) {
          settings.prorataRegime = own.prorataRegime;
          prorataSet = true;
        }
        continue;
      }
      sheets.push({ ...sheet, name: renamed.get(sheet.name)!, formulas: renameFormulas(sheet.formulas, renamed) });
    }
    for (const n of snapshot.names ?? []) {
      // Every name is scoped to its file's sheet or kept as it is: two files may define the same name.
      const scope = n.scope !== undefined ? renamed.get(n.scope) ?? seanceSheetName(file, n.scope) : undefined;
      names.push({ ...n, formula: renameSheetReferences(n.formula, renamed), ...(scope !== undefined ? { scope } : {}) });
    }
  }
  const hasSettings = settings.ignored.length > 0 || Object.keys(settings.headerMap).length > 0 || prorataSet;
  if (hasSettings) {
    const rows = settingsToRows(settings);
    sheets.push({ name: SETTINGS_SHEET, origin: { row: 0, column: 0 }, values: rows, visibility: "VeryHidden" });
  }
  return names.length ? { sheets, names } : { sheets };
}
