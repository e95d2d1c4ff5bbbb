/**
 * The Office.js fill (src/excel/fill.ts) on the hand fake, whose copies, row insertions and
 * charts behave as Excel's (the fill section of ./fake-excel.ts). The plans are made by hand
 * here, as the engine would make them for a one-row repeated block, so the figures expected
 * (rows, addresses) are counted from the template below, not computed by the engine.
 */
import type { FillCell, FillPlan } from "../../src/core/fill/plan";
import { fillIn, freeSheetName } from "../../src/excel/fill";
import { SYNC_BUDGET_BYTES } from "../../src/excel/plan";
import { FAKE_PAYLOAD_LIMIT, FakeWorkbook, shiftFormula } from "./fake-excel";
import { MONEY } from "./workbooks";

const TEMPLATE = "Modèle Rapport";
const INJECTION = '=HYPERLINK("http://x")';

/**
 * Rows (1-based as Excel shows them): 1 title (merged A1:C1), 2 header, 3 the repeated line
 * (fill, money format, a conditional format on C3, a validation on B3), 4 TOTAL `=SUM(C3)`
 * (a conditional format on C4, the sheet-scoped name `Total`), 5 a note merged A5:C5.
 */
function workbook(): FakeWorkbook {
  const wb = new FakeWorkbook();
  wb.addSheet("Rapport 2023", { rows: [["Code", "CP"], ["C05-043A06", 43_056]] });
  const t = wb.addSheet(TEMPLATE, {
    rows: [
      ["Rapport {annee}"],
      ["Code", "Libellé", "Montant"],
      [
        { value: "{lignes.code}", fill: "#EEEEEE" },
        { value: "{lignes.libelle}", fill: "#EEEEEE" },
        { value: "{lignes.montant}", numberFormat: MONEY, fill: "#EEEEEE" },
      ],
      ["TOTAL", "", { value: 0, formula: "=SUM(C3)", numberFormat: MONEY, bold: true }],
      ["Note : montants en euros"],
    ],
  });
  t.merges = ["A1:C1", "A5:C5"];
  t.conditionalFormats = [
    { type: "Custom", ranges: ["C3"], formula: "=C3>1000", fill: "#FFC7CE" },
    { type: "Custom", ranges: ["C4"], formula: "=C4=0", fill: "#FFEB9C" },
  ];
  t.dataValidations = [{ ranges: ["B3"], rule: "textLength<=80" }];
  t.names = [{ name: "Total", refersTo: `='${TEMPLATE}'!$C$4` }];
  t.columnWidths = { 1: 200 };
  wb.addSheet("Données", { rows: [["Total", { value: 0, formula: `='${TEMPLATE}'!C4` }]] });
  return wb;
}

/** The plan for `n` lines (n ≥ 1): n − 1 rows inserted under row 3, the lines, the total. */
function planFor(n: number, sheetName = "Rapport C05-043A06", textOf = (i: number) => `Ligne ${i + 1}`): FillPlan {
  const lines: FillCell[][] = Array.from({ length: n }, (_, i) => [
    { kind: "text", text: `C05-${String(i).padStart(3, "0")}` },
    { kind: "text", text: i === 0 ? INJECTION : textOf(i) },
    { kind: "number", value: 1_000 + i, numberFormat: MONEY },
  ]);
  const last = 2 + n; // 1-based row of the last line
  return {
    template: TEMPLATE,
    sheetName,
    rowOperations: n > 1 ? [{ kind: "insertRows", before: 3, count: n - 1, formatFrom: 2 }] : [],
    blocks: [
      { row: 0, column: 0, cells: [[{ kind: "text", text: "Rapport 2023" }]] },
      { row: 2, column: 0, cells: lines },
      { row: 2 + n, column: 2, cells: [[{ kind: "formula", formula: `=SUM(C3:C${last})`, numberFormat: MONEY }]] },
    ],
    columnWidths: [{ column: 1, width: 40 }],
    charts: [{ type: "column", title: "Montant par ligne", categories: `B3:B${last}`, values: `C3:C${last}`, anchor: "E3" }],
    fields: [],
  };
}

async function fill(wb: FakeWorkbook, plan: FillPlan, lang: "fr" | "en" = "fr") {
  return await wb.run((context) => fillIn(context as unknown as Excel.RequestContext, plan, { lang, budgetBytes: SYNC_BUDGET_BYTES }));
}

