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

/**
 * Lines with the same code and the same CP, in workbook order. A different CP on the same code is
 * another exercice or another vote (2023 and 2025 both use C05-043A06): never grouped together.
 */
export function linesByOperationAndCp(tables: FoundTables): readonly (readonly ImputationLine[])[] {
  const memo = groupsMemo.get(tables);
  if (memo) return memo;
  const groups = new Map<string, ImputationLine[]>();
  const seen = new Map<string, Set<string>>();
  for (const line of allImputationLines(tables)) {
    const cp = cents(line.cp);
    if (!line.code || cp === undefined) continue;
    const key = `${codeKey(line.code)}|${cp}`;
    // The same line shown again on another sheet of the same workbook (a report filled from a
    // template, issue 9, repeats the line it was filled from) is one proposal, not a second report
    // on the operation. Across the files of a séance it is two reports: the same 6 000 € proposed
    // twice is exactly the over-commitment IMP-CUMUL is for.
    const whole = `${seanceFileOf(line.sheet)}|${key}|${line.imputation}|${line.libelle}|${cents(line.disponible)}|${cents(line.proposition)}|${cents(line.solde)}`;
    const sheets = seen.get(whole);
    // Shown before on another sheet, and not yet on this one (twice on one sheet is two reports).
    const shownBefore = sheets !== undefined && !sheets.has(line.sheet);
    if (sheets) sheets.add(line.sheet);
    else seen.set(whole, new Set([line.sheet]));
    if (shownBefore) continue;
    const group = groups.get(key);
    if (group) group.push(line);
    else groups.set(key, [line]);
  }
  const result = [...groups.values()];
  groupsMemo.set(tables, result);
  return result;
}
