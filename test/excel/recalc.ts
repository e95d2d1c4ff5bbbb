/**
 * Excel's automatic recalculation, for the fake (test code only: hyperformula is GPL): after a
 * write, the formulas written and every formula that refers to the written cells, directly or
 * through other formulas, on any sheet, get the value Excel would compute. Formulas that do not
 * depend on the write keep their cached values, as in Excel (a test may give a stale cache on
 * purpose). hyperformula is an independent engine: the fake does not reuse Pointage's own
 * formula reading to decide what Excel recalculates.
 *
 * Not recalculated: virtual sheets (read-only, computed on demand) and formulas hyperformula
 * cannot read or compute (`#NAME?`, its own `#ERROR!`): they keep their cached values rather
 * than take a value Excel would not give.
 */
import { DetailedCellError, ErrorType, HyperFormula, type RawCellContent, type SimpleCellAddress, type SimpleCellRange } from "hyperformula";
import type { CellValue } from "../../src/core/model";
import { parseRange } from "../../src/core/address";

/** What the recalculation needs of the fake's sheets. */
export interface RecalcSheet {
  name: string;
  virtual?: unknown;
  cells: Map<number, { value: CellValue; formula?: string; numberFormat?: string }>;
}

const KEY_COLUMNS = 16_384;

/**
 * Whether a write can change any formula's value: a formula on the written sheet (a formula
 * written included) or naming it. A quick filter (a false yes only costs time), so that writing a report of
 * constants into a new sheet does not rebuild the whole workbook's calculation.
 */
function mayRecalculate(sheets: readonly RecalcSheet[], written: ReadonlyArray<{ sheet: string; range: string }>): boolean {
  const names = new Set(written.map((w) => w.sheet));
  for (const s of sheets) {
    const own = names.has(s.name);
    for (const cell of s.cells.values()) {
      if (cell.formula === undefined) continue;
      if (own) return true;
      const text = cell.formula.toLowerCase();
      for (const n of names) if (text.includes(n.toLowerCase())) return true;
    }
  }
  return false;
}

/** Recalculates after writes into `written` (sheet name and local A1 range each). */
export function recalculate(sheets: readonly RecalcSheet[], written: ReadonlyArray<{ sheet: string; range: string }>): void {
  const real = sheets.filter((s) => !s.virtual);
  if (written.length === 0 || !mayRecalculate(real, written)) return;
  const data: Record<string, RawCellContent[][]> = {};
  for (const s of real) {
    const rows: RawCellContent[][] = [];
    for (const [key, cell] of s.cells) {
      const r = Math.floor(key / KEY_COLUMNS);
      const c = key % KEY_COLUMNS;
      while (rows.length <= r) rows.push([]);
      rows[r][c] = contentOf(cell);
    }
    data[s.name] = Array.from(rows, (row) => Array.from(row ?? [], (v) => v ?? null));
  }
  const hf = HyperFormula.buildFromSheets(data, { licenseKey: "gpl-v3" });
  try {
    const seen = new Set<string>();
    const queue: Array<SimpleCellAddress | SimpleCellRange> = [];
    const toUpdate: SimpleCellAddress[] = [];
    for (const w of written) {
      const sheet = hf.getSheetId(w.sheet);
      const r = parseRange(w.range);
      if (sheet === undefined || !r) continue;
      for (let row = r.start.row; row <= Math.min(r.end.row, 100_000); row++)
        for (let col = r.start.column; col <= Math.min(r.end.column, 200); col++) {
          const at = { sheet, row, col };
          toUpdate.push(at);
          queue.push(at);
        }
    }
    while (queue.length > 0) {
      const at = queue.pop()!;
      for (const d of hf.getCellDependents(at)) {
        const key = "start" in d ? `${d.start.sheet}|${d.start.row}|${d.start.col}|${d.end.row}|${d.end.col}` : `${d.sheet}|${d.row}|${d.col}`;
        if (seen.has(key) || ("sheet" in d && d.sheet < 0)) continue;
        seen.add(key);
        queue.push(d);
        if (!("start" in d)) toUpdate.push(d);
      }
    }
    for (const at of toUpdate) {
      const sheet = real.find((s) => s.name === hf.getSheetName(at.sheet));
      const cell = sheet?.cells.get(at.row * KEY_COLUMNS + at.col);
      if (!cell || cell.formula === undefined) continue;
      const v = hf.getCellValue(at);
      if (v instanceof DetailedCellError) {
        if (v.type === ErrorType.NAME || v.type === ErrorType.ERROR || v.type === ErrorType.LIC) continue;
        cell.value = v.value;
      } else cell.value = v === null ? 0 : (v as CellValue);
    }
  } finally {
    hf.destroy();
  }
}

/** A fake cell as hyperformula reads it: its formula, or its constant (text kept as text). */
function contentOf(cell: { value: CellValue; formula?: string }): RawCellContent {
  if (cell.formula !== undefined) return cell.formula;
  if (typeof cell.value === "string") return cell.value === "" ? null : `'${cell.value}`;
  return cell.value;
}
