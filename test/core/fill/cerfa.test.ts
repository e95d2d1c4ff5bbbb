/**
 * The cerfa built-ins (issue 13): *Budget prévisionnel de l'action (cerfa 12156)* and *Compte rendu
 * financier de l'action (cerfa 15059)*, inserted and filled through the file host, then re-checked
 * by the engine and recalculated with HyperFormula (GPL, tests only).
 *
 * The budgets are written by test/budget/generator.ts, which imports nothing from src/: every
 * figure expected here is the generator's (its lines' cents, its groupCents / sideCents) or worked
 * out by hand from DOMAIN.md (7 000 × 15 000 ÷ 18 695 → 5 616,47 €, reversement 1 383,53 €), never
 * read back from the code under test.
 */
import * as ExcelJS from "exceljs";
import JSZip from "jszip";
import { HyperFormula } from "hyperformula";
import { checkWorkbook, type CheckResult } from "../../../src/core/engine";
import { insertTemplatePlan, listTemplates, planFill } from "../../../src/core/fill";
import { readXlsx } from "../../../src/file";
import { fillWorkbook } from "../../../src/file/fill";
import { budgetWorkbook, groupCents, sideCents, type BudgetSpec } from "../../budget/generator";
import { convention, spec } from "../../budget/run";
import { xlsxBytes } from "../../helpers/xlsx-builder";

/** The form's account groups as the cerfa 12156 words them (the template must write exactly these). */
const FORM_GROUP: Record<string, string> = {
  "60": "60 – Achats",
  "61": "61 – Services extérieurs",
  "62": "62 – Autres services extérieurs",
  "64": "64 – Charges de personnel",
  "70": "70 – Vente de produits finis, de marchandises, prestations de services",
  "74": "74 – Subventions d'exploitation",
  "75": "75 – Autres produits de gestion courante",
  "86": "86 – Emplois des contributions volontaires en nature",
  "87": "87 – Contributions volontaires en nature",
};

interface Filled {
  bytes: Uint8Array;
  sheet: string;
  ws: ExcelJS.Worksheet;
  /** A1 of the first cell in `column` (0-based label column) whose text is `label`, on the filled sheet. */
  find: (label: string, labelColumn?: number) => { row: number; address: (column: number) => string };
  hf: HyperFormula;
  value: (a1: string) => unknown;
}

const letter = (c: number) => String.fromCharCode(65 + c);

async function fill(input: Uint8Array, template: string, line?: string): Promise<Filled> {
  const result = planFill(await readXlsx(input, "budget.xlsx"), { template, line });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join("\n"));
  return open(await fillWorkbook(input, result.plan, { fileName: "budget.xlsx" }), result.plan.sheetName);
}

async function open(bytes: Uint8Array, sheet: string): Promise<Filled> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(sheet)!;
  const cells: (string | number | null)[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    const out: (string | number | null)[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const v = cell.value;
      out[c - 1] = v && typeof v === "object" && "formula" in v ? `=${v.formula}` : (v as string | number | null);
    });
    cells[r - 1] = out;
  });
  const hf = HyperFormula.buildFromSheets({ s: Array.from(cells, (r) => Array.from(r ?? [], (c) => c ?? null)) }, { licenseKey: "gpl-v3" });
  const value = (a1: string) => hf.getCellValue(hf.simpleCellAddressFromString(a1, 0)!);
  const find = (label: string, labelColumn = 0) => {
    const row = cells.findIndex((r) => r?.[labelColumn] === label);
    if (row < 0) throw new Error(`${label} not on ${sheet}`);
    return { row, address: (column: number) => `${letter(column)}${row + 1}` };
  };
  return { bytes, sheet, ws, find, hf, value };
}

/** Findings that are not infos, and ranges left unread: what "no error, no warning" forbids. */
const serious = (r: CheckResult) => [...r.findings.filter((f) => f.severity !== "info").map((f) => `${f.rule} ${f.sheet}!${f.cell}: ${f.message}`), ...r.unread.map((u) => `unread ${u.sheet}!${u.range}`)];
const recheck = async (bytes: Uint8Array) => checkWorkbook(await readXlsx(bytes, "budget.xlsx"));

const set = (f: Filled, a1: string, v: number) => f.hf.setCellContents(f.hf.simpleCellAddressFromString(a1, 0)!, v);