describe("fillIn: a fixed number of syncs", () => {
  it.each([5, 500])("fills %i lines in 2 syncs, each request under 5 MB as Office.js builds it", async (n) => {
    const wb = workbook();
    const outcome = await fill(wb, planFor(n));
    expect(outcome.syncs).toBe(2);
    expect(wb.syncCount).toBe(2);
    for (const s of wb.syncs) expect(s.requestBytes).toBeLessThan(FAKE_PAYLOAD_LIMIT);
    const sheet = wb.sheet("Rapport C05-043A06");
    // Every line in its row, the total over exactly those rows, the note below them.
    expect(sheet.cell(`A${2 + n}`)?.value).toBe(`C05-${String(n - 1).padStart(3, "0")}`);
    expect(sheet.cell(`C${2 + n}`)?.value).toBe(1_000 + n - 1);
    expect(sheet.cell(`C${3 + n}`)?.formula).toBe(`=SUM(C3:C${2 + n})`);
    expect(sheet.cell(`A${3 + n}`)?.value).toBe("TOTAL");
    expect(sheet.cell(`A${4 + n}`)?.value).toBe("Note : montants en euros");
    expect(wb.activeSheet).toBe("Rapport C05-043A06");
    // Right after its template.
    expect(wb.sheets.map((s) => s.name)).toEqual(["Rapport 2023", TEMPLATE, "Rapport C05-043A06", "Données"]);
  });

  it("splits blocks larger than a request by rows, and each request stays under 5 MB", async () => {
    const wb = workbook();
    const long = "x".repeat(3_000);
    // 2 000 lines of ~3 000 bytes of text each: ~6 MB of arrays, more than one request can carry.
    const outcome = await fill(wb, planFor(2_000, "Gros rapport", (i) => `${long}${i}`));
    expect(outcome.syncs).toBeGreaterThan(2);
    expect(wb.syncs.every((s) => s.requestBytes < FAKE_PAYLOAD_LIMIT && !s.failed)).toBe(true);
    const sheet = wb.sheet("Gros rapport");
    expect(sheet.cell("B2002")?.value).toBe(`${long}1999`);
    expect(sheet.cell("C2003")?.formula).toBe("=SUM(C3:C2002)");
  }, 30_000);
});

describe("fillIn: what lands in the cells", () => {
  it("writes a text starting with = as text, numbers as numbers with their format", async () => {
    const wb = workbook();
    await fill(wb, planFor(5));
    const cell = wb.sheet("Rapport C05-043A06").cell("B3");
    expect(cell?.formula).toBeUndefined();
    expect(cell?.value).toBe(INJECTION);
    expect(cell?.numberFormat).toBe("@");
    const amount = wb.sheet("Rapport C05-043A06").cell("C4");
    expect(amount?.value).toBe(1_001);
    expect(amount?.numberFormat).toBe(MONEY);
  });

  it("never overwrites a sheet: a name taken since the engine chose it becomes « Nom (2) »", async () => {
    const wb = workbook();
    wb.addSheet("rapport c05-043a06", { rows: [["à garder"]] });
    const outcome = await fill(wb, planFor(5));
    expect(outcome.sheetName).toBe("Rapport C05-043A06 (2)");
    expect(wb.sheet("rapport c05-043a06").cell("A1")?.value).toBe("à garder");
    expect(wb.sheet("Rapport C05-043A06 (2)").cell("A7")?.value).toBe("C05-004");
  });

  it("leaves the template as it was", async () => {
    const wb = workbook();
    const before = JSON.stringify([...wb.sheet(TEMPLATE).cells]);
    await fill(wb, planFor(5));
    expect(JSON.stringify([...wb.sheet(TEMPLATE).cells])).toBe(before);
    expect(wb.sheet(TEMPLATE).merges).toEqual(["A1:C1", "A5:C5"]);
  });

  it("adds the chart over the filled rows, placed at its anchor, and sets the widths", async () => {
    const wb = workbook();
    await fill(wb, planFor(5));
    const sheet = wb.sheet("Rapport C05-043A06");
    expect(sheet.charts).toEqual([
      { type: "ColumnClustered", values: "C3:C7", categories: "B3:B7", seriesBy: "Columns", title: "Montant par ligne", anchor: "E3" },
    ]);
    expect(sheet.columnWidths[1]).toBe(Math.round(40 * 5.25));
  });

  it("adds the plan's conditional formats (the cerfa's equality cell, red when the sides differ) in the same sync", async () => {
    const wb = workbook();
    const plan: FillPlan = { ...planFor(1), conditionalFormats: [{ range: "C9", formula: "=ROUND(C9,2)<>0", fill: "#F8696B" }] };
    const outcome = await fill(wb, plan);
    expect(outcome.syncs).toBe(2);
    const added = wb.sheet("Rapport C05-043A06").conditionalFormats.filter((cf) => cf.ranges.includes("C9"));
    expect(added).toEqual([{ type: "Custom", ranges: ["C9"], formula: "=ROUND(C9,2)<>0", fill: "#F8696B" }]);
  });

  it("fails with a clear message when the template sheet is gone, and writes nothing", async () => {
    const wb = workbook();
    const plan = { ...planFor(5), template: "Modèle disparu" };
    await expect(fill(wb, plan)).rejects.toThrow("La feuille modèle « Modèle disparu » est introuvable");
    await expect(fill(wb, plan, "en")).rejects.toThrow('The template sheet "Modèle disparu" cannot be found');
    expect(wb.sheets).toHaveLength(3);
  });

  it("deletes the half-made sheet when the write is refused", async () => {
    const wb = workbook();
    // The first sync (names) passes (an empty code injects nothing); the write fails as in cell-edit mode.
    wb.failNextSyncs("");
    wb.failNextSyncs("InvalidOperationInCellEditMode");
    const run = fill(wb, planFor(5));
    await expect(run).rejects.toMatchObject({ code: "InvalidOperationInCellEditMode" });
    expect(wb.sheets.map((s) => s.name)).toEqual(["Rapport 2023", TEMPLATE, "Données"]);
  });
});

