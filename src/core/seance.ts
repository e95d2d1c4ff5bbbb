/**
 * A séance: the reports of one Commission Permanente arrive as separate files, and the checks
 * that span reports (IMP-CUMUL, IMP-CHAINE, the XREF checks) only see them together. This makes
 * one workbook of several, in file order: each sheet renamed `fichier › feuille`, the sheet
 * references of its formulas renamed with it (so that `=Rapport!D4` still reaches its own file's
 * `Rapport`, never another file's), and the files' `_pointage` settings merged into one.
 */
import type { CellValue, DefinedNameSnapshot, SheetSnapshot, WorkbookSnapshot } from "./model";
import { SETTINGS_SHEET } from "./model";
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

function isWordChar(c: number): boolean {
  // Letters, digits, `_`, `.` and the accented letters a bare sheet name may hold (as evaluate.ts reads them).
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || (c >= 0xc0 && c <= 0x24f);
}

/** A sheet name as a formula writes it: always quoted, `'` doubled. */
function quoted(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

/**
 * The formula with every reference to a sheet of `renamed` written with its new name. Text in
 * double quotes is left alone (`="Rapport!A1"`), as are references into another workbook
 * (`[1]Rapport!A1`) and names not in the map. One pass, left to right.
 */
export function renameSheetReferences(formula: string, renamed: ReadonlyMap<string, string>): string {
  let out = "";
  let i = 0;
  const s = formula;
  while (i < s.length) {
    const ch = s[i];
    if (ch === '"') {
      let j = i + 1;
      while (j < s.length) {
        if (s[j] === '"') {
          if (s[j + 1] === '"') j += 2;
          else break;
        } else j++;
      }
      out += s.slice(i, j + 1);
      i = j + 1;
    } else if (ch === "'") {
      let j = i + 1;
      let name = "";
      while (j < s.length) {
        if (s[j] === "'") {
          if (s[j + 1] === "'") {
            name += "'";
            j += 2;
            continue;
          }
          break;
        }
        name += s[j];
        j++;
      }
      const to = s[j + 1] === "!" && s[i - 1] !== "]" ? renamed.get(name) : undefined;
      out += to !== undefined ? quoted(to) : s.slice(i, j + 1);
      i = j + 1;
    } else if (isWordChar(s.charCodeAt(i))) {
      let j = i;
      while (j < s.length && isWordChar(s.charCodeAt(j))) j++;
      const word = s.slice(i, j);
      const to = s[j] === "!" && s[i - 1] !== "]" ? renamed.get(word) : undefined;
      out += to !== undefined ? quoted(to) : word;
      i = j;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
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
