/**
 * Reading the whole workbook into a `WorkbookSnapshot` in a fixed number of syncs:
 *
 *  1. the sheets (name, visibility, id) and the workbook's tables (name);
 *  2. each sheet's used range, values only (`getUsedRangeOrNullObject(true)`: a sheet whose
 *     formats reach A1:N1048576 but whose values stop at row 24 812 gives A1:N24812), and each
 *     table's range and sheet;
 *  3. and more only as the bytes require: row blocks, packed across sheets, each sync estimated
 *     under `budgetBytes` (see plan.ts). Of each block, only what the check needs: `values` and
 *     `numberFormat` of every cell; `formulas` only of the cells that hold one (the areas of
 *     `getSpecialCellsOrNullObject(Formulas)`, ExcelApi 1.9); value types only where a value
 *     could be read two ways (the addresses of the error cells, constants and formulas: a text
 *     `#N/A` is not an error). A constant's formula is its value, and the other value types
 *     follow from the values, as Office.js gives them. About half the bytes of loading
 *     `formulas` and `valueTypes` of every cell. Without ExcelApi 1.9, or when Excel refuses the
 *     special cells (too many areas), the four arrays of every cell are loaded instead.
 *
 * So a workbook of 10 rows or of 10 000, of 1 sheet or of 30, is read in 3 syncs; a sheet of
 * 300 000 rows in as many more as its bytes need. Progress is reported in cells read / cells in all.
 */
import type { Lang } from "../core/findings";
import type { CellValue, ListObjectSnapshot, SheetSnapshot, ValueType, WorkbookSnapshot } from "../core/model";
import type { ReadProgress } from "../host/HostApi";
import { localAddress, parseRange } from "../core/address";
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
/** What every cell needs when the formulas and error cells are asked for apart. */
const CELL_PROPERTIES = "values,numberFormat";
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

  while (cursors.some((c) => c.nextRow < c.rowCount)) {
    const saved = cursors.map((c) => c.nextRow);
    const blocks = takeBlocks(cursors, budget, bytesPerCell);
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
      range.load(CELL_PROPERTIES);
      const formulas = range.getSpecialCellsOrNullObject("Formulas");
      formulas.load("areas/items/address,areas/items/formulas");
      const errors = [range.getSpecialCellsOrNullObject("Constants", "Errors"), range.getSpecialCellsOrNullObject("Formulas", "Errors")];
      for (const e of errors) e.load("areas/items/address");
      return { block: b, range, formulas, errors };
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
      const oneRow = blocks.length === 1 && blocks[0].rowCount === 1;
      if (oneRow || failures > MAX_PAYLOAD_RETRIES) throw tooLargeError(options.lang);
      budget = Math.max(1, Math.floor(budget / 4));
      continue;
    }
    failures = 0;
    budget = options.budgetBytes;
    let bytes = 0;
    let cells = 0;
    for (const load of loads) {
      const { block, range } = load;
      const snap = out[block.sheet];
      const values = range.values as CellValue[][];
      const numberFormats = range.numberFormat as string[][];
      if (load.formulas) {
        const top = { row: snap.origin.row + block.startRow, column: snap.origin.column };
        const formulas = formulasOf(values, load.formulas, top);
        const valueTypes = valueTypesOf(values, load.errors, top);
        appendRows(snap.values, values);
        appendRows(snap.formulas as CellValue[][], formulas.rows);
        appendRows(snap.numberFormats as string[][], numberFormats);
        appendRows(snap.valueTypes as ValueType[][], valueTypes);
        bytes += measureBytes(values, numberFormats) + formulas.bytes;
        cells += blockCells(block);
        continue;
      }
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

/** A value's type as Office.js `valueTypes` gives it, error cells aside (they are told by address). */
function plainValueType(v: CellValue): ValueType {
  if (v === "" || v === null || v === undefined) return "Empty";
  if (typeof v === "number") return "Double";
  if (typeof v === "boolean") return "Boolean";
  return "String";
}

/** The rectangles of loaded areas, 0-based on the sheet. */
function areaRects(areas: Excel.RangeAreas): { top: number; left: number; range: Excel.Range; rows: number; columns: number }[] {
  if (areas.isNullObject) return [];
  return areas.areas.items.map((range) => {
    const r = parseRange(range.address);
    if (!r) throw new Error(`Excel gave an area Pointage cannot read: ${range.address}`);
    return { top: r.start.row, left: r.start.column, range, rows: r.end.row - r.start.row + 1, columns: r.end.column - r.start.column + 1 };
  });
}

/**
 * The block's `formulas` as a full load would give them: a constant's formula is its value, so
 * a row with no formula is the values' own row (never written to: the engine copies a row
 * before changing it), and a row with formulas a copy with them in place. `bytes`: what the
 * areas cost in the response (address and formulas), for the planner.
 */
function formulasOf(values: CellValue[][], areas: Excel.RangeAreas, top: { row: number; column: number }): { rows: CellValue[][]; bytes: number } {
  const rows = values.slice();
  let bytes = 0;
  for (const area of areaRects(areas)) {
    const formulas = area.range.formulas as CellValue[][];
    bytes += jsonBytes(area.range.address) + measureBytes(formulas);
    for (let i = 0; i < area.rows; i += 1) {
      const at = area.top - top.row + i;
      if (at < 0 || at >= rows.length) continue;
      if (rows[at] === values[at]) rows[at] = values[at].slice();
      for (let j = 0; j < area.columns; j += 1) rows[at][area.left - top.column + j] = formulas[i][j];
    }
  }
  return { rows, bytes };
}

/** The block's `valueTypes`: from each value, and `Error` on the error cells' addresses. */
function valueTypesOf(values: CellValue[][], errors: readonly Excel.RangeAreas[], top: { row: number; column: number }): ValueType[][] {
  const types = values.map((row) => row.map(plainValueType));
  for (const areas of errors) {
    for (const area of areaRects(areas)) {
      for (let i = 0; i < area.rows; i += 1) {
        const row = types[area.top - top.row + i];
        if (!row) continue;
        for (let j = 0; j < area.columns; j += 1) row[area.left - top.column + j] = "Error";
      }
    }
  }
  return types;
}