describe("fillIn: inserted rows move what is below, as in Excel", () => {
  it("moves the merged note and the total's conditional format below the lines", async () => {
    const wb = workbook();
    await fill(wb, planFor(5));
    const sheet = wb.sheet("Rapport C05-043A06");
    // 4 rows inserted under row 3: the note's merge A5:C5 is now A9:C9, the total's format on C8.
    expect(sheet.merges).toEqual(["A1:C1", "A9:C9"]);
    expect(sheet.conditionalFormats.map((cf) => cf.ranges)).toEqual([["C3:C7"], ["C8"]]);
    // The line's validation and fill reach every line.
    expect(sheet.dataValidations[0].ranges).toEqual(["B3:B7"]);
    expect(sheet.cell("A7")?.fill).toBe("#EEEEEE");
    expect(sheet.cell("A8")?.fill).toBeUndefined();
    // The sheet-scoped name and the formula of another sheet follow the moved total… of the copy only.
    expect(sheet.names).toEqual([{ name: "Total", refersTo: "='Rapport C05-043A06'!$C$8" }]);
    expect(wb.sheet("Données").cell("B1")?.formula).toBe(`='${TEMPLATE}'!C4`);
  });
});

describe("the fake's formula adjustment (Excel's rules, counted by hand)", () => {
  it("shifts references below, stretches ranges across, leaves other sheets and rows above", () => {
    // 3 rows inserted above row 5 (0-based 4) of Feuil1.
    expect(shiftFormula("=SUM(E4:E5)+E3+$E$7-Autre!E9", "Feuil1", "Feuil1", 4, 3)).toBe("=SUM(E4:E8)+E3+$E$10-Autre!E9");
    expect(shiftFormula("='Mon tableau'!B6*2", "Feuil1", "Mon tableau", 4, 3)).toBe("='Mon tableau'!B9*2");
    // Rows 5–6 (0-based 4–5) deleted: a cell there is #REF!, a range shrinks, below moves up.
    expect(shiftFormula("=E5+SUM(E4:E8)+E9", "Feuil1", "Feuil1", 4, -2)).toBe("=#REF!+SUM(E4:E6)+E7");
  });
});

describe("freeSheetName", () => {
  it("keeps the name, else adds the first free (n), within 31 characters", () => {
    expect(freeSheetName("Rapport", new Set(["autre"]))).toBe("Rapport");
    expect(freeSheetName("Rapport", new Set(["rapport", "rapport (2)"]))).toBe("Rapport (3)");
    const long = "Rapport C05-043A06 très long nom";
    expect(freeSheetName(long, new Set([long.toLowerCase()]))).toHaveLength(31);
  });
});

describe("the Excel host's applyFillPlan", () => {
  it("fills through Excel.run and answers the sheet's name; a refused write is a HostError in the pane's language", async () => {
    const { createExcelHost } = await import("../../src/excel");
    const wb = workbook();
    const host = createExcelHost({ run: wb.run, lang: "en", isSetSupported: () => true, retryDelayMs: 0 });
    await expect(host.applyFillPlan?.(planFor(3))).resolves.toEqual({ sheetName: "Rapport C05-043A06" });
    wb.sheet(TEMPLATE).isProtected = true;
    await expect(host.applyFillPlan?.(planFor(3, "Autre"))).rejects.toMatchObject({ name: "HostError", code: "protected-sheet" });
    expect(wb.find("Autre")).toBeUndefined();
  });
});