/** The rows a SUM formula adds (`=SUM(B4,B7:B9)` → 4, 7, 8, 9), 1-based. */
function sumRows(formula: string): number[] {
  const inner = /^=?SUM\((.*)\)$/.exec(formula)![1];
  return inner.split(",").flatMap((part) => {
    const [a, b] = part.split(":").map((x) => Number(x.replace(/^[A-Z]+/, "")));
    return b === undefined ? [a] : Array.from({ length: b - a + 1 }, (_, i) => a + i);
  });
}
const formulaAt = (ws: ExcelJS.Worksheet, a1: string) => `=${(ws.getCell(a1).value as ExcelJS.CellFormulaValue).formula}`;

/** The 18 695 € budget prévisionnel, as a treasurer types it: `60-Achats`, amounts as text, with 86 / 87. */
function lianesSpec(): BudgetSpec {
  return spec({ labels: "glued", amountStyle: "text", nature: true });
}

describe("Budget prévisionnel de l'action (cerfa 12156)", () => {
  test("listed with the compte rendu among the built-ins", async () => {
    const snapshot = await readXlsx(await xlsxBytes([{ name: "Feuil1", rows: [["x"]] }]), "v.xlsx");
    const names = listTemplates(snapshot).filter((t) => t.builtin).map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(["Budget prévisionnel de l'action (cerfa 12156)", "Compte rendu financier de l'action (cerfa 15059)"]));
  });

  test("filled from the 18 695 € budget: its figures on the form's groups, TOTALs over exactly the group lines", async () => {
    const s = lianesSpec();
    const { bytes } = await budgetWorkbook([s]);
    const f = await fill(bytes, "budget-previsionnel");
    // Each group of the budget on the form's own wording, with its amount; each line with its own.
    for (const [side, labelColumn] of [
      [s.charges, 0],
      [s.produits, 2],
    ] as const) {
      for (const g of side.groups) {
        const account = /^(\d\d)/.exec(g.line.label)![1];
        const at = f.find(FORM_GROUP[account], labelColumn);
        expect([account, f.value(at.address(labelColumn + 1))]).toEqual([account, groupCents(g) / 100]);
        for (const d of [...g.details, ...(g.parts ?? [])]) expect([d.label, f.value(f.find(d.label, labelColumn).address(labelColumn + 1))]).toEqual([d.label, d.cents! / 100]);
      }
    }
    const charges = f.find("TOTAL DES CHARGES");
    const produits = f.find("TOTAL DES PRODUITS", 2);
    expect(charges.row).toBe(produits.row);
    // 18 695 € on both sides (the figures), as the generator adds them.
    expect(f.value(charges.address(1))).toBe(18695);
    expect(f.value(charges.address(1))).toBe(sideCents(s.charges) / 100);
    expect(f.value(produits.address(3))).toBe(sideCents(s.produits) / 100);
    expect(f.value(f.find("Département(s) : Pas-de-Calais", 2).address(3))).toBe(7000);
    // The TOTAL adds exactly the group lines: never a detail line or a `dont` line again.
    const groupRows = (labelColumn: number) =>
      f.ws
        .getColumn(labelColumn + 1)
        .values.map((v, r) => (typeof v === "string" && (/^\d\d – /.test(v) || v.startsWith("Charges indirectes")) ? r : -1))
        .filter((r) => r > 0 && r < charges.row + 1);
    expect(sumRows(formulaAt(f.ws, charges.address(1)))).toEqual(groupRows(0));
    expect(sumRows(formulaAt(f.ws, produits.address(3)))).toEqual(groupRows(2));
    // 86 and 87: 2 500 € each, their TOTALs on one row.
    const emplois = f.find(FORM_GROUP["86"]);
    expect(f.value(emplois.address(1))).toBe(2500);
    expect(f.value(f.find(FORM_GROUP["87"], 2).address(3))).toBe(2500);
  });

  test("the equality cell: 0 while balanced, the gap and its red format's rule TRUE when a line changes", async () => {
    const { bytes } = await budgetWorkbook([lianesSpec()]);
    const f = await fill(bytes, "budget-previsionnel");
    const eq = f.find("Écart entre le total des charges et le total des produits (doit être nul)").address(1);
    expect(f.value(eq)).toBe(0);
    const styles = await JSZip.loadAsync(f.bytes);
    const sheetXml = await Promise.all(
      Object.keys(styles.files)
        .filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))
        .map((n) => styles.file(n)!.async("string")),
    );
    const withRule = sheetXml.filter((x) => x.includes(`<conditionalFormatting sqref="${eq}">`));
    expect(withRule).toHaveLength(1);
    const rule = /<formula>([^<]*)<\/formula>/.exec(withRule[0].slice(withRule[0].indexOf(`sqref="${eq}"`)))![1].replace(/&lt;/g, "<").replace(/&gt;/g, ">");
    expect(rule).toBe(`ROUND(${eq},2)<>0`);
    // Its dxfId names a differential format of styles.xml that fills the cell red.
    const dxfId = Number(/dxfId="(\d+)"/.exec(withRule[0].slice(withRule[0].indexOf(`sqref="${eq}"`)))![1]);
    const stylesXml = await styles.file("xl/styles.xml")!.async("string");
    const dxfs = [...stylesXml.slice(stylesXml.indexOf("<dxfs")).matchAll(/<dxf>(.*?)<\/dxf>/g)].map((m) => m[1]);
    expect(dxfs[dxfId]).toContain('bgColor rgb="FFF8696B"');
    // The rule, computed where the sides differ: Locations typed 1 100 € instead of 1 000 €.
    const rulesCell = "Z1";
    f.hf.setCellContents(f.hf.simpleCellAddressFromString(rulesCell, 0)!, `=${rule}`);
    expect(f.value(rulesCell)).toBe(false);
    set(f, f.find("Locations").address(1), 1100);
    expect(f.value(eq)).toBe(100);
    expect(f.value(rulesCell)).toBe(true);
  });

  test("filled, then re-checked by the engine: no error, no warning, and the filled form is read as a budget", async () => {
    const { bytes } = await budgetWorkbook([lianesSpec()], convention("7 000,00 €"));
    const f = await fill(bytes, "budget-previsionnel");
    const result = await recheck(f.bytes);
    expect(serious(result)).toEqual([]);
    expect(result.tables.filter((t) => t.kind === "budget").map((t) => t.sheet)).toEqual(["Budget", f.sheet]);
  });

  test("inserted into a workbook with no budget: the blank form, which the engine reads as a budget with no error, no warning", async () => {
    const input = await xlsxBytes([{ name: "Feuil1", rows: [["Association", "Les Amis de Lens"]] }]);
    const snapshot = await readXlsx(input, "v.xlsx");
    const plan = insertTemplatePlan("budget-previsionnel", snapshot);
    expect(plan.sheetName).toBe("Budget prévisionnel");
    // planFill without a budget gives the same blank form.
    const direct = planFill(snapshot, { template: "Budget prévisionnel de l'action (cerfa 12156)" });
    expect(direct.ok && direct.plan.blocks).toEqual(plan.blocks);
    const out = await fillWorkbook(input, plan, { fileName: "v.xlsx" });
    const result = await recheck(out);
    expect(serious(result)).toEqual([]);
    expect(result.tables.filter((t) => t.kind === "budget")).toHaveLength(1);
    const f = await open(out, plan.sheetName);
    // The form's lines to type under their groups, the group a SUM of them.
    const achats = f.find("60 – Achats");
    expect(f.find("Prestations de services").row).toBe(achats.row + 1);
    expect(formulaAt(f.ws, achats.address(1))).toBe(`=SUM(B${achats.row + 2}:B${achats.row + 4})`);
    expect(f.find("Département(s) :", 2).row).toBeGreaterThan(f.find(FORM_GROUP["74"], 2).row);
    // Typed in by the treasurer: 1 200 € of services, 1 200 € from the Département; balanced.
    set(f, f.find("Prestations de services").address(1), 1200);
    set(f, f.find("Département(s) :", 2).address(3), 1200);
    expect(f.value(f.find("TOTAL DES CHARGES").address(1))).toBe(1200);
    expect(f.value(f.find("Écart entre le total des charges et le total des produits (doit être nul)").address(1))).toBe(0);
  });

  test("a funder on two levels in the budget stays one amount in the form; a label typed as a formula lands as text", async () => {
    const s = spec({ amountStyle: "number" });
    const d = s.produits.groups[1].details.find((x) => x.label === "Département(s) : Pas-de-Calais")!;
    d.label = "Département(s)";
    d.under = [{ label: "Pas-de-Calais", cents: 700000 }];
    s.charges.groups[0].details[0].label = '=HYPERLINK("http://x","Prestations")';
    const { bytes } = await budgetWorkbook([s]);
    const f = await fill(bytes, "budget-previsionnel");
    const cell = f.ws.getCell(f.find('=HYPERLINK("http://x","Prestations")').address(0));
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(f.value(f.find("- Pas-de-Calais", 2).address(3))).toBe(7000);
    expect(f.value(f.find(FORM_GROUP["74"], 2).address(3))).toBe(15000);
    expect(f.value(f.find("TOTAL DES PRODUITS", 2).address(3))).toBe(18695);
    expect(serious(await recheck(f.bytes))).toEqual([]);
  });

  test("an amount the budget holds as unreadable text is copied as it is, never dropped: the re-check says so on both sheets", async () => {
    const { bytes, cells } = await budgetWorkbook([spec({ amountStyle: "number" })]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const [sheet, address] = cells["line:Locations"].split("!");
    wb.getWorksheet(sheet)!.getCell(address).value = "n/a";
    const input = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const f = await fill(input, "budget-previsionnel");
    expect(f.ws.getCell(f.find("Locations").address(1)).value).toBe("n/a");
    const unreadable = (await recheck(f.bytes)).findings.filter((x) => x.rule === "NUM-ILLISIBLE").map((x) => `${x.sheet}!${x.cell}`);
    expect(unreadable).toEqual([`${sheet}!${address}`, `${f.sheet}!${f.find("Locations").address(1)}`]);
  });
});

