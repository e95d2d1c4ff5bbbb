import * as ExcelJS from "exceljs";
import type { SheetSnapshot, WorkbookSnapshot } from "../../src/core/model";
import { readXlsx } from "../../src/file";
import { displayFormula } from "../../src/file/readWorkbook";
import { editZipEntry, renameSheet, toXlsx, zipEntry } from "./helpers";

/** The value, formula, format and type of one cell of a snapshot, by A1 address. */
function at(sheet: SheetSnapshot, address: string) {
  const m = /^([A-Z]+)(\d+)$/.exec(address)!;
  const col = [...m[1]].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
  const row = Number(m[2]) - 1;
  const r = row - sheet.origin.row;
  const c = col - sheet.origin.column;
  return {
    value: sheet.values[r]?.[c],
    formula: sheet.formulas?.[r]?.[c],
    numberFormat: sheet.numberFormats?.[r]?.[c],
    type: sheet.valueTypes?.[r]?.[c],
  };
}

function sheetOf(snapshot: WorkbookSnapshot, name: string): SheetSnapshot {
  const sheet = snapshot.sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet ${name} in ${snapshot.sheets.map((s) => s.name).join(", ")}`);
  return sheet;
}

async function budgetWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Budget");
  ws.getCell("A1").value = "Libellé";
  ws.getCell("B1").value = "Montant";
  ws.getCell("C1").value = "Taux";
  ws.getCell("A2").value = "Subvention";
  ws.getCell("B2").value = 7000;
  ws.getCell("B2").numFmt = "#,##0.00 €";
  ws.getCell("C2").value = 0.3744;
  ws.getCell("C2").numFmt = "0.00%";
  ws.getCell("A3").value = "Texte";
  ws.getCell("B3").value = "9 380,00";
  ws.getCell("C3").value = "37,44 %";
  ws.getCell("A4").value = "Total";
  ws.getCell("B4").value = { formula: "SUM(B2:B3)", result: 7000 };
  // A shared formula over D2:D4, as Excel writes a filled-down formula.
  ws.getCell("D2").value = { formula: "B2*$C$2", result: 2620.8, shareType: "shared", ref: "D2:D4" } as ExcelJS.CellValue;
  ws.getCell("D3").value = { sharedFormula: "D2", result: 0 } as ExcelJS.CellValue;
  ws.getCell("D4").value = { sharedFormula: "D2", result: 2620.8 } as ExcelJS.CellValue;
  ws.mergeCells("E1:F2");
  ws.getCell("E1").value = "Titre fusionné";
  ws.getCell("F3").value = { error: "#REF!" } as ExcelJS.CellErrorValue;
  ws.getCell("F4").value = { formula: "1/0", result: { error: "#DIV/0!" } } as ExcelJS.CellValue;
  ws.getCell("A6").value = new Date(Date.UTC(2024, 0, 15));
  ws.getCell("A7").value = true;
  ws.getCell("A8").value = { richText: [{ text: "Lianes " }, { text: "coopération", font: { bold: true } }] };
  ws.getCell("A9").value = { text: "site", hyperlink: "https://example.org" };
  ws.getCell("B6").value = { formula: "B2-B4", result: 0 };
  ws.getCell("B7").value = { formula: "B2>B4", result: false } as ExcelJS.CellValue;
  ws.getCell("B8").value = { formula: "A2&\"\"", result: "Subvention" };

  const tables = wb.addWorksheet("Tableaux");
  tables.addTable({
    name: "Article3",
    ref: "B2",
    headerRow: true,
    columns: [{ name: "Code" }, { name: "CP" }],
    rows: [
      ["C05-043A06", 9380],
      ["C05-043A07", 7000],
    ],
  });
  wb.addWorksheet("Cachée", { state: "hidden" }).getCell("A1").value = "secret";
  wb.addWorksheet("Réglages", { state: "veryHidden" }).getCell("A1").value = "ignore";

  const sparse = wb.addWorksheet("Clairsemée");
  sparse.getCell("C5").value = "début";
  sparse.getCell("E7").value = 42;
  sparse.getCell("Z100").numFmt = "0.00"; // a format without a value is not data

  wb.addWorksheet("Vide");
  return toXlsx(wb);
}

describe("readXlsx", () => {
  let snapshot: WorkbookSnapshot;
  let budget: SheetSnapshot;

  beforeAll(async () => {
    snapshot = await readXlsx(await budgetWorkbook(), "budget.xlsx");
    budget = sheetOf(snapshot, "Budget");
  });

  test("lists the sheets in order, with their visibility", () => {
    expect(snapshot.sheets.map((s) => [s.name, s.visibility])).toEqual([
      ["Budget", "Visible"],
      ["Tableaux", "Visible"],
      ["Cachée", "Hidden"],
      ["Réglages", "VeryHidden"],
      ["Clairsemée", "Visible"],
      ["Vide", "Visible"],
    ]);
  });

  test("numbers, texts and number formats", () => {
    expect(at(budget, "B2")).toEqual({ value: 7000, formula: 7000, numberFormat: "#,##0.00 €", type: "Double" });
    expect(at(budget, "C2")).toEqual({ value: 0.3744, formula: 0.3744, numberFormat: "0.00%", type: "Double" });
    expect(at(budget, "B3")).toEqual({ value: "9 380,00", formula: "9 380,00", numberFormat: "General", type: "String" });
    expect(at(budget, "C3").value).toBe("37,44 %");
    expect(at(budget, "A1")).toEqual({ value: "Libellé", formula: "Libellé", numberFormat: "General", type: "String" });
  });

  test("formulas give their cached result as value and =formula as formula", () => {
    expect(at(budget, "B4")).toMatchObject({ value: 7000, formula: "=SUM(B2:B3)", type: "Double" });
    expect(at(budget, "B6")).toMatchObject({ value: 0, formula: "=B2-B4", type: "Double" });
    expect(at(budget, "B7")).toMatchObject({ value: false, formula: "=B2>B4", type: "Boolean" });
    expect(at(budget, "B8")).toMatchObject({ value: "Subvention", formula: '=A2&""', type: "String" });
  });

  test("every cell of a shared formula gets its own translated formula", async () => {
    // Make sure the file really holds a shared formula (so the slave path is tested).
    const bytes = await budgetWorkbook();
    const sheetXml = await zipEntry(bytes, "xl/worksheets/sheet1.xml");
    expect(sheetXml).toMatch(/<c r="D3"[^>]*><f t="shared" si="0"\s*\/>/);

    expect(at(budget, "D2")).toMatchObject({ value: 2620.8, formula: "=B2*$C$2" });
    expect(at(budget, "D3")).toMatchObject({ value: 0, formula: "=B3*$C$2", type: "Double" });
    expect(at(budget, "D4")).toMatchObject({ value: 2620.8, formula: "=B4*$C$2" });
  });

  test("shared formulas keep string literals, quoted sheet names and table columns as they are", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Q1 data").getCell("A1").value = 1;
    const ws = wb.addWorksheet("Calc");
    ws.getCell("B1").value = {
      formula: `IF(A1="B1",'Q1 data'!A1,SUM(A1:A2))`,
      result: 1,
      shareType: "shared",
      ref: "B1:C2",
    } as ExcelJS.CellValue;
    ws.getCell("C1").value = { sharedFormula: "B1", result: 2 } as ExcelJS.CellValue;
    ws.getCell("B2").value = { sharedFormula: "B1", result: 3 } as ExcelJS.CellValue;
    ws.getCell("C2").value = { sharedFormula: "B1", result: 4 } as ExcelJS.CellValue;
    const calc = sheetOf(await readXlsx(await toXlsx(wb), "calc.xlsx"), "Calc");
    expect(at(calc, "C1").formula).toBe(`=IF(B1="B1",'Q1 data'!B1,SUM(B1:B2))`);
    expect(at(calc, "B2").formula).toBe(`=IF(A2="B1",'Q1 data'!A2,SUM(A2:A3))`);
    expect(at(calc, "C2").formula).toBe(`=IF(B2="B1",'Q1 data'!B2,SUM(B2:B3))`);
  });

  test("merged cells: the value sits in the top-left cell only, and the area is listed", () => {
    expect(at(budget, "E1")).toMatchObject({ value: "Titre fusionné", type: "String" });
    for (const address of ["F1", "E2", "F2"]) expect(at(budget, address)).toMatchObject({ value: "", formula: "", type: "Empty" });
    expect(budget.merges).toEqual(["E1:F2"]);
  });

  test("errors, dates, booleans, rich text and hyperlinks", () => {
    expect(at(budget, "F3")).toMatchObject({ value: "#REF!", formula: "#REF!", type: "Error" });
    expect(at(budget, "F4")).toMatchObject({ value: "#DIV/0!", formula: "=1/0", type: "Error" });
    expect(at(budget, "A6")).toMatchObject({ value: 45306, type: "Double" }); // 15/01/2024
    expect(at(budget, "A6").numberFormat).not.toBe("General");
    expect(at(budget, "A7")).toMatchObject({ value: true, formula: true, type: "Boolean" });
    expect(at(budget, "A8")).toMatchObject({ value: "Lianes coopération", type: "String" });
    expect(at(budget, "A9")).toMatchObject({ value: "site", type: "String" });
  });

  test("empty cells inside the used range are empty strings typed Empty, rows are rectangular", () => {
    expect(at(budget, "C4")).toEqual({ value: "", formula: "", numberFormat: "General", type: "Empty" });
    expect(budget.origin).toEqual({ row: 0, column: 0 });
    expect(budget.values).toHaveLength(9);
    for (const grid of [budget.values, budget.formulas!, budget.numberFormats!, budget.valueTypes!]) {
      expect(grid.every((row) => row.length === 6)).toBe(true);
    }
  });

  test("Excel tables are listed with their range, header row included", () => {
    expect(sheetOf(snapshot, "Tableaux").listObjects).toEqual([{ name: "Article3", range: "B2:C4" }]);
    expect(budget.listObjects).toEqual([]);
  });

  test("the used range starts at the first cell holding data", () => {
    const sparse = sheetOf(snapshot, "Clairsemée");
    expect(sparse.origin).toEqual({ row: 4, column: 2 });
    expect(sparse.values).toEqual([
      ["début", "", ""],
      ["", "", ""],
      ["", "", 42],
    ]);
  });

  test("an empty sheet has no rows", () => {
    const empty = sheetOf(snapshot, "Vide");
    expect(empty.values).toEqual([]);
    expect(empty.origin).toEqual({ row: 0, column: 0 });
  });

  test("a sheet name over 31 characters is read under its real name", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("infos").getCell("A1").value = "source";
    const data = wb.addWorksheet("Projets");
    data.addRow(["id", "montant"]);
    data.addRow(["p1", 1000]);
    wb.addWorksheet("Synthèse").getCell("A1").value = { formula: "SUM(Projets!B2:B2)", result: 1000 };
    const longName = "Projets_dotations_investissement_2019"; // 37 characters, as in the State's file
    const bytes = await renameSheet(await toXlsx(wb), "Projets", longName);

    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const read = await readXlsx(bytes, "dotations.xlsx");
      expect(read.sheets.map((s) => s.name)).toEqual(["infos", longName, "Synthèse"]);
      expect(sheetOf(read, longName).values).toEqual([
        ["id", "montant"],
        ["p1", 1000],
      ]);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  test("two long names that share their first 31 characters stay apart", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("A").getCell("A1").value = "a";
    wb.addWorksheet("B").getCell("A1").value = "b";
    let bytes = await toXlsx(wb);
    bytes = await renameSheet(bytes, "A", "Une feuille au nom bien trop long pour Excel (1)");
    bytes = await renameSheet(bytes, "B", "Une feuille au nom bien trop long pour Excel (2)");
    const read = await readXlsx(bytes, "long.xlsx");
    expect(read.sheets.map((s) => [s.name, s.values[0][0]])).toEqual([
      ["Une feuille au nom bien trop long pour Excel (1)", "a"],
      ["Une feuille au nom bien trop long pour Excel (2)", "b"],
    ]);
  });

  test("LibreOffice's date1904=\"true\" gives the serial numbers the file stores", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Dates");
    ws.getCell("A1").value = 43844; // stored serial
    ws.getCell("A1").numFmt = "dd/mm/yyyy";
    const bytes = await editZipEntry(await toXlsx(wb), "xl/workbook.xml", (xml) =>
      xml.replace(/<workbookPr[^>]*\/>/, '<workbookPr date1904="true"/>'),
    );
    const read = await readXlsx(bytes, "dates.xlsx");
    expect(at(sheetOf(read, "Dates"), "A1").value).toBe(43844);
  });

  test("a row at the very bottom of the sheet that holds nothing is not read", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Données");
    ws.getCell("A1").value = "id";
    ws.getCell("A2").value = 1;
    ws.getRow(1048576).height = 20; // an empty row declared at the bottom, as LibreOffice writes
    const read = await readXlsx(await toXlsx(wb), "donnees.xlsx");
    expect(sheetOf(read, "Données").values).toEqual([["id"], [1]]);
  });

  test("a workbook whose parts use a namespace prefix (<x:workbook>, as the OpenXML SDK writes)", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Feuil1");
    ws.getCell("A1").value = "Montant";
    ws.getCell("A2").value = 9380;
    ws.getCell("A2").numFmt = "0.00";
    let bytes = await toXlsx(wb);
    const prefixed = (xml: string) =>
      xml
        .replace(/<(\/?)([A-Za-z][\w]*)(?=[\s>/])/g, (m, slash: string, name: string) => `<${slash}x:${name}`)
        .replace(/\sxmlns="http:\/\/schemas\.openxmlformats\.org\/spreadsheetml\/2006\/main"/, ' xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"');
    for (const part of ["xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml"]) {
      bytes = await editZipEntry(bytes, part, prefixed);
    }
    expect(await zipEntry(bytes, "xl/worksheets/sheet1.xml")).toContain("<x:sheetData>");
    const read = await readXlsx(bytes, "sdk.xlsx");
    expect(read.sheets.map((s) => s.name)).toEqual(["Feuil1"]);
    expect(read.sheets[0].values).toEqual([["Montant"], [9380]]);
    expect(read.sheets[0].numberFormats).toEqual([["General"], ["0.00"]]);
  });

  test("accepts an ArrayBuffer as well as a Uint8Array and reports progress", async () => {
    const bytes = await budgetWorkbook();
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const progress: number[] = [];
    const read = await readXlsx(buffer, "budget.xlsx", { onProgress: (p) => progress.push(p.done / p.total) });
    expect(read.sheets).toHaveLength(6);
    expect(progress[progress.length - 1]).toBe(1);
  });
});

describe("displayFormula", () => {
  test("drops the _xlfn. prefixes Excel stores for newer functions, as Office.js does", () => {
    expect(displayFormula("_xlfn.XLOOKUP(A1,B:B,C:C)")).toBe("XLOOKUP(A1,B:B,C:C)");
    expect(displayFormula("_xlfn._xlws.FILTER(A1:A9,B1:B9>0)")).toBe("FILTER(A1:A9,B1:B9>0)");
    expect(displayFormula('_xlfn.CONCAT("_xlfn.",A1)')).toBe('CONCAT("_xlfn.",A1)');
    expect(displayFormula("SUM(A1:A3)")).toBe("SUM(A1:A3)");
  });
});

describe("readXlsx input types", () => {
  test("a Node Buffer straight from fs, even from another realm", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("F").getCell("A1").value = 1;
    const bytes = await toXlsx(wb);
    const { Buffer: OuterBuffer } = jest.requireActual<typeof import("buffer")>("buffer");
    const read = await readXlsx(OuterBuffer.from(bytes), "f.xlsx");
    expect(read.sheets[0].values).toEqual([[1]]);
  });
});
