/** Helpers of the light read's tests: what to compare it with, worked out from the full load. */
import { checkWorkbook } from "../../src/core/engine";
import type { WorkbookSnapshot } from "../../src/core/model";
import { readCell } from "../../src/core/numbers";

/** What the engine makes of a snapshot: its findings, whole (cells, figures, messages, fixes), and the tables it read. */
export function findingsOf(snapshot: WorkbookSnapshot): unknown {
  const result = checkWorkbook(snapshot);
  return { findings: result.findings, tables: result.tables.length };
}

/**
 * The full load's snapshot with the number formats the light read leaves out made `General`:
 * those of constants that are empty, booleans, errors or texts that do not read as numbers.
 * Worked out cell by cell from the full load, not by the adapter's code.
 */
export function withoutTextFormats(full: WorkbookSnapshot): WorkbookSnapshot {
  return {
    sheets: full.sheets.map((sheet) => ({
      ...sheet,
      numberFormats: sheet.numberFormats!.map((row, i) =>
        row.map((format, j) => {
          const value = sheet.values[i][j];
          const isFormula = String(sheet.formulas![i][j]).startsWith("=");
          const isNumber = typeof value === "number";
          const isTextNumber = typeof value === "string" && sheet.valueTypes![i][j] === "String" && readCell(value).kind === "number";
          return isFormula || isNumber || isTextNumber ? format : "General";
        }),
      ),
    })),
  };
}

/**
 * The light read's snapshot against the full load's: the same values, formulas, value types,
 * tables and sheets; the same number format wherever the engine reads one (number and formula
 * cells, texts that read as numbers), and elsewhere the full load's or `General`.
 */
export function expectAsFullLoad(light: WorkbookSnapshot, full: WorkbookSnapshot): void {
  const strip = (s: WorkbookSnapshot) => s.sheets.map(({ numberFormats: _n, ...rest }) => rest);
  expect(strip(light)).toEqual(strip(full));
  const needed = withoutTextFormats(full);
  const wrong: string[] = [];
  light.sheets.forEach((sheet, k) =>
    sheet.numberFormats!.forEach((row, i) =>
      row.forEach((format, j) => {
        const read = full.sheets[k].numberFormats![i][j];
        if (format !== needed.sheets[k].numberFormats![i][j] && !(format === read && needed.sheets[k].numberFormats![i][j] === "General"))
          wrong.push(`${sheet.name} R${i}C${j}: ${format} (full load ${read})`);
      }),
    ),
  );
  expect(wrong).toEqual([]);
  expect(light.sheets.map((s) => s.numberFormats!.map((r) => r.length))).toEqual(full.sheets.map((s) => s.numberFormats!.map((r) => r.length)));
}
