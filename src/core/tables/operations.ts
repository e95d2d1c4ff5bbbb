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

interface Shown {
  /** The first of the same lines; its sheet is the first sheet it was shown on. */
  line: ImputationLine;
  /** The other sheets it was shown on, when there are any. */
  sheets?: Set<string>;
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
  const groups = new Map<string, ImputationLine[]>();
  // Lines already seen, by code and CP: each with the sheets it was shown on. Compared field by
  // field (most codes have one line) rather than through a key string of every field per line;
  // a code and CP of many different lines gets such keys, so that it stays linear.
  const seen = new Map<string, { list: Shown[]; byWhole?: Map<string, Shown> }>();
  for (const line of allImputationLines(tables)) {
    const cp = cents(line.cp);
    if (!line.code || cp === undefined) continue;
    const key = `${codeKey(line.code)}|${cp}`;
    // The same line shown again on another sheet of the same workbook (a report filled from a
    // template, issue 9, repeats the line it was filled from) is one proposal, not a second report
    // on the operation. Across the files of a séance it is two reports: the same 6 000 € proposed
    // twice is exactly the over-commitment IMP-CUMUL is for.
    let shown = seen.get(key);
    if (!shown) seen.set(key, (shown = { list: [] }));
    const before = shown.byWhole ? shown.byWhole.get(wholeOf(line)) : shown.list.find((s) => sameLine(s.line, line));
    // Shown before on another sheet, and not yet on this one (twice on one sheet is two reports).
    const shownBefore = before !== undefined && before.line.sheet !== line.sheet && !before.sheets?.has(line.sheet);
    if (before) {
      if (before.line.sheet !== line.sheet) (before.sheets ??= new Set()).add(line.sheet);
    } else {
      const entry: Shown = { line };
      if (shown.byWhole) shown.byWhole.set(wholeOf(line), entry);
      else if (shown.list.push(entry) > MANY_LINES) shown.byWhole = new Map(shown.list.map((s) => [wholeOf(s.line), s]));
    }
    if (shownBefore) continue;
    const group = groups.get(key);
    if (group) group.push(line);
    else groups.set(key, [line]);
  }
  const result = [...groups.values()];
  groupsMemo.set(tables, result);
  return result;
}
