/**
 * The engine on every real third-party workbook of ../shared/real-workbooks: no check fails, no
 * error where the arithmetic is right, the tables people really made are found, and the rows of
 * the State's grant lists whose rate disagrees with subvention ÷ coût are reported at their
 * cells. Those rows are found here by a second, independent computation over the raw cells (no
 * engine code), so the engine does not grade itself. Skipped, and said, without the folder.
 */
import * as fs from "fs";
import * as path from "path";
import { checkWorkbook, type CheckResult } from "../../src/core/engine";
import type { WorkbookSnapshot } from "../../src/core/model";
import { readXlsx } from "../../src/file";

const FOLDER = path.resolve(__dirname, "../../../shared/real-workbooks");
const present = fs.existsSync(FOLDER);
const files = present ? fs.readdirSync(FOLDER).filter((f) => /\.(xlsx|xls|ods)$/i.test(f)).sort() : [];
const describeIfPresent = present ? describe : describe.skip;
if (!present) console.log(`Real workbooks not found at ${FOLDER}: the engine's real-workbook tests are skipped.`);

const cache = new Map<string, Promise<{ snapshot: WorkbookSnapshot; result: CheckResult }>>();
function checked(file: string) {
  let p = cache.get(file);
  if (!p) {
    p = readXlsx(new Uint8Array(fs.readFileSync(path.join(FOLDER, file))), file).then((snapshot) => ({ snapshot, result: checkWorkbook(snapshot) }));
    cache.set(file, p);
  }
  return p;
}

/** A1 of a 0-based row and column, written out here rather than taken from the engine. */
function a1(row: number, column: number): string {
  let n = column + 1;
  let letters = "";
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return `${letters}${row + 1}`;
}

/** A number as the State files store it: a number, or text with a decimal comma (`0,3999670062`). */
function num(v: unknown): { value: number; decimals: number } | undefined {
  if (typeof v === "number") return { value: v, decimals: -1 };
  if (typeof v !== "string" || !/^\d+(,\d+)?$/.test(v.trim())) return undefined;
  const t = v.trim();
  return { value: Number(t.replace(",", ".")), decimals: t.includes(",") ? t.length - t.indexOf(",") - 1 : 0 };
}

/**
 * The cells of the rate column whose value is not subvention ÷ coût within half a unit of its
 * shown last decimal (the format's decimals, or the decimals typed in the text).
 */
function wrongRates(snapshot: WorkbookSnapshot, sheetName: string, headers: { cout: string; subvention: string; taux: string }): string[] {
  const sheet = snapshot.sheets.find((s) => s.name === sheetName)!;
  const head = sheet.values[0].map((v) => String(v));
  const [ci, si, ti] = [head.indexOf(headers.cout), head.indexOf(headers.subvention), head.indexOf(headers.taux)];
  const out: string[] = [];
  for (let i = 1; i < sheet.values.length; i++) {
    const row = sheet.values[i];
    const cout = num(row[ci]);
    const subvention = num(row[si]);
    const taux = num(row[ti]);
    if (!cout || !subvention || !taux || cout.value === 0 || subvention.value === 0) continue;
    const format = sheet.numberFormats?.[i]?.[ti] ?? "General";
    const shown = taux.decimals >= 0 ? taux.decimals : /\.(0+)/.exec(format)?.[1].length ?? (String(taux.value).split(".")[1] ?? "").length;
    if (Math.abs(taux.value - subvention.value / cout.value) > 0.5 * 10 ** -shown + 1e-9) out.push(a1(sheet.origin.row + i, sheet.origin.column + ti));
  }
  return out.sort();
}

