/**
 * How to cut the used ranges of a workbook into row blocks so that each `context.sync()` stays
 * well under Excel on the web's 5 MB response limit, while packing blocks of many sheets into the
 * same sync. Pure: no Office globals; `read.ts` drives it.
 *
 * The response of a block holds, as JSON, `values` of every cell and the areas of the formula and
 * number cells with their formulas and number formats (ExcelApi 1.9: about 28 bytes per cell on
 * a report), or without special cells four arrays per cell (`values`, `formulas`,
 * `numberFormat`, `valueTypes`: 45–55 bytes). The planner starts from an estimate of the path
 * and then plans each sync from what the previous one actually returned, with a small margin:
 * syncs are counted, and a read of 20 MB must take 5 of them, not 7 (issue 10's bound, 2 +
 * ⌈KB ÷ 4 500⌉ syncs in all), so each one is filled close to the budget, which is itself a tenth
 * under Excel's limit.
 * A sync Excel refuses as too large is retried with smaller blocks (read.ts), so the estimate can
 * follow the data both ways: a 10 000-line imputation table (70 000 cells) is one data sync.
 */

/** Excel on the web's payload limit (requests and responses), in bytes. */
export const PAYLOAD_LIMIT_BYTES = 5_000_000;
/** What one sync may bring back, by our estimate: a tenth under the limit. */
export const SYNC_BUDGET_BYTES = 4_500_000;
/** Starting estimate of the response bytes of one cell in a full load (four properties × 14 bytes). */
export const DEFAULT_BYTES_PER_CELL = 56;
/**
 * Starting estimate with special cells (values, and formats of the number cells only): the
 * report form measures 28, a sheet of long labels far more (then a refused sync, retried
 * smaller). Planned too high, the first sync carries half of what it could, one sync more.
 */
export const DEFAULT_LIGHT_BYTES_PER_CELL = 36;
/** The estimate never goes below this, however short the cells measured so far. */
export const MIN_BYTES_PER_CELL = 24;
/**
 * Head room over the bytes per cell measured by the last sync. Small: with the budget a tenth
 * under the limit, the next block may still be 15 % heavier per cell than the last before Excel
 * refuses it, and a larger margin costs a sync in five.
 */
export const MEASURE_MARGIN = 1.04;

/** The rows of one sheet still to read. */
export interface SheetCursor {
  /** Index of the sheet in the workbook's order. */
  sheet: number;
  rowCount: number;
  columnCount: number;
  /** First row (0-based, inside the used range) not read yet. */
  nextRow: number;
}

/** Rows [startRow, startRow + rowCount) of a sheet's used range, read in one go. */
export interface Block {
  sheet: number;
  startRow: number;
  rowCount: number;
  columnCount: number;
}

/**
 * The blocks of the next sync: rows of as many sheets as fit in `budgetBytes`, in sheet order.
 * Always at least one row when rows remain, even if one row alone is over the budget.
 * Advances the cursors it takes rows from; copy them first to be able to retry.
 */
export function takeBlocks(cursors: SheetCursor[], budgetBytes: number, bytesPerCell: number): Block[] {
  let cellsLeft = Math.floor(budgetBytes / bytesPerCell);
  const blocks: Block[] = [];
  for (const c of cursors) {
    const remaining = c.rowCount - c.nextRow;
    if (remaining <= 0 || c.columnCount <= 0) continue;
    let rows = Math.min(remaining, Math.floor(cellsLeft / c.columnCount));
    if (rows <= 0) {
      if (blocks.length > 0) break;
      rows = 1;
    }
    blocks.push({ sheet: c.sheet, startRow: c.nextRow, rowCount: rows, columnCount: c.columnCount });
    c.nextRow += rows;
    cellsLeft -= rows * c.columnCount;
    if (cellsLeft <= 0) break;
  }
  return blocks;
}

/** Cells of a block. */
export function blockCells(b: Block): number {
  return b.rowCount * b.columnCount;
}

/** UTF-8 bytes of a text (a lone surrogate counts 3, as its replacement character would). */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes += 4;
        i += 1;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Bytes of a value as a request or a response carries it: its JSON (quotes, `\"`, `\\`, `\n`,
 * `\u0001` escapes) in UTF-8. `#,##0.00\ "€"` is 13 characters and 20 bytes.
 */
export function jsonBytes(value: unknown): number {
  const json = JSON.stringify(value);
  return json === undefined ? 0 : utf8Bytes(json);
}

/** JSON bytes of one value as Office.js returns it, separator included. */
function valueBytes(v: unknown): number {
  if (typeof v === "string") return jsonBytes(v) + 1;
  if (typeof v === "number") return String(v).length + 1;
  if (typeof v === "boolean") return v ? 5 : 6;
  return 5;
}

/** JSON bytes (UTF-8) of 2-D arrays as returned by a range load. */
export function measureBytes(...arrays: ReadonlyArray<ReadonlyArray<ReadonlyArray<unknown>>>): number {
  let bytes = 0;
  for (const rows of arrays) {
    for (const row of rows) {
      bytes += 2;
      for (const v of row) bytes += valueBytes(v);
    }
  }
  return bytes;
}

/** The estimate to plan the next sync with, from the bytes per cell the last sync measured. */
export function nextBytesPerCell(measuredPerCell: number): number {
  // Not rounded up to whole bytes: at 28 bytes a cell, a byte is another 3.5 % of margin.
  return Math.max(MIN_BYTES_PER_CELL, measuredPerCell * MEASURE_MARGIN);
}
