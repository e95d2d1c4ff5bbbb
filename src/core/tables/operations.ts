/** Grouping report lines by budget line (code opération) across the workbook. */
import { seanceFileOf } from "../seance";
import type { DepenseLine, FoundTables, ImputationLine } from "./types";

/** `c05-043a06 ` → `C05-043A06`: codes are compared without case or spaces. */
export function codeKey(code: string): string {
  return isKeyAlready(code) ? code : code.replace(/[\s\u00a0\u202f]/g, "").toUpperCase();
}

/**
 * Printable ASCII with no space and no lower-case letter (`C05-043A06`, most codes): its own key,
 * with no regular expression and no new string for each of 100 000 lines.
 */
function isKeyAlready(code: string): boolean {
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7f || (c >= 0x61 && c <= 0x7a)) return false;
  }
  return true;
}

/** Several checks ask for the same lines and groups: computed once per set of found tables. */
const linesMemo = new WeakMap<FoundTables, ImputationLine[]>();
const groupsMemo = new WeakMap<FoundTables, ImputationLine[][]>();

/** A 32-bit FNV-1a hash of a string. */
function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Every imputation line of the workbook, in workbook order (sheets left to right, rows top to bottom). */
export function allImputationLines(tables: FoundTables): readonly ImputationLine[] {
  let lines = linesMemo.get(tables);
  if (!lines) {
    const before = (a: ImputationLine, b: ImputationLine) => a.sheetIndex - b.sheetIndex || a.row - b.row;
    // One table's lines are its own list (not copied); tables come in workbook order, each top
    // to bottom: sorted only when some sit side by side.
    lines = tables.imputation.length === 1 ? tables.imputation[0].lines : tables.imputation.flatMap((t) => t.lines);
    let sorted = true;
    for (let i = 1; i < lines.length && sorted; i++) sorted = before(lines[i - 1], lines[i]) <= 0;
    if (!sorted) lines = [...lines].sort(before);
    linesMemo.set(tables, lines);
  }
  return lines;
}

/** The lines of one code opération, when it has more than one in the workbook. */
export interface CodeGroup {
  /** Its report lines, in workbook order, by their position in `allImputationLines`. */
  reports: number[];
  /** Its deliberation lines, table by table, by their position in `allDepenseLines`. */
  deliberations: number[];
  /** Position of its first line among the report lines, then the deliberation lines. */
  first: number;
}

const codeGroupsMemo = new WeakMap<FoundTables, readonly CodeGroup[]>();
const depenseMemo = new WeakMap<FoundTables, readonly DepenseLine[]>();

/** Every deliberation line of the workbook, table by table. */
export function allDepenseLines(tables: FoundTables): readonly DepenseLine[] {
  let lines = depenseMemo.get(tables);
  if (!lines) depenseMemo.set(tables, (lines = tables.depense.flatMap((t) => t.lines)));
  return lines;
}

/**
 * The codes opération that more than one line names (report or deliberation), in the order of
 * their first line: reports in workbook order, then deliberations table by table. A code of one
 * line chains nothing and differs from nothing: IMP-CHAINE, IMP-CUMUL and XREF-IMPUTATION read
 * only these groups, from one pass over the lines' codes (the costly part: one Map of codes).
 */
export function codesOfSeveralLines(tables: FoundTables): readonly CodeGroup[] {
  const memo = codeGroupsMemo.get(tables);
  if (memo) return memo;
  const reports = allImputationLines(tables);
  const deliberations = allDepenseLines(tables);
  // A code seen once (most of them) maps to its line's position: no object until a second line.
  const byCode = new Map<string, number | CodeGroup>();
  const groups: CodeGroup[] = [];
  const lineAt = (position: number) => (position < reports.length ? reports[position] : deliberations[position - reports.length]);
  const count = reports.length + deliberations.length;
  // Most codes are named once. A first pass counts codes by a hash of their key into buckets: a
  // code alone in its bucket is alone in the workbook, so only the others go into the Map (a Map
  // of every code of 100 000 lines was most of the cost).
  let size = 1024;
  while (size < 8 * count) size *= 2;
  const buckets = new Uint8Array(size);
  const bucketOf = new Int32Array(count);
  for (let position = 0; position < count; position++) {
    const line = lineAt(position);
    if (!line.code) continue;
    const b = hashOf(line.codeKey) & (size - 1);
    bucketOf[position] = b;
    if (buckets[b] < 2) buckets[b]++;
  }
  for (let position = 0; position < count; position++) {
    // The bucket first: a code alone in its bucket (most lines) is skipped without reading its line.
    if (buckets[bucketOf[position]] < 2) continue;
    const line = lineAt(position);
    if (!line.code) continue;
    let known = byCode.get(line.codeKey);
    if (known === undefined) {
      byCode.set(line.codeKey, position);
      continue;
    }
    if (typeof known === "number") {
      known = { reports: [], deliberations: [], first: known };
      if (known.first < reports.length) known.reports.push(known.first);
      else known.deliberations.push(known.first - reports.length);
      groups.push(known);
      byCode.set(line.codeKey, known);
    }
    if (position < reports.length) known.reports.push(position);
    else known.deliberations.push(position - reports.length);
  }
  // Made at each code's second line: put back in the order of their first.
  groups.sort((a, b) => a.first - b.first);
  codeGroupsMemo.set(tables, groups);
  return groups;
}

