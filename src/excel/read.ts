/**
 * Reading the whole workbook into a `WorkbookSnapshot` in a fixed number of syncs:
 *
 *  1. the sheets (name, visibility, id) and the workbook's tables (name);
 *  2. each sheet's used range, values only (`getUsedRangeOrNullObject(true)`: a sheet whose
 *     formats reach A1:N1048576 but whose values stop at row 24 812 gives A1:N24812), and each
 *     table's range and sheet;
 *  3. and more only as the bytes require: row blocks, packed across sheets, each sync estimated
 *     under `budgetBytes` (see plan.ts). Of each block, only what the check needs: `values` of
 *     every cell; the areas of the formula cells with their `formulas` and `numberFormat`, and
 *     of the constant numbers with their `numberFormat` (`getSpecialCellsOrNullObject`,
 *     ExcelApi 1.9); value types only where a value could be read two ways (the addresses of
 *     the error cells, constants and formulas: a text `#N/A` is not an error). A constant's
 *     formula is its value, the other value types follow from the values, as Office.js gives
 *     them, and an empty, boolean, error or text cell's number format is `General`: no check
 *     reads it. Except a text that reads as a number (`1 000,00` typed as text, whose date
 *     format would make it a date): its format is asked for with the next block, or after the
 *     last one (one sync more, only for a workbook that holds such texts); a read whose last
 *     sync holds at most 25 000 cells loads every cell's format there instead. About 28 bytes per
 *     cell on a report, against 53 for the four arrays of every cell; Office.js has no way to
 *     read one number format for many cells, and the report's money format costs 21 bytes a
 *     number. Without ExcelApi 1.9, or when Excel refuses the special cells (too many areas),
 *     the four arrays of every cell are loaded instead.
 *
 * So a workbook of 10 rows or of 10 000, of 1 sheet or of 30, is read in 3 syncs; a sheet of
 * 300 000 rows in as many more as its bytes need. Progress is reported in cells read / cells in all.
 */
import type { Lang } from "../core/findings";
import type { CellValue, ListObjectSnapshot, SheetSnapshot, ValueType, WorkbookSnapshot } from "../core/model";
import type { ReadProgress } from "../host/HostApi";
import { localAddress, parseRange } from "../core/address";
import { readCell } from "../core/numbers";
import { isPayloadTooLarge, tooLargeError } from "./errors";
import {
  type Block,
  type SheetCursor,
  DEFAULT_BYTES_PER_CELL,
  DEFAULT_LIGHT_BYTES_PER_CELL,
  blockCells,
  jsonBytes,
  measureBytes,
  nextBytesPerCell,
  takeBlocks,
} from "./plan";

/** The four range properties the engine reads, loaded for every cell (the fallback). */
const DATA_PROPERTIES = "values,formulas,numberFormat,valueTypes";
/** Payload failures in a row (each cutting the budget by 4) before giving up. */
const MAX_PAYLOAD_RETRIES = 5;

export interface ReadOptions {
  budgetBytes: number;
  /** `Range.getSpecialCellsOrNullObject` is there (ExcelApi 1.9): formulas and error cells are read apart. */
  specialCells?: boolean;
  lang: Lang;
  onProgress?: (p: ReadProgress) => void;
}

export interface ReadResult {
  snapshot: WorkbookSnapshot;
  /** Worksheet id by name, to tell the adapter's own sheets apart in change events. */
  sheetIds: Map<string, string>;
  /** Syncs the read took (for logs and tests). */
  syncs: number;
}

type SheetVisibility = NonNullable<SheetSnapshot["visibility"]>;

/** Appends rows without spreading (large blocks would overflow the call stack). */
function appendRows<T>(target: T[][], rows: T[][]): void {
  for (const row of rows) target.push(row);
}

