/**
 * Which formula cells Excel recalculates after an edit (issue 12): a re-check reads the changed
 * ranges again, but Excel also recalculates, on any sheet, the formulas that refer to them
 * (directly or through other formulas): a Synthèse or Article 3 sheet summing a Rapport's
 * Propositions. Their values must be read in the same sync, or the findings over them (XREF-*,
 * IMP-CUMUL, REP-TOTAL) stay stale until a full check.
 *
 * The references come from the exact tokenizer (`fill/formulaTokens.ts`), never a regular
 * expression. What it cannot follow is taken as depending on every change, so that a doubt
 * costs a few more cells read, never a stale value: volatile functions (`INDIRECT`, `OFFSET`,
 * `NOW`…), names (`=SUM(Propositions)`; the hosts do not read defined names) and structured
 * references of tables the snapshot does not list, 3-D and external references.
 *
 * Pure; the formulas of a sheet are tokenized once per sheet snapshot (a re-check keeps the
 * untouched sheets' objects), their tables resolved at each call.
 */
import { columnLetter, parseRange, MAX_COLUMNS, MAX_ROWS } from "./address";
import { tokenize, type Reference } from "./fill/formulaTokens";
import type { SheetSnapshot, WorkbookSnapshot } from "./model";
import type { ChangedRange } from "./recheck";

/** Over this many cells to read again, a re-check gives way to a full check. */
export const MAX_RECALCULATED_CELLS = 100_000;

/** Functions whose result Excel recomputes at every change, whatever they refer to. */
const VOLATILE = new Set(["INDIRECT", "OFFSET", "NOW", "TODAY", "RAND", "RANDBETWEEN", "RANDARRAY", "CELL", "INFO"]);

/** Words the tokenizer calls names that are constants, not references. */
const CONSTANT_NAMES = new Set(["TRUE", "FALSE"]);

