/**
 * A snapshot with a few ranges read again (issue 12's re-check): the host reads only the changed
 * ranges, in one sync, and this writes them into the snapshot it read before. Pure; the sheets
 * not touched stay the same objects, so that a re-check can tell them apart cheaply.
 */
import { parseRange } from "./address";
import type { CellValue, SheetSnapshot, ValueType, WorkbookSnapshot } from "./model";

/**
 * One range as a host read it again: its sheet, its A1 address (no sheet) and its cells. A range
 * read only for its recalculated values (see `dependents.ts`) has no formulas or number formats:
 * the snapshot's stay.
 */
export interface RangeData {
  sheet: string;
  range: string;
  values: CellValue[][];
  formulas?: CellValue[][];
  numberFormats?: string[][];
  valueTypes?: ValueType[][];
}

/** The snapshot with each range's cells replaced; a range past a sheet's cells grows the sheet. */
export function patchSnapshot(snapshot: WorkbookSnapshot, patches: readonly RangeData[]): WorkbookSnapshot {
  const sheets = snapshot.sheets.map((s) => {
    const mine = patches.filter((p) => p.sheet === s.name);
    return mine.length === 0 ? s : mine.reduce(patchSheet, s);
  });
  return { ...snapshot, sheets };
}

function patchSheet(sheet: SheetSnapshot, patch: RangeData): SheetSnapshot {
  const at = parseRange(patch.range);
  if (!at) return sheet;
  // A sheet that was empty starts where the patch does; one that held cells keeps its origin
  // unless the patch lies above or left of it.
  const empty = sheet.values.length === 0;
  const origin = empty ? at.start : { row: Math.min(sheet.origin.row, at.start.row), column: Math.min(sheet.origin.column, at.start.column) };
  const dr = sheet.origin.row - origin.row;
  const dc = sheet.origin.column - origin.column;
  const shift = <T>(rows: T[][] | undefined, fill: T): T[][] => {
    const src = rows ?? sheet.values.map((r) => r.map(() => fill));
    const out: T[][] = [];
    for (let i = 0; i < dr; i++) out.push([]);
    for (const row of src) out.push(dc > 0 ? [...new Array<T>(dc).fill(fill), ...row] : [...row]);
    return out;
  };
  const values = shift(sheet.values, "" as CellValue);
  const formulas = shift(sheet.formulas, "" as CellValue);
  const numberFormats = shift(sheet.numberFormats, "General");
  const valueTypes = sheet.valueTypes || patch.valueTypes ? shift(sheet.valueTypes, "Empty" as ValueType) : undefined;
  const put = <T>(rows: T[][], data: T[][] | undefined, fill: T) => {
    if (!data) return;
    data.forEach((line, i) => {
      const r = at.start.row - origin.row + i;
      while (rows.length <= r) rows.push([]);
      line.forEach((v, j) => {
        const c = at.start.column - origin.column + j;
        while (rows[r].length < c) rows[r].push(fill);
        rows[r][c] = v;
      });
    });
  };
  put(values, patch.values, "" as CellValue);
  put(formulas, patch.formulas, "" as CellValue);
  put(numberFormats, patch.numberFormats, "General");
  if (valueTypes) put(valueTypes, patch.valueTypes ?? patch.values.map((r) => r.map((v) => (v === "" ? "Empty" : "Unknown") as ValueType)), "Empty" as ValueType);
  const next: SheetSnapshot = { ...sheet, origin, values, formulas, numberFormats };
  if (valueTypes) next.valueTypes = valueTypes;
  return next;
}
