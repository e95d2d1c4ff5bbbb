/**
 * @jest-environment node
 */
/*
 * The browser page's host fills the bundled example workbook (ExcelJS runs in Node here): the
 * Rapport template from the 2025 Lianes line (seed: CP 10 000, disponible 10 000, proposition
 * 9 380, solde 620), read back from the downloaded copy.
 */
import { readFileSync } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { planFill } from "../../../src/core/fill";
import { createFileHost, filledCopyName, XLSX_MIME } from "../../../src/web/fileHost";

const EXAMPLE = readFileSync(path.join(__dirname, "../../../examples/dossier-commission-permanente.xlsx"));
const NAME = "dossier-commission-permanente.xlsx";
const plain = (s: string): string => s.replace(/[\s\u00a0\u202f]+/g, " ");

test("filledCopyName: NOM.rempli.xlsx, or .xlsm for a macro workbook (the copy keeps its macros)", () => {
  expect(filledCopyName("budget.xlsx")).toBe("budget.rempli.xlsx");
  expect(filledCopyName("budget.ods")).toBe("budget.rempli.xlsx");
  expect(filledCopyName("budget.XLSM")).toBe("budget.rempli.xlsx");
  expect(filledCopyName("budget.xlsm", true)).toBe("budget.rempli.xlsm");
});

test("applyFillPlan fills the opened bytes and downloads the copy: the seed's sentence and a live Solde", async () => {
  const bytes = new Uint8Array(EXAMPLE);
  const before = Buffer.from(bytes);
  const downloads: { blob: Blob; name: string }[] = [];
  const host = createFileHost(bytes, NAME, { download: (blob, name) => downloads.push({ blob, name }) });
  const result = planFill(await host.readWorkbook(), { template: "rapport", line: "Rapport 2025 Lianes!A2" });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join("\n"));
  const { sheetName } = await host.applyFillPlan(result.plan);
  expect(sheetName).toBe(result.plan.sheetName);
  expect(downloads.map((d) => [d.name, d.blob.type])).toEqual([["dossier-commission-permanente.rempli.xlsx", XLSX_MIME]]);
  // The opened file's bytes are left as they were.
  expect(Buffer.from(bytes).equals(before)).toBe(true);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await downloads[0].blob.arrayBuffer());
  const ws = wb.getWorksheet(sheetName)!;
  expect(ws).toBeTruthy();
  const texts: string[] = [];
  const formulas: { address: string; formula: string }[] = [];
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      const v = cell.value;
      if (typeof v === "string") texts.push(plain(v));
      else if (v && typeof v === "object" && "formula" in v) formulas.push({ address: cell.address, formula: String(v.formula) });
    }),
  );
  expect(texts).toContain("À ce titre, il est proposé un accompagnement financier du Département à hauteur de 9 380 €.");
  // The Solde is a formula over the line's own Disponible and Proposition, which hold numbers.
  const solde = formulas.find((f) => /^E\d+-F\d+$/.test(f.formula))!;
  expect(solde).toBeTruthy();
  const [e, f] = solde.formula.split("-");
  expect(ws.getCell(e).value).toBe(10000);
  expect(ws.getCell(f).value).toBe(9380);
  expect((ws.getCell(e).value as number) - (ws.getCell(f).value as number)).toBe(620);
});

test("the filled copy opened in the page: its grid gets the Solde the engine computes (Excel would show 620)", async () => {
  const downloads: Blob[] = [];
  const host = createFileHost(new Uint8Array(EXAMPLE), NAME, { download: (blob) => downloads.push(blob) });
  const result = planFill(await host.readWorkbook(), { template: "rapport", line: "Rapport 2025 Lianes!A2" });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join("\n"));
  const { sheetName } = await host.applyFillPlan(result.plan);
  expect(host.getState().computed?.has(sheetName)).toBe(false);

  const reopened = createFileHost(new Uint8Array(await downloads[0].arrayBuffer()), "dossier-commission-permanente.rempli.xlsx");
  const snapshot = await reopened.readWorkbook();
  const filled = snapshot.sheets.find((s) => s.name === sheetName)!;
  const at = filled.formulas!.flatMap((row, i) => row.map((f, j) => ({ f, row: filled.origin.row + i, column: filled.origin.column + j }))).find((x) => /^=E\d+-F\d+$/.test(String(x.f)))!;
  // Written with no result: the file holds nothing there, the engine's value is handed to the grid.
  expect(filled.values[at.row - filled.origin.row][at.column - filled.origin.column]).toBe("");
  expect(reopened.getState().computed?.get(sheetName)?.get(`${at.row},${at.column}`)).toBe(620);
  // Only formulas with no result: the example's own sheets were calculated by a spreadsheet.
  expect([...(reopened.getState().computed?.keys() ?? [])]).toEqual([sheetName]);
});
