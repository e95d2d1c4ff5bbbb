/** Grouping report lines by budget line (code opération) across the workbook. */
import { cents } from "../amounts";
import { seanceFileOf } from "../seance";
import type { ImputationLine, FoundTables } from "./types";

/** `c05-043a06 ` → `C05-043A06`: codes are compared without case or spaces. */
export function codeKey(code: string): string {
  return code.replace(/[\s\u00a0\u202f]/g, "").toUpperCase();
}

/** Several checks ask for the same lines and groups: computed once per set of found tables. */
const linesMemo = new WeakMap<FoundTables, ImputationLine[]>();
const groupsMemo = new WeakMap<FoundTables, ImputationLine[][]>();

/** Every imputation line of the workbook, in workbook order (sheets left to right, rows top to bottom). */
export function allImputationLines(tables: FoundTables): readonly ImputationLine[] {
  let lines = linesMemo.get(tables);
  if (!lines) {
    lines = tables.imputation.flatMap((t) => t.lines).sort((a, b) => a.sheetIndex - b.sheetIndex || a.row - b.row);
    linesMemo.set(tables, lines);
  }
  return lines;
}

/** Different lines of one code and CP compared one by one, beyond which they are keyed. */
const MANY_LINES = 8;

/** What `sameLine` compares, as one key. */
function wholeOf(l: ImputationLine): string {
  return JSON.stringify([seanceFileOf(l.sheet), l.imputation, l.libelle, cents(l.disponible) ?? null, cents(l.proposition) ?? null, cents(l.solde) ?? null]);
}

/** Two lines of the same code and CP that say the same, in the same file of a séance. */
function sameLine(a: ImputationLine, b: ImputationLine): boolean {
  return (
    seanceFileOf(a.sheet) === seanceFileOf(b.sheet) &&
    a.imputation === b.imputation &&
    a.libelle === b.libelle &&
    cents(a.disponible) === cents(b.disponible) &&
    cents(a.proposition) === cents(b.proposition) &&
    cents(a.solde) === cents(b.solde)
  );
}

/**
 * Lines with the same code and the same CP, in workbook order. A different CP on the same code is
 * another exercice or another vote (2023 and 2025 both use C05-043A06): never grouped together.
 */
export function linesByOperationAndCp(tables: FoundTables): readonly (readonly ImputationLine[])[] {
  const memo = groupsMemo.get(tables);
  if (memo) return memo;
  // By code and CP: the group of lines, and the different lines seen (each compared field by field
  // with the earlier ones, most codes having one line, rather than through a key string of every
  // field per line; a code and CP of many different lines gets such keys, so it stays linear).
  const byKey = new Map<string, { group: ImputationLine[]; shown: ImputationLine[]; byWhole?: Map<string, ImputationLine> }>();
  // The sheets other than its first that a line was shown on (rare: a Set only for those).
  const alsoOn = new Map<ImputationLine, Set<string>>();
  const lines = allImputationLines(tables);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const cp = cents(line.cp);
    if (!line.code || cp === undefined) continue;
    const key = `${codeKey(line.code)}|${cp}`;
    const entry = byKey.get(key);
    if (!entry) {
      byKey.set(key, { group: [line], shown: [line] });
      continue;
    }
    // The same line shown again on another sheet of the same workbook (a report filled from a
    // template, issue 9, repeats the line it was filled from) is one proposal, not a second report
    // on the operation. Across the files of a séance it is two reports: the same 6 000 € proposed
    // twice is exactly the over-commitment IMP-CUMUL is for.
    const before = entry.byWhole ? entry.byWhole.get(wholeOf(line)) : entry.shown.find((s) => sameLine(s, line));
    if (before) {
      // Shown before on another sheet, and not yet on this one (twice on one sheet is two reports).
      if (before.sheet === line.sheet) {
        entry.group.push(line);
        continue;
      }
      const sheets = alsoOn.get(before);
      if (sheets?.has(line.sheet)) entry.group.push(line);
      else if (sheets) sheets.add(line.sheet);
      else alsoOn.set(before, new Set([line.sheet]));
      continue;
    }
    entry.group.push(line);
    if (entry.byWhole) entry.byWhole.set(wholeOf(line), line);
    else if (entry.shown.push(line) > MANY_LINES) entry.byWhole = new Map(entry.shown.map((l) => [wholeOf(l), l]));
  }
  const result = [...byKey.values()].map((e) => e.group);
  groupsMemo.set(tables, result);
  return result;
}