export async function readWorkbookIn(context: Excel.RequestContext, options: ReadOptions): Promise<ReadResult> {
  let syncs = 0;
  const sync = async (): Promise<void> => {
    syncs += 1;
    await context.sync();
  };

  // Sync 1: the sheets and the tables.
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name,items/visibility,items/id");
  const tables = context.workbook.tables;
  tables.load("items/name");
  await sync();

  // Sync 2: each sheet's used range (values only) and each table's range and sheet.
  const sheets = worksheets.items;
  const used = sheets.map((ws) => {
    const range = ws.getUsedRangeOrNullObject(true);
    range.load("address,rowCount,columnCount");
    return range;
  });
  const tableRanges = tables.items.map((table) => {
    const range = table.getRange();
    range.load("address");
    table.worksheet.load("name");
    return { table, range };
  });
  await sync();

  const listObjects = new Map<string, ListObjectSnapshot[]>();
  for (const { table, range } of tableRanges) {
    const sheetName = table.worksheet.name;
    const list = listObjects.get(sheetName) ?? [];
    list.push({ name: table.name, range: localAddress(range.address) });
    listObjects.set(sheetName, list);
  }

  const out: SheetSnapshot[] = [];
  const cursors: SheetCursor[] = [];
  const sheetIds = new Map<string, string>();
  sheets.forEach((ws, i) => {
    sheetIds.set(ws.name, ws.id);
    const range = used[i];
    const snap: SheetSnapshot = {
      name: ws.name,
      origin: { row: 0, column: 0 },
      values: [],
      formulas: [],
      numberFormats: [],
      valueTypes: [],
      listObjects: listObjects.get(ws.name) ?? [],
      visibility: ws.visibility as SheetVisibility,
    };
    if (!range.isNullObject) {
      const used = parseRange(range.address);
      if (!used) throw new Error(`Excel gave a used range Pointage cannot read: ${range.address}`);
      snap.origin = used.start;
      cursors.push({ sheet: i, rowCount: range.rowCount, columnCount: range.columnCount, nextRow: 0 });
    }
    out.push(snap);
  });

  // Syncs 3…: row blocks, packed across sheets under the budget.
  const total = cursors.reduce((n, c) => n + c.rowCount * c.columnCount, 0);
  let done = 0;
  options.onProgress?.({ done, total });
  let special = options.specialCells === true;
  let bytesPerCell = special ? DEFAULT_LIGHT_BYTES_PER_CELL : DEFAULT_BYTES_PER_CELL;
  let budget = options.budgetBytes;
  let failures = 0;
  const cursorOf = new Map(cursors.map((c) => [c.sheet, c]));
  // Text cells that read as numbers, whose number format the engine reads (a date format makes
  // them dates) but the block's sync did not bring: asked for in the next sync.
  let textNumbers: FormatRun[] = [];

  while (cursors.some((c) => c.nextRow < c.rowCount) || textNumbers.length > 0) {
    const saved = cursors.map((c) => c.nextRow);
    const runs = takeRuns(textNumbers, budget / 2);
    // The request limit is kept by the number of runs; the response's by the budget, shared with the blocks.
    const runLoads = runs.map((run) => {
      const range = sheets[run.sheet].getRangeByIndexes(run.row, run.column, run.rowCount, 1);
      range.load("numberFormat");
      return { run, range };
    });
    const blocks = takeBlocks(cursors, Math.max(1, budget - runs.reduce((n, r) => n + formatRunBytes(r), 0)), bytesPerCell);
    // The last sync of a small read brings every cell's number format: the texts' cost less
    // than a sync more for the texts that read as numbers (montpellier-subventions-2014.xls,
    // 20 468 cells, took 4 syncs for them).
    const allFormats = cursors.every((c) => c.nextRow >= c.rowCount) && blocks.reduce((n, b) => n + blockCells(b), 0) <= ALL_FORMATS_MAX_CELLS;
    const loads = blocks.map((b: Block) => {
      const whole = b.startRow === 0 && b.rowCount === cursorOf.get(b.sheet)?.rowCount;
      const origin = out[b.sheet].origin;
      const range = whole
        ? used[b.sheet]
        : sheets[b.sheet].getRangeByIndexes(origin.row + b.startRow, origin.column, b.rowCount, b.columnCount);
      // A host that says ExcelApi 1.9 but has no special cells (mocks, old builds) gets the full load.
      if (special && typeof range.getSpecialCellsOrNullObject !== "function") special = false;
      if (!special) {
        range.load(DATA_PROPERTIES);
        return { block: b, range };
      }
      if (allFormats) range.load("values,numberFormat");
      else range.load("values");
      const formulas = range.getSpecialCellsOrNullObject("Formulas");
      // With every cell's format in the block, the formula areas' would be the same bytes twice.
      if (allFormats) formulas.load("areas/items/address,areas/items/formulas");
      else formulas.load("areas/items/address,areas/items/formulas,areas/items/numberFormat");
      const numbers = allFormats ? undefined : range.getSpecialCellsOrNullObject("Constants", "Numbers");
      if (numbers) numbers.load("areas/items/address,areas/items/numberFormat");
      const errors = [range.getSpecialCellsOrNullObject("Constants", "Errors"), range.getSpecialCellsOrNullObject("Formulas", "Errors")];
      for (const e of errors) e.load("areas/items/address");
      return { block: b, range, formulas, numbers, errors };
    });
    try {
      await sync();
    } catch (e) {
      if (special && !isPayloadTooLarge(e)) {
        // Excel refused the special cells (too many areas, or not there after all): every cell's four arrays instead.
        cursors.forEach((c, k) => (c.nextRow = saved[k]));
        special = false;
        bytesPerCell = Math.max(bytesPerCell, DEFAULT_BYTES_PER_CELL);
        continue;
      }
      if (!isPayloadTooLarge(e)) throw e;
      cursors.forEach((c, k) => (c.nextRow = saved[k]));
      failures += 1;
      const oneRow = blocks.length <= 1 && (blocks[0]?.rowCount ?? 1) === 1 && runs.length <= 1;
      if (oneRow || failures > MAX_PAYLOAD_RETRIES) throw tooLargeError(options.lang);
      budget = Math.max(1, Math.floor(budget / 4));
      continue;
    }
    failures = 0;
    budget = options.budgetBytes;
    textNumbers = textNumbers.slice(runs.length);
    for (const { run, range } of runLoads) {
      const formats = range.numberFormat as string[][];
      const rows = out[run.sheet].numberFormats as string[][];
      const origin = out[run.sheet].origin;
      for (let i = 0; i < run.rowCount; i += 1) rows[run.row - origin.row + i][run.column - origin.column] = formats[i][0];
    }
    let bytes = 0;
    let cells = 0;
    for (const load of loads) {
      const { block, range } = load;
      const snap = out[block.sheet];
      const values = range.values as CellValue[][];
      if (load.formulas) {
        const top = { row: snap.origin.row + block.startRow, column: snap.origin.column };
        const rect = { ...top, rows: block.rowCount, columns: block.columnCount };
        const formulas = formulasOf(values, load.formulas, rect, load.numbers !== undefined);
        const formats = load.numbers
          ? numberFormatsOf(values, [load.formulas, load.numbers], rect)
          : { rows: range.numberFormat as string[][], bytes: measureBytes(range.numberFormat as string[][]) };
        const valueTypes = valueTypesOf(values, load.errors, rect);
        appendRows(snap.values, values);
        appendRows(snap.formulas as CellValue[][], formulas.rows);
        appendRows(snap.numberFormats as string[][], formats.rows);
        appendRows(snap.valueTypes as ValueType[][], valueTypes);
        if (load.numbers) for (const run of textNumbersOf(values, formulas.rows, block.sheet, top)) textNumbers.push(run);
        bytes += measureBytes(values) + formulas.bytes + formats.bytes;
        cells += blockCells(block);
        continue;
      }
      const numberFormats = range.numberFormat as string[][];
      const formulas = range.formulas as CellValue[][];
      const valueTypes = range.valueTypes as ValueType[][];
      appendRows(snap.values, values);
      appendRows(snap.formulas as CellValue[][], formulas);
      appendRows(snap.numberFormats as string[][], numberFormats);
      appendRows(snap.valueTypes as ValueType[][], valueTypes);
      bytes += measureBytes(values, formulas, numberFormats, valueTypes);
      cells += blockCells(block);
    }
    if (cells > 0) bytesPerCell = nextBytesPerCell(bytes / cells);
    done += cells;
    options.onProgress?.({ done, total });
  }

  return { snapshot: { sheets: out }, sheetIds, syncs };
}