describeIfPresent("the engine on the real workbooks", () => {
  test.each(files)("%s: no check fails, no error, nothing left silent", async (file) => {
    const { result } = await checked(file);
    expect(result.failures).toEqual([]);
    // Every one of these files is arithmetically right where Pointage reads it (see SOURCES.md).
    expect(result.findings.filter((f) => f.severity === "error").map((f) => `${f.rule} ${f.sheet}!${f.cell}`)).toEqual([]);
    // Something was read: tables checked, or ranges said to be unchecked.
    expect(result.tables.length + result.unread.length).toBeGreaterThan(0);
  }, 120_000);

  test("the 2019 State grant list: each rate that is not montant_sub ÷ cout_total at its 4 decimals, at its cell", async () => {
    const { snapshot, result } = await checked("dotations-investissement-2019.xlsx");
    const expected = wrongRates(snapshot, "Projets_dotations_investissement_2019", { cout: "cout_total", subvention: "montant_sub", taux: "pct_sub" });
    expect(expected.length).toBe(9);
    // Checked by hand: L1982 = 0,3607 for 57 451,02 ÷ 143 771,33 = 0,3996; L8717 = 0 for 39 547,20 ÷ 131 824 = 0,3000.
    expect(expected).toEqual(expect.arrayContaining(["L1982", "L8717"]));
    const found = result.findings.filter((f) => f.rule === "LIGNE-CALCUL").map((f) => f.cell).sort();
    expect(found).toEqual(expected);
  }, 120_000);

  test("the 2018 State grant list: each LEVIER that is not SUBVENTION ÷ COUT at its typed decimals, at its cell", async () => {
    const { snapshot, result } = await checked("dotations-investissement-2018.ods");
    const expected = wrongRates(snapshot, "Projets_DI_2018", { cout: "COUT", subvention: "SUBVENTION", taux: "LEVIER" });
    expect(expected.length).toBe(11);
    // Checked by hand: N3762 = 0,2004 for 6 000 ÷ 29 948 = 0,200347 (0,2003 at 4 decimals).
    expect(expected).toContain("N3762");
    const found = result.findings.filter((f) => f.rule === "LIGNE-CALCUL").map((f) => f.cell).sort();
    expect(found).toEqual(expected);
  }, 120_000);

  test("the event budgets' tables are found and checked", async () => {
    const { result: borotra, snapshot: borotraCells } = await checked("borotra-tournoi-budget.xlsx");
    // Receipts and expenses side by side, each closed by its total three blank rows below: one
    // two-sided budget, each side's total checked, its deficit said as an info (issue 13).
    expect(borotra.tables.map((t) => [t.kind, t.range])).toEqual([["budget", "A2:D12"]]);
    expect(borotra.unread).toEqual([]);
    // The gap from the raw cells: Total recettes (B12) − Total dépenses (D12), in cents.
    const sheet = borotraCells.sheets[0];
    const raw = (r: number, c: number) => Math.round(Number(sheet.values[r - sheet.origin.row][c - sheet.origin.column]) * 100);
    const gap = raw(11, 3) - raw(11, 1);
    expect(gap).toBe(2800);
    expect(borotra.findings.map((f) => [f.rule, f.severity, f.cell, f.data.gap])).toEqual([["BUD-RESULTAT", "info", "B12", { kind: "money", cents: gap }]]);
    const lan = (await checked("lan-evenement-budget.xlsx")).result;
    // Costs: Prix unitaire × Quantité = Total over 17 lines, the second section after a blank row included.
    expect(lan.tables).toContainEqual(expect.objectContaining({ kind: "liste", range: "A2:D24", rows: 17 }));
    // Revenues (4 lines, too few to establish the product) and the side block of sums are said.
    expect(lan.unread.map((u) => u.range)).toEqual(["E2:H24", "I6:J24"]);
  }, 120_000);

  test("a student project's cost sections are four breakdowns with their totals", async () => {
    const { result } = await checked("ecl-projet-etudiant-budget.xlsx");
    expect(result.tables.filter((t) => t.kind === "repartition").map((t) => t.range.split(":")[0])).toEqual(["A2", "A9", "A17", "A23"]);
  }, 120_000);
});