/** A rectangle of cells on a sheet (sheet name lower-cased: Excel's names are case-blind). */
interface Area {
  sheet: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * A formula cell of a sheet and what it refers to: areas, Excel tables by lower-cased name
 * (resolved against the snapshot's tables at each call), and `anything` when that cannot be told.
 */
interface FormulaCell {
  row: number;
  column: number;
  refers: Area[];
  tables: string[];
  anything: boolean;
}

const formulasOfSheet = new WeakMap<SheetSnapshot, FormulaCell[]>();

/**
 * The formula cells, outside `changed`, whose values Excel recalculates when `changed` are
 * edited, as ranges to read again (one per run of rows in a column), in workbook order.
 * Undefined when there are more than `MAX_RECALCULATED_CELLS`, or a changed range is no A1
 * range: the caller checks in full.
 */
export function recalculatedRanges(snapshot: WorkbookSnapshot, changed: readonly ChangedRange[]): ChangedRange[] | undefined {
  const tableAreas = listObjectAreas(snapshot);
  const sheets = snapshot.sheets.map((s) => ({ name: s.name, key: s.name.toLowerCase(), cells: formulaCells(s) }));

  // Reverse index: a referenced cell → the formulas referring to it; ranges too wide to list
  // cell by cell (a SUM over a column) are tried against each dirty area instead.
  const byCell = new Map<string, number[]>();
  const wide: Array<{ area: Area; id: number }> = [];
  const anything: number[] = [];
  const all: Array<{ sheet: number; cell: FormulaCell }> = [];
  sheets.forEach((s, si) =>
    s.cells.forEach((cell) => {
      const id = all.push({ sheet: si, cell }) - 1;
      const tables = cell.tables.map((t) => tableAreas.get(t));
      if (cell.anything || tables.includes(undefined)) anything.push(id);
      for (const a of [...cell.refers, ...tables.filter((t): t is Area => t !== undefined)]) {
        if ((a.bottom - a.top + 1) * (a.right - a.left + 1) > 64) {
          wide.push({ area: a, id });
          continue;
        }
        for (let r = a.top; r <= a.bottom; r++)
          for (let c = a.left; c <= a.right; c++) {
            const k = cellKey(a.sheet, r, c);
            const list = byCell.get(k);
            if (list) list.push(id);
            else byCell.set(k, [id]);
          }
      }
    }),
  );

  const edited: Area[] = [];
  for (const c of changed) {
    // `G5`, `E7:F7`, or a whole column or row (`E:E`, `5:9`) as Excel's events name them.
    const tokens = tokenize(c.range.replace(/\$/g, ""));
    if (tokens.length !== 1 || tokens[0].t !== "ref") return undefined;
    edited.push(areaOf(tokens[0].ref, c.sheet.toLowerCase()));
  }
  const marked = new Set<number>();
  const queue: Area[] = [...edited];
  const mark = (id: number) => {
    if (marked.has(id)) return;
    marked.add(id);
    const { sheet, cell } = all[id];
    queue.push({ sheet: sheets[sheet].key, top: cell.row, left: cell.column, bottom: cell.row, right: cell.column });
  };
  if (edited.length > 0) anything.forEach(mark);
  while (queue.length > 0) {
    if (marked.size > MAX_RECALCULATED_CELLS) return undefined;
    const dirty = queue.pop()!;
    const area = (dirty.bottom - dirty.top + 1) * (dirty.right - dirty.left + 1);
    if (area <= byCell.size) {
      for (let r = dirty.top; r <= dirty.bottom; r++)
        for (let c = dirty.left; c <= dirty.right; c++) byCell.get(cellKey(dirty.sheet, r, c))?.forEach(mark);
    } else {
      // A changed range larger than the index (a whole column cleared): test the index instead.
      for (const [k, ids] of byCell) if (inArea(dirty, k)) ids.forEach(mark);
    }
    for (const w of wide) if (!marked.has(w.id) && overlaps(w.area, dirty)) mark(w.id);
  }

  // The edited cells are read again anyway.
  const toRead = [...marked]
    .map((id) => all[id])
    .filter(({ sheet, cell }) => !edited.some((e) => e.sheet === sheets[sheet].key && inside(e, cell.row, cell.column)));
  if (toRead.length > MAX_RECALCULATED_CELLS) return undefined;
  return runsOf(toRead, sheets.map((s) => s.name));
}

/** `sheet|row|column`, a key for one cell. */
function cellKey(sheet: string, row: number, column: number): string {
  return `${sheet}|${row}|${column}`;
}

function inArea(a: Area, key: string): boolean {
  const bar = key.lastIndexOf("|");
  const bar0 = key.lastIndexOf("|", bar - 1);
  return key.slice(0, bar0) === a.sheet && inside(a, Number(key.slice(bar0 + 1, bar)), Number(key.slice(bar + 1)));
}

function inside(a: Area, row: number, column: number): boolean {
  return row >= a.top && row <= a.bottom && column >= a.left && column <= a.right;
}

function overlaps(a: Area, b: Area): boolean {
  return a.sheet === b.sheet && a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

/** Excel tables by lower-cased name: a structured reference refers to its whole range. */
function listObjectAreas(snapshot: WorkbookSnapshot): Map<string, Area> {
  const out = new Map<string, Area>();
  for (const s of snapshot.sheets)
    for (const t of s.listObjects ?? []) {
      const r = parseRange(t.range);
      if (r) out.set(t.name.toLowerCase(), { sheet: s.name.toLowerCase(), top: r.start.row, left: r.start.column, bottom: r.end.row, right: r.end.column });
    }
  return out;
}

/** The formula cells of a sheet with what they refer to (cached per sheet snapshot). */
function formulaCells(sheet: SheetSnapshot): FormulaCell[] {
  const cached = formulasOfSheet.get(sheet);
  if (cached) return cached;
  const out: FormulaCell[] = [];
  const own = sheet.name.toLowerCase();
  (sheet.formulas ?? []).forEach((line, i) =>
    line.forEach((f, j) => {
      if (typeof f !== "string" || !f.startsWith("=")) return;
      out.push({ row: sheet.origin.row + i, column: sheet.origin.column + j, ...referencesOf(f, own) });
    }),
  );
  formulasOfSheet.set(sheet, out);
  return out;
}

/** What one formula refers to, by the exact tokenizer. */
function referencesOf(formula: string, own: string): { refers: Area[]; tables: string[]; anything: boolean } {
  const refers: Area[] = [];
  const tables: string[] = [];
  let anything = false;
  for (const t of tokenize(formula)) {
    if (t.t === "ref") refers.push(areaOf(t.ref, own));
    else if (t.t === "func" && VOLATILE.has(t.name)) anything = true;
    else if (t.t === "name") {
      const bracket = t.text.indexOf("[");
      if (bracket > 0) tables.push(t.text.slice(0, bracket).toLowerCase());
      else if (!CONSTANT_NAMES.has(t.text.toUpperCase())) anything = true;
    } else if (t.t === "other" && t.text.startsWith("'")) anything = true; // a quoted name not followed by a reference
  }
  return { refers, tables, anything };
}

/** A reference as an area: a whole column (`E:E`) or row (`5:9`) spans the sheet. */
function areaOf(ref: Reference, own: string): Area {
  const end = ref.end ?? ref.start;
  const rows = [ref.start.row, end.row];
  const columns = [ref.start.column, end.column];
  const top = rows[0] === undefined ? 0 : Math.min(rows[0], rows[1] ?? rows[0]);
  const bottom = rows[0] === undefined ? MAX_ROWS - 1 : Math.max(rows[0], rows[1] ?? rows[0]);
  const left = columns[0] === undefined ? 0 : Math.min(columns[0], columns[1] ?? columns[0]);
  const right = columns[0] === undefined ? MAX_COLUMNS - 1 : Math.max(columns[0], columns[1] ?? columns[0]);
  return { sheet: ref.sheet !== undefined ? ref.sheet.toLowerCase() : own, top, left, bottom, right };
}

/** Cells as ranges to read: one per run of consecutive rows in a column, sheets in workbook order. */
function runsOf(cells: ReadonlyArray<{ sheet: number; cell: FormulaCell }>, names: readonly string[]): ChangedRange[] {
  const sorted = [...cells].sort((a, b) => a.sheet - b.sheet || a.cell.column - b.cell.column || a.cell.row - b.cell.row);
  const out: ChangedRange[] = [];
  let i = 0;
  while (i < sorted.length) {
    const first = sorted[i];
    let j = i;
    while (
      j + 1 < sorted.length &&
      sorted[j + 1].sheet === first.sheet &&
      sorted[j + 1].cell.column === first.cell.column &&
      sorted[j + 1].cell.row === sorted[j].cell.row + 1
    )
      j++;
    const col = columnLetter(first.cell.column);
    const top = first.cell.row + 1;
    const bottom = sorted[j].cell.row + 1;
    out.push({ sheet: names[first.sheet], range: top === bottom ? `${col}${top}` : `${col}${top}:${col}${bottom}` });
    i = j + 1;
  }
  return out;
}