/**
 * Up to this many cells, a read's last sync loads every cell's number format (a text's costs
 * 4 to 10 bytes, `"@",` to `"General",`: 250 KB at most here, an eighteenth of a sync's budget)
 * rather than risk a sync more for the formats of texts that read as numbers.
 */
const ALL_FORMATS_MAX_CELLS = 25_000;

/** A run of cells down one column (0-based on the sheet) whose number formats are still to read. */
interface FormatRun {
  sheet: number;
  row: number;
  column: number;
  rowCount: number;
}

/**
 * Runs of text-number cells asked for in one sync: each is a range of its own in the request
 * (290 bytes of Office.js JSON, measured), so 5 000 make 1.5 MB, well under the request limit.
 */
const MAX_FORMAT_RUNS_PER_SYNC = 5_000;

/** What a run costs the response: its number formats, with room for long ones. */
function formatRunBytes(run: FormatRun): number {
  return 20 + run.rowCount * 40;
}

/** The first runs, as many as fit in `bytes` (at least one), to ask for in the next sync. */
function takeRuns(runs: readonly FormatRun[], bytes: number): FormatRun[] {
  let n = 0;
  let used = 0;
  while (n < runs.length && n < MAX_FORMAT_RUNS_PER_SYNC) {
    used += formatRunBytes(runs[n]);
    if (n > 0 && used > bytes) break;
    n += 1;
  }
  return runs.slice(0, n);
}

