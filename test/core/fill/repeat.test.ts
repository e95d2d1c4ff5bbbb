/**
 * Repeated rows through the file host: a template over `{operations.…}` filled with 0, 1, 2 and
 * 50 operations; the TOTAL must add exactly those rows, and the merge and conditional format
 * below must move with them. The file is read back with ExcelJS.
 */
import * as ExcelJS from "exceljs";
import { planFill } from "../../../src/core/fill";
import { readXlsx } from "../../../src/file";
import { fillWorkbook } from "../../../src/file/fill";

async function workbookWith(n: number): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const rapport = wb.addWorksheet("Rapport");
  if (n > 0) {
    rapport.addRow(["Code Opération", "Imputation budgétaire", "Libellé Opération", "CP", "Disponible", "Proposition", "Solde"]);
    for (let i = 0; i < n; i++) {
      const code = `C05-${String(100 + i)}A01`;
      // CP 1 000 + i, nothing used before, proposition 10 × (i + 1).
      rapport.addRow([code, "65748//93043", `Opération ${i + 1}`, 1000 + i, 1000 + i, 10 * (i + 1), 1000 + i - 10 * (i + 1)]);
    }
  }
  const t = wb.addWorksheet("Modèle Liste");
  t.getCell("A1").value = "Liste des opérations";
  t.getCell("A2").value = "Code";
  t.getCell("B2").value = "Propositions";
  t.getCell("A3").value = "{operations.code}";
  t.getCell("B3").value = "{operations.propositions|montant}";
  t.getCell("C3").value = { formula: "B3*2" } as ExcelJS.CellFormulaValue;
  t.getCell("A4").value = "TOTAL";
  t.getCell("B4").value = { formula: "SUM(B3)" } as ExcelJS.CellFormulaValue;
  t.getCell("A5").value = "Note sous le tableau";
  t.mergeCells("A5:C5");
  t.addConditionalFormatting({ ref: "B4", rules: [{ type: "cellIs", operator: "lessThan", formulae: ["0"], priority: 1, style: { font: { bold: true } } }] });
  t.getCell("B3").dataValidation = { type: "decimal", operator: "greaterThanOrEqual", formulae: [0], allowBlank: true };
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe.each([0, 1, 2, 50])("%i operations", (n) => {
  let filled: ExcelJS.Worksheet;
  beforeAll(async () => {
    const bytes = await workbookWith(n);
    const result = planFill(await readXlsx(bytes, "liste.xlsx"), { template: "Modèle Liste" });
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join("\n"));
    const out = await fillWorkbook(bytes, result.plan, { fileName: "liste.xlsx" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out as unknown as ArrayBuffer);
    filled = wb.getWorksheet("Liste")!;
  });

  // The TOTAL row is row 4 + n − 1 (rows 3 … 2 + n hold the operations; with none, row 3).
  const totalRow = 3 + n;

  it("writes one row per operation, numbers as numbers", () => {
    for (let i = 0; i < n; i++) {
      expect(filled.getCell(3 + i, 1).value).toBe(`C05-${100 + i}A01`);
      expect(filled.getCell(3 + i, 2).value).toBe(10 * (i + 1));
      expect(filled.getCell(3 + i, 2).numFmt).toBe("#,##0.00");
      expect((filled.getCell(3 + i, 3).value as ExcelJS.CellFormulaValue).formula).toBe(`B${3 + i}*2`);
    }
  });

  it("TOTAL adds exactly those rows", () => {
    expect(filled.getCell(totalRow, 1).value).toBe("TOTAL");
    const formula = (filled.getCell(totalRow, 2).value as ExcelJS.CellFormulaValue).formula;
    expect(formula).toBe(n === 0 ? "0" : n === 1 ? "SUM(B3)" : `SUM(B3:B${2 + n})`);
  });

  it("the merge and the conditional format below moved with the rows", () => {
    const merges = (filled as unknown as { model: { merges: string[] } }).model.merges;
    expect(merges).toEqual([`A${totalRow + 1}:C${totalRow + 1}`]);
    expect(filled.getCell(totalRow + 1, 1).value).toBe("Note sous le tableau");
    const cf = (filled as unknown as { conditionalFormattings: { ref: string }[] }).conditionalFormattings;
    expect(cf.map((c) => c.ref)).toEqual([`B${totalRow}`]);
  });

  it("the validated row's copies are validated", () => {
    for (let i = 0; i < n; i++) expect(filled.getCell(3 + i, 2).dataValidation?.type).toBe("decimal");
    if (n === 0) expect(filled.getCell(3, 2).dataValidation?.type).toBeUndefined();
  });
});

describe("a block of two rows between {début operations} and {fin operations}", () => {
  it("repeats both rows per operation, removes the markers, and the format on the repeated row follows its copies", async () => {
    const wb = new ExcelJS.Workbook();
    const rapport = wb.addWorksheet("Rapport");
    rapport.addRow(["Code Opération", "Imputation budgétaire", "Libellé Opération", "CP", "Disponible", "Proposition", "Solde"]);
    rapport.addRow(["C05-100A01", "65748//93043", "Première", 1000, 1000, 100, 900]);
    rapport.addRow(["C05-101A01", "65748//93043", "Seconde", 2000, 2000, 300, 1700]);
    const t = wb.addWorksheet("Modèle Bloc");
    t.getCell("A1").value = "{début operations}";
    t.getCell("A2").value = "{operations.code}";
    t.getCell("B2").value = "{operations.propositions}";
    t.getCell("A3").value = "Libellé : {operations.libelle}";
    t.getCell("A4").value = "{fin operations}";
    t.getCell("A5").value = "TOTAL";
    t.getCell("B5").value = { formula: "SUM(B2)" } as ExcelJS.CellFormulaValue;
    t.addConditionalFormatting({ ref: "B2", rules: [{ type: "cellIs", operator: "greaterThan", formulae: ["1000"], priority: 1, style: { font: { bold: true } } }] });
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const result = planFill(await readXlsx(bytes, "bloc.xlsx"), { template: "Modèle Bloc" });
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join("\n"));
    const out = new ExcelJS.Workbook();
    await out.xlsx.load((await fillWorkbook(bytes, result.plan)) as unknown as ArrayBuffer);
    const ws = out.getWorksheet("Bloc")!;
    expect([1, 2, 3, 4, 5].map((r) => ws.getCell(r, 1).value)).toEqual(["C05-100A01", "Libellé : Première", "C05-101A01", "Libellé : Seconde", "TOTAL"]);
    expect([ws.getCell("B1").value, ws.getCell("B3").value]).toEqual([100, 300]);
    // B2 and B4 are the block's label rows: a two-row block sums its number rows one by one.
    expect((ws.getCell("B5").value as ExcelJS.CellFormulaValue).formula).toBe("SUM(B1,B3)");
    const cf = (ws as unknown as { conditionalFormattings: { ref: string }[] }).conditionalFormattings;
    expect(cf.map((c) => c.ref)).toEqual(["B1:B3"]);
  });
});
