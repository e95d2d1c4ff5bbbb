/**
 * The Rapport built-in filled from the seeds' 2023 and 2025 report tables, through the file host:
 * the seeds' sentence and figures, a re-check with no error and no warning, and a Solde that
 * follows its Proposition when recalculated (hyperformula, test-only).
 */
import * as ExcelJS from "exceljs";
import { HyperFormula } from "hyperformula";
import { checkWorkbook } from "../../../src/core/engine";
import { insertTemplatePlan, listTemplates, planFill } from "../../../src/core/fill";
import { readXlsx } from "../../../src/file";
import { fillWorkbook } from "../../../src/file/fill";
import { IMPUTATION_HEADER, IMPUTATION_HEADER_CYRILLIC, lianes2023, lianes2025 } from "../../helpers/seeds";
import { xlsxBytes } from "../../helpers/xlsx-builder";

/** Spaces before `€` and `%` and between thousands compared as one kind (DOMAIN.md, Report templates). */
const spaces = (s: string) => s.replace(/[\u00a0\u202f ]/g, " ");

async function filledReport(rows: (string | number)[][]): Promise<{ bytes: Uint8Array; sheet: ExcelJS.Worksheet; name: string }> {
  const input = await xlsxBytes([{ name: "Rapport", rows }]);
  const result = planFill(await readXlsx(input, "rapport.xlsx"), { template: "rapport", line: "C05-043A06" });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join("\n"));
  const bytes = await fillWorkbook(input, result.plan, { fileName: "rapport.xlsx" });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return { bytes, sheet: wb.getWorksheet(result.plan.sheetName)!, name: result.plan.sheetName };
}

describe.each([
  // Seed 000 (2023): « À ce titre, il est proposé un accompagnement financier du Département à hauteur de 7 000 € afin de … »
  ["2023", [IMPUTATION_HEADER, lianes2023()], "il est proposé un accompagnement financier du Département à hauteur de 7 000 €", [43056, 31000, 7000], 24000],
  // Seed 001 (2025): « A ce titre, il est proposé un accompagnement financier du Département à hauteur de 9 380 € afin de … »
  ["2025", [IMPUTATION_HEADER_CYRILLIC, lianes2025()], "il est proposé un accompagnement financier du Département à hauteur de 9 380 €", [10000, 10000, 9380], 620],
])("Rapport %s", (_year, rows, sentence, figures, solde) => {
  let filled: Awaited<ReturnType<typeof filledReport>>;
  beforeAll(async () => {
    filled = await filledReport(rows as (string | number)[][]);
  });

  it("is named after the template and the line", () => expect(filled.name).toBe("Rapport C05-043A06"));

  it("writes the seed's sentence", () => {
    expect(spaces(String(filled.sheet.getCell("A6").value))).toContain(sentence);
  });

  it("writes the table's figures as numbers, the Solde as a live formula", () => {
    expect(filled.sheet.getCell("A4").value).toBe("C05-043A06");
    expect([4, 5, 6].map((c) => filled.sheet.getCell(4, c).value)).toEqual(figures);
    expect(filled.sheet.getCell("D4").numFmt).toBe("#,##0.00");
    expect((filled.sheet.getCell("G4").value as ExcelJS.CellFormulaValue).formula).toBe("E4-F4");
    // The Solde the seed prints, from the written formula recalculated.
    const hf = HyperFormula.buildFromSheets({ s: sheetValues(filled.sheet) }, { licenseKey: "gpl-v3" });
    expect(hf.getCellValue({ sheet: 0, row: 3, col: 6 })).toBe(solde);
    hf.setCellContents({ sheet: 0, row: 3, col: 5 }, 5000);
    expect(hf.getCellValue({ sheet: 0, row: 3, col: 6 })).toBe(figures[1] - 5000);
    hf.destroy();
  });

  it("re-checked by the engine: no error, no warning", async () => {
    const result = checkWorkbook(await readXlsx(filled.bytes, "rempli.xlsx"));
    expect(result.findings.filter((f) => f.severity !== "info")).toEqual([]);
    expect(result.tables.some((t) => t.sheet === "Rapport C05-043A06" && t.kind === "imputation")).toBe(true);
  });
});

/** A sheet's cells for hyperformula: formulas with their `=`, values as they are. */
function sheetValues(ws: ExcelJS.Worksheet): (string | number | null)[][] {
  const out: (string | number | null)[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    const line: (string | number | null)[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const v = cell.value;
      line[c - 1] = v && typeof v === "object" && "formula" in v ? `=${v.formula}` : (v as string | number | null);
    });
    out[r - 1] = line;
  });
  return Array.from(out, (r) => r ?? []);
}

describe("the Rapport built-in as a template sheet", () => {
  it("is inserted with its placeholders as text and its Solde as a formula, then recognised and filled", async () => {
    const input = await xlsxBytes([{ name: "Rapport", rows: [IMPUTATION_HEADER_CYRILLIC, lianes2025()] }]);
    const snapshot = await readXlsx(input, "r.xlsx");
    const insert = insertTemplatePlan("rapport", snapshot);
    expect(insert.template).toBeUndefined();
    expect(insert.sheetName).toBe("Modèle Rapport");
    const withTemplate = await fillWorkbook(input, insert, { fileName: "r.xlsx" });
    const snap2 = await readXlsx(withTemplate, "r.xlsx");
    expect(listTemplates(snap2).filter((t) => !t.builtin).map((t) => t.sheet)).toEqual(["Modèle Rapport"]);
    const result = planFill(snap2, { template: "Modèle Rapport" });
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join("\n"));
    expect(result.plan.template).toBe("Modèle Rapport");
    const out = await fillWorkbook(withTemplate, result.plan, { fileName: "r.xlsx" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Rapport C05-043A06")!;
    expect(spaces(String(ws.getCell("A6").value))).toContain("à hauteur de 9 380 €");
    expect(ws.getCell("F4").value).toBe(9380);
    expect((ws.getCell("G4").value as ExcelJS.CellFormulaValue).formula).toBe("E4-F4");
    // The template sheet itself is left as it was.
    expect(wb.getWorksheet("Modèle Rapport")!.getCell("F4").value).toBe("{lignes.proposition|montant}");
  });
});
