/**
 * SheetBuilder (the .xlsx reader's way to the snapshot, no object per cell) against
 * assembleSheet (the other readers' way, from one record per cell): the same snapshot for the
 * same cells, in order or not, with duplicates, gaps, merged areas, and sheets large enough to
 * be left ragged. Also what the lighter shape costs nothing to the rules: shared rows are frozen.
 */
import type { CellValue, ValueType } from "../../src/core/model";
import { assembleSheet, SheetBuilder, type Bounds, type CellRecord, type RowRecord } from "../../src/file/assemble";

interface Cell {
  row: number;
  col: number;
  value: CellValue;
  formula?: string;
  numFmt: string;
  type: ValueType;
}

/** The second method: records sorted by row and column, the last of two at one place kept, merged cells dropped but the top-left. */
function viaRecords(cells: readonly Cell[], merges: readonly Bounds[]) {
  const byRow = new Map<number, Map<number, CellRecord>>();
  for (const c of cells) {
    if (!byRow.has(c.row)) byRow.set(c.row, new Map());
    byRow.get(c.row)!.set(c.col, { col: c.col, value: c.value, formula: c.formula ?? c.value, numFmt: c.numFmt, type: c.type });
  }
  const rows: RowRecord[] = [...byRow.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([row, m]) => ({
      row,
      cells: [...m.values()]
        .filter((c) => !merges.some((g) => (g.top !== g.bottom || g.left !== g.right) && row >= g.top && row <= g.bottom && c.col >= g.left && c.col <= g.right && !(row === g.top && c.col === g.left)))
        .sort((a, b) => a.col - b.col),
    }));
  return assembleSheet({ name: "S" }, rows);
}

function viaBuilder(cells: readonly Cell[], merges: readonly Bounds[]) {
  const builder = new SheetBuilder();
  for (const c of cells) builder.add(c.row, c.col, c.value, c.formula, c.numFmt, c.type);
  return builder.build({ name: "S" }, merges);
}

/** A fixed pseudo-random sequence (a failure can be replayed). */
function sequence(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

const FORMATS = ["General", "@", '#,##0.00\\ "€"', "0.00%"];

function randomCells(next: () => number, count: number, rows: number, cols: number, firstCol: number): Cell[] {
  const cells: Cell[] = [];
  for (let i = 0; i < count; i++) {
    const kind = Math.floor(next() * 5);
    const row = 1 + Math.floor(next() * rows);
    const col = firstCol + Math.floor(next() * cols);
    const numFmt = FORMATS[Math.floor(next() * FORMATS.length)];
    if (kind === 0) cells.push({ row, col, value: `texte ${i}`, numFmt, type: "String" });
    else if (kind === 1) cells.push({ row, col, value: Math.round(next() * 1e6) / 100, numFmt, type: "Double" });
    else if (kind === 2) cells.push({ row, col, value: 24000, formula: `=E${row}-F${row}`, numFmt, type: "Double" });
    // A formula with no cached value: it holds no value but is a cell.
    else if (kind === 3) cells.push({ row, col, value: "", formula: `=A${row}*2`, numFmt, type: "Empty" });
    else cells.push({ row, col, value: "#N/A", numFmt, type: "Error" });
  }
  return cells;
}

describe("SheetBuilder builds what assembleSheet builds", () => {
  test("cells in reading order, a table from column C, gaps between rows", () => {
    const cells: Cell[] = [];
    for (let row = 3; row <= 40; row++) {
      if (row % 7 === 0) continue;
      for (let col = 3; col <= 9; col++) {
        if ((row + col) % 5 === 0) continue;
        cells.push(col === 9 ? { row, col, value: 1, formula: `=G${row}-H${row}`, numFmt: FORMATS[2], type: "Double" } : { row, col, value: `${row}:${col}`, numFmt: FORMATS[col % 2], type: "String" });
      }
    }
    const built = viaBuilder(cells, []);
    expect(built).toEqual(viaRecords(cells, []));
    expect(built.origin).toEqual({ row: 2, column: 2 });
  });

  test("cells out of order, duplicates, merged areas: 200 generated sheets", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const next = sequence(seed);
      const cells = randomCells(next, 1 + Math.floor(next() * 60), 1 + Math.floor(next() * 15), 1 + Math.floor(next() * 8), 1 + Math.floor(next() * 4));
      const merges: Bounds[] = [];
      for (let m = Math.floor(next() * 3); m > 0; m--) {
        const top = 1 + Math.floor(next() * 15);
        const left = 1 + Math.floor(next() * 10);
        merges.push({ top, left, bottom: top + Math.floor(next() * 3), right: left + Math.floor(next() * 3) });
      }
      expect(viaBuilder(cells, merges)).toEqual(viaRecords(cells, merges));
    }
  });

  test("a sheet too large for a rectangle is left ragged, each row ending at its last cell", () => {
    // 2 001 rows × 2 500 columns is past the 4 000 000 cells padded to a rectangle.
    const cells: Cell[] = [{ row: 1, col: 2500, value: "loin", numFmt: "General", type: "String" }];
    for (let row = 2; row <= 2001; row++) cells.push({ row, col: 1 + (row % 3), value: row, numFmt: FORMATS[2], type: "Double" });
    const built = viaBuilder(cells, []);
    expect(built).toEqual(viaRecords(cells, []));
    expect(built.values[0]).toHaveLength(2500);
    expect(built.values[5]).toHaveLength(1 + (6 % 3));
  });

  test("rows of formats and types are shared and frozen; a row without formulas has its values as formulas", () => {
    const cells: Cell[] = [];
    for (let row = 1; row <= 100; row++) {
      cells.push({ row, col: 1, value: `C05-${row}`, numFmt: "@", type: "String" });
      cells.push({ row, col: 2, value: row * 10, numFmt: FORMATS[2], type: "Double" });
      if (row % 2 === 0) cells.push({ row, col: 3, value: row, formula: `=B${row}/10`, numFmt: FORMATS[2], type: "Double" });
    }
    const sheet = viaBuilder(cells, []);
    expect(sheet).toEqual(viaRecords(cells, []));
    expect(sheet.numberFormats![10]).toBe(sheet.numberFormats![20]);
    expect(sheet.valueTypes![11]).toBe(sheet.valueTypes![21]);
    expect(Object.isFrozen(sheet.valueTypes![11])).toBe(true);
    // Odd rows hold no formula: their formulas are their values, the same array.
    expect(sheet.formulas![0]).toBe(sheet.values[0]);
    expect(sheet.formulas![1]).not.toBe(sheet.values[1]);
    expect(sheet.formulas![1][2]).toBe("=B2/10");
    expect(() => {
      (sheet.valueTypes![11] as ValueType[])[0] = "Error";
    }).toThrow(TypeError);
  });
});