/**
 * The constant text cells of a block that read as numbers (`1 000,00` typed as text): the engine
 * reads their number format (a date format makes one a date, as for a number), which the light
 * read does not bring for text. Runs down each column, to ask for them in few ranges.
 */
function textNumbersOf(values: CellValue[][], formulas: CellValue[][], sheet: number, top: { row: number; column: number }): FormatRun[] {
  const runs: FormatRun[] = [];
  const open = new Map<number, FormatRun>();
  for (let i = 0; i < values.length; i += 1) {
    const row = values[i];
    for (let j = 0; j < row.length; j += 1) {
      const v = row[j];
      // Formula cells came with their formats; only constants are left.
      const isTextNumber = typeof v === "string" && v !== "" && formulas[i][j] === v && readCell(v).kind === "number";
      const run = open.get(j);
      if (!isTextNumber) continue;
      if (run && run.row + run.rowCount === top.row + i) run.rowCount += 1;
      else {
        const next = { sheet, row: top.row + i, column: top.column + j, rowCount: 1 };
        runs.push(next);
        open.set(j, next);
      }
    }
  }
  return runs;
}

/** A value's type as Office.js `valueTypes` gives it, error cells aside (they are told by address). */
function plainValueType(v: CellValue): ValueType {
  if (v === "" || v === null || v === undefined) return "Empty";
  if (typeof v === "number") return "Double";
  if (typeof v === "boolean") return "Boolean";
  return "String";
}