/** Different lines of one code and CP compared one by one, beyond which they are keyed. */
const MANY_LINES = 8;

/** What `sameLine` compares, as one key. */
function wholeOf(l: ImputationLine): string {
  return JSON.stringify([seanceFileOf(l.sheet), l.imputation, l.libelle, l.cents("disponible") ?? null, l.cents("proposition") ?? null, l.cents("solde") ?? null]);
}

/** Two lines of the same code and CP that say the same, in the same file of a séance. */
function sameLine(a: ImputationLine, b: ImputationLine): boolean {
  return (
    a.imputation === b.imputation &&
    a.libelle === b.libelle &&
    a.cents("disponible") === b.cents("disponible") &&
    a.cents("proposition") === b.cents("proposition") &&
    a.cents("solde") === b.cents("solde") &&
    seanceFileOf(a.sheet) === seanceFileOf(b.sheet)
  );
}

/** The lines of one code and CP, and the different lines among them (see `linesByOperationAndCp`). */
interface Operation {
  cp: number;
  /** Index of its first line in workbook order: groups come out in that order. */
  first: number;
  group: ImputationLine[];
  /** The different lines seen; undefined while there is one, the group's first. */
  shown?: ImputationLine[];
  byWhole?: Map<string, ImputationLine>;
}

/**
 * Lines with the same code and the same CP, in workbook order, for the groups of two lines or
 * more (a group of one is no chain and no sum: IMP-CHAINE and IMP-CUMUL read nothing there). A
 * different CP on the same code is another exercice or another vote (2023 and 2025 both use
 * C05-043A06): never grouped together.
 */
export function linesByOperationAndCp(tables: FoundTables): readonly (readonly ImputationLine[])[] {
  const memo = groupsMemo.get(tables);
  if (memo) return memo;
  // By CP within each code of several lines: the group of lines, and the different lines seen
  // (each compared field by field with the earlier ones, most codes having one line, rather than
  // through a key string of every field per line; a code and CP of many different lines gets such
  // keys, so it stays linear).
  const operations: Operation[] = [];
  // The sheets other than its first that a line was shown on (rare: a Set only for those).
  const alsoOn = new Map<ImputationLine, Set<string>>();
  const lines = allImputationLines(tables);
  for (const code of codesOfSeveralLines(tables)) {
    if (code.reports.length < 2) continue;
    const byCp = new Map<number, Operation>();
    for (const position of code.reports) {
      const line = lines[position];
      const cp = line.cents("cp");
      if (cp === undefined) continue;
      const entry = byCp.get(cp);
      if (!entry) {
        const operation: Operation = { cp, first: position, group: [line] };
        operations.push(operation);
        byCp.set(cp, operation);
        continue;
      }
      // The same line shown again on another sheet of the same workbook (a report filled from a
      // template, issue 9, repeats the line it was filled from) is one proposal, not a second report
      // on the operation. Across the files of a séance it is two reports: the same 6 000 € proposed
      // twice is exactly the over-commitment IMP-CUMUL is for.
      const shown = (entry.shown ??= [entry.group[0]]);
      const before = entry.byWhole ? entry.byWhole.get(wholeOf(line)) : shown.find((s) => sameLine(s, line));
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
      else if (shown.push(line) > MANY_LINES) entry.byWhole = new Map(shown.map((l) => [wholeOf(l), l]));
    }
  }
  const result = operations
    .filter((o) => o.group.length > 1)
    .sort((a, b) => a.first - b.first)
    .map((o) => o.group);
  groupsMemo.set(tables, result);
  return result;
}