describe("Compte rendu financier de l'action (cerfa 15059)", () => {
  test("from the budget prévisionnel: prévu as planned, réalisé empty, écart and % live; typing a réalisé changes its écart and the totals", async () => {
    const s = lianesSpec();
    const { bytes } = await budgetWorkbook([s]);
    const f = await fill(bytes, "compte-rendu");
    const line = f.find("Prestations de services");
    // B Prévision, C Réalisation, D Écart, E %.
    expect(f.value(line.address(1))).toBe(1200);
    expect(f.ws.getCell(line.address(2)).value).toBeNull();
    expect(formulaAt(f.ws, line.address(3))).toBe(`=${line.address(2)}-${line.address(1)}`);
    const total = f.find("TOTAL DES CHARGES");
    expect(f.value(total.address(1))).toBe(18695);
    expect(f.value(total.address(2))).toBe(0);
    const group = f.find(FORM_GROUP["60"]);
    set(f, line.address(2), 1000);
    // Écart 1 000 − 1 200 = −200; 60 – Achats realised 1 000 of 2 000; TOTAL realised 1 000, écart −17 695.
    expect(f.value(line.address(3))).toBe(-200);
    expect(f.value(line.address(4))).toBeCloseTo(1000 / 1200, 9);
    expect(f.value(group.address(2))).toBe(1000);
    expect(f.value(group.address(3))).toBe(-1000);
    expect(f.value(total.address(2))).toBe(1000);
    expect(f.value(total.address(3))).toBe(1000 - 18695);
    expect(f.value(total.address(4))).toBeCloseTo(1000 / 18695, 9);
  });

  test("with the Département's convention: subsidy due and reversement from the réalisé (7 000 × 15 000 ÷ 18 695 → 5 616,47 €, 1 383,53 € back)", async () => {
    const s = spec({ labels: "dash", amountStyle: "number", nature: true, realise: true });
    const { bytes } = await budgetWorkbook([s], convention("7 000,00 €"));
    const f = await fill(bytes, "compte-rendu");
    const due = f.find("Subvention due").address(1);
    const reversement = f.find("Reversement").address(1);
    // Nothing realised yet: nothing due, nothing paid (the Département's line realised is empty).
    expect(f.value(due)).toBe(0);
    expect(f.value(reversement)).toBe(0);
    // The treasurer types what was spent and received (the generator's réalisé, 15 000 € of charges).
    let realised = 0;
    for (const [side, labelColumn] of [
      [s.charges, 0],
      [s.produits, 5],
    ] as const) {
      for (const g of side.groups) {
        for (const d of g.details) {
          set(f, f.find(d.label, labelColumn).address(labelColumn + 2), d.realise! / 100);
          if (side === s.charges) realised += d.realise!;
        }
      }
    }
    expect(realised).toBe(1500000);
    expect(f.value(f.find("Dépenses réalisées").address(1))).toBe(15000);
    expect(f.value(due)).toBe(5616.47);
    expect(f.value(reversement)).toBeCloseTo(1383.53, 9);
  });

  test("filled, its réalisé typed, then re-checked by the engine: no error, no warning (CRF-ECART and CONV-PRORATA silent)", async () => {
    const s = spec({ labels: "trailing", amountStyle: "text", nature: true, realise: true });
    const { bytes } = await budgetWorkbook([s], convention("7 000,00 €"));
    const f = await fill(bytes, "compte-rendu");
    expect(serious(await recheck(f.bytes))).toEqual([]);
    // Typed in the file itself (ExcelJS keeps the formulas, without results: the engine computes them).
    for (const g of s.charges.groups) for (const d of g.details) f.ws.getCell(f.find(d.label).address(2)).value = d.realise! / 100;
    f.ws.getCell(f.find("Département(s) : Pas-de-Calais", 5).address(7)).value = 7000;
    const typed = new Uint8Array((await f.ws.workbook.xlsx.writeBuffer()) as ArrayBuffer);
    const result = await recheck(typed);
    expect(serious(result)).toEqual([]);
    const cr = result.tables.find((t) => t.kind === "budget" && t.sheet === f.sheet);
    expect(cr).toBeDefined();
    // The same re-check sees a wrong écart typed over its formula: Locations realised 1 000 € of 1 000 €, écart typed 50.
    const locations = f.find("Locations");
    f.ws.getCell(locations.address(3)).value = 50;
    const wrong = await recheck(new Uint8Array((await f.ws.workbook.xlsx.writeBuffer()) as ArrayBuffer));
    expect(serious(wrong).map((x) => x.replace(/:.*/, ""))).toEqual([`CRF-ECART ${f.sheet}!${locations.address(3)}`]);
  });

  test("no budget prévisionnel in the workbook: not filled, a message says why (fr, en)", async () => {
    const snapshot = await readXlsx(await xlsxBytes([{ name: "Feuil1", rows: [["x"]] }]), "v.xlsx");
    const fr = planFill(snapshot, { template: "compte-rendu" });
    expect(!fr.ok && fr.problems.map((p) => p.message)).toEqual([
      "Le modèle « Compte rendu financier de l'action (cerfa 15059) » reprend la prévision d'un budget prévisionnel, et ce classeur n'en a aucun : remplissez d'abord le modèle « Budget prévisionnel de l'action (cerfa 12156) ».",
    ]);
    const en = planFill(snapshot, { template: "compte-rendu", lang: "en" });
    expect(!en.ok && en.problems[0].message).toMatch(/^Template “Compte rendu financier de l'action \(cerfa 15059\)” takes its forecast from a budget prévisionnel/);
  });

  test("inserted as a blank form: re-checked with no error, no warning", async () => {
    const input = await xlsxBytes([{ name: "Feuil1", rows: [["x"]] }]);
    const plan = insertTemplatePlan("compte-rendu", await readXlsx(input, "v.xlsx"));
    const result = await recheck(await fillWorkbook(input, plan, { fileName: "v.xlsx" }));
    expect(serious(result)).toEqual([]);
    expect(result.tables.filter((t) => t.kind === "budget")).toHaveLength(1);
  });

  test("--line picks the budget: by its sheet or its id; an unknown one is refused with the budgets listed", async () => {
    const a = { ...lianesSpec(), sheet: "Budget 2024" };
    const b = { ...spec({ amountStyle: "number" }), sheet: "Budget 2025" };
    b.charges.groups[0].details[0].cents = 130000;
    b.produits.groups[0].line.cents = 160000;
    const { bytes } = await budgetWorkbook([a, b]);
    const f = await fill(bytes, "compte-rendu", "Budget 2025");
    expect(f.value(f.find("TOTAL DES CHARGES").address(1))).toBe(18795);
    const snapshot = await readXlsx(bytes, "b.xlsx");
    const r = planFill(snapshot, { template: "budget-previsionnel", line: "Budget 2026" });
    expect(!r.ok && r.problems[0].message).toMatch(/^Budget « Budget 2026 » introuvable ; budgets du classeur : 'Budget 2024'!A3:D\d+, 'Budget 2025'!A3:D\d+\.$/);
  });
});