/** A block's rectangle, 0-based on the sheet. */
interface BlockRect {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

/**
 * The loaded areas, each with its rectangle relative to the block (0-based) and the part of it
 * inside the block: an area never reaches outside the range it was asked of, but if one did (as
 * VBA's SpecialCells on a single cell, which looks at the whole sheet) its cells are not the block's.
 */
function areaRects(areas: Excel.RangeAreas, block: BlockRect): { range: Excel.Range; top: number; left: number; rows: number; columns: number; from: { i: number; j: number }; to: { i: number; j: number } }[] {
  if (areas.isNullObject) return [];
  return areas.areas.items.map((range) => {
    const r = parseRange(range.address);
    if (!r) throw new Error(`Excel gave an area Pointage cannot read: ${range.address}`);
    const top = r.start.row - block.row;
    const left = r.start.column - block.column;
    const rows = r.end.row - r.start.row + 1;
    const columns = r.end.column - r.start.column + 1;
    // The cells of the area (i, j from its top left) that fall inside the block.
    const from = { i: Math.max(0, -top), j: Math.max(0, -left) };
    const to = { i: Math.min(rows, block.rows - top), j: Math.min(columns, block.columns - left) };
    return { range, top, left, rows, columns, from, to };
  });
}

/**
 * The block's `formulas` as a full load would give them: a constant's formula is its value, so
 * a row with no formula is the values' own row (never written to: the engine copies a row
 * before changing it), and a row with formulas a copy with them in place. `bytes`: what the
 * areas cost in the response (address, formulas and, `withFormats`, number formats), for the planner.
 */
function formulasOf(values: CellValue[][], areas: Excel.RangeAreas, block: BlockRect, withFormats: boolean): { rows: CellValue[][]; bytes: number } {
  const rows = values.slice();
  let bytes = 0;
  for (const area of areaRects(areas, block)) {
    const formulas = area.range.formulas as CellValue[][];
    bytes += jsonBytes(area.range.address) + measureBytes(formulas) + (withFormats ? measureBytes(area.range.numberFormat as string[][]) : 0);
    for (let i = area.from.i; i < area.to.i; i += 1) {
      const at = area.top + i;
      if (rows[at] === values[at]) rows[at] = values[at].slice();
      for (let j = area.from.j; j < area.to.j; j += 1) rows[at][area.left + j] = formulas[i][j];
    }
  }
  return { rows, bytes };
}

/**
 * The block's number formats: those of the formula and number cells, loaded with their areas;
 * `General` elsewhere. No check reads the number format of an empty, boolean or error cell, nor
 * of a text (a text is never shown as a number, and `@` or `General` on it changes nothing),
 * except a text that reads as a number: see `textNumbersOf`. `bytes`: the number areas' cost
 * (the formula areas' is counted with their formulas).
 */
function numberFormatsOf(values: CellValue[][], [formulas, numbers]: readonly Excel.RangeAreas[], block: BlockRect): { rows: string[][]; bytes: number } {
  const rows = values.map((row) => row.map(() => "General"));
  let bytes = 0;
  for (const areas of [formulas, numbers]) {
    for (const area of areaRects(areas, block)) {
      const formats = area.range.numberFormat as string[][];
      if (areas === numbers) bytes += jsonBytes(area.range.address) + measureBytes(formats);
      for (let i = area.from.i; i < area.to.i; i += 1) {
        const row = rows[area.top + i];
        for (let j = area.from.j; j < area.to.j; j += 1) row[area.left + j] = formats[i][j];
      }
    }
  }
  return { rows, bytes };
}

/** The block's `valueTypes`: from each value, and `Error` on the error cells' addresses. */
function valueTypesOf(values: CellValue[][], errors: readonly Excel.RangeAreas[], block: BlockRect): ValueType[][] {
  const types = values.map((row) => row.map(plainValueType));
  for (const areas of errors) {
    for (const area of areaRects(areas, block)) {
      for (let i = area.from.i; i < area.to.i; i += 1) {
        const row = types[area.top + i];
        for (let j = area.from.j; j < area.to.j; j += 1) row[area.left + j] = "Error";
      }
    }
  }
  return types;
}
