/**
 * What the browser page's grid shows for formulas stored without a result (a filled copy, a file
 * written by a script), as Excel shows them once it recalculates on load: the values the engine
 * computed for its check (`evaluateUncachedFormulas`), computed once per opened file.
 */
import { evaluateUncachedFormulas } from "../core/evaluate";
import type { CellValue, WorkbookSnapshot } from "../core/model";

/**
 * The values the engine computed for formulas stored without a result (a filled copy, a file
 * written by a script: Excel recalculates them on load), by sheet name, then `row,column`
 * (0-based, from A1). Formulas it could not compute are absent: the grid leaves them empty.
 */
export type ComputedValues = ReadonlyMap<string, ReadonlyMap<string, CellValue>>;

/**
 * The values `evaluateUncachedFormulas` gave the formulas with no cached value: the cells its
 * snapshot holds and the read one leaves empty. Computed once per opened file, for the grid.
 */
export function computedValues(snapshot: WorkbookSnapshot): ComputedValues {
  const evaluated = evaluateUncachedFormulas(snapshot).snapshot;
  const out = new Map<string, Map<string, CellValue>>();
  evaluated.sheets.forEach((sheet, s) => {
    const read = snapshot.sheets[s];
    // Sheets and rows with nothing computed are the read ones, as they were.
    if (sheet === read) return;
    const cells = new Map<string, CellValue>();
    sheet.values.forEach((row, i) => {
      const before = read.values[i];
      if (row === before) return;
      row.forEach((v, j) => {
        const was = before?.[j];
        if ((was === undefined || was === "") && v !== "") cells.set(`${sheet.origin.row + i},${sheet.origin.column + j}`, v);
      });
    });
    if (cells.size) out.set(sheet.name, cells);
  });
  return out;
}
