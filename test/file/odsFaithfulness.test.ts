/**
 * The hand-written .ods reader against the .xlsx reader: one table written as an .xlsx by ExcelJS
 * and as an .ods by SheetJS's writer (another implementation than the reader's) must give the
 * same values, formulas and number formats.
 */
import * as ExcelJS from "exceljs";
import * as XLSX from "@e965/xlsx";
import { readXlsx } from "../../src/file";
import { toXlsx } from "./helpers";

type Cell = { v: string | number; f?: string; z?: string };

/**
 * Text, amounts with a thousands format, rates in %, a total formula, ratio formulas and a date.
 * No `0.0%`: SheetJS 0.20.3's .ods writer writes it with two decimals (its bug, not the reader's).
 */
const TABLE: (Cell | undefined)[][] = [
  [{ v: "Poste" }, { v: "Montant" }, { v: "Taux" }, { v: "Part" }],
  [{ v: "Études" }, { v: 1200.5, z: "#,##0.00" }, { v: 0.25, z: "0.00%" }, { v: 0.6001, f: "B2/B4", z: "0.00%" }],
  [{ v: "Travaux" }, { v: 800, z: "#,##0.00" }, { v: 0.1, z: "0.00%" }, { v: 0.3999, f: "B3/B4", z: "0.00%" }],
  [{ v: "Total" }, { v: 2000.5, f: "SUM(B2:B3)", z: "#,##0.00" }, undefined, { v: 1, f: "D2+D3", z: "0%" }],
  [],
  [{ v: "Voté le" }, { v: 45366, z: "dd/mm/yyyy" }],
];

async function asXlsx(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Budget");
  TABLE.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (!cell) return;
      const target = sheet.getCell(r + 1, c + 1);
      target.value = cell.f ? { formula: cell.f, result: cell.v } : cell.v;
      if (cell.z) target.numFmt = cell.z;
    }),
  );
  return toXlsx(workbook);
}

function asOds(): Uint8Array {
  const sheet: XLSX.WorkSheet = {};
  TABLE.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (!cell) return;
      sheet[XLSX.utils.encode_cell({ r, c })] = { t: typeof cell.v === "number" ? "n" : "s", v: cell.v, ...(cell.f ? { f: cell.f } : {}), ...(cell.z ? { z: cell.z } : {}) };
    }),
  );
  sheet["!ref"] = "A1:D6";
  const workbook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(workbook, sheet, "Budget");
  return new Uint8Array(XLSX.write(workbook, { bookType: "ods", type: "array" }) as ArrayBuffer);
}

test("an .ods and the same workbook as .xlsx read into the same values, formulas and number formats", async () => {
  const [fromOds, fromXlsx] = [await readXlsx(asOds(), "budget.ods"), await readXlsx(await asXlsx(), "budget.xlsx")];
  expect(fromOds.sheets.map((s) => s.name)).toEqual(["Budget"]);
  const [ods, xlsx] = [fromOds.sheets[0], fromXlsx.sheets[0]];
  expect(ods.origin).toEqual(xlsx.origin);
  expect(ods.values).toEqual(xlsx.values);
  expect(ods.formulas).toEqual(xlsx.formulas);
  expect(ods.numberFormats).toEqual(xlsx.numberFormats);
  expect(ods.valueTypes).toEqual(xlsx.valueTypes);
});
