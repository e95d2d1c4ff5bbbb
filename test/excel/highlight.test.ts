import type { Finding, Severity } from "../../src/core/findings";
import { createExcelHost } from "../../src/excel";
import { MARK_FORMULA, SEVERITY_FILL, groupAddresses, isMarkFormula } from "../../src/excel/highlight";
import { HostError } from "../../src/host/HostApi";
import { FakeWorkbook } from "./fake-excel";
import { MONEY, addArticle3Sheet } from "./workbooks";

function finding(sheet: string, cell: string, severity: Severity = "error"): Finding {
  return {
    rule: "IMP-SOLDE",
    severity,
    sheet,
    cell,
    related: [],
    messageId: "soldeMismatch",
    data: {},
    message: "Le solde ne correspond pas.",
  };
}

/** A workbook with the user's own fills, formats and a conditional format of their own. */
function workbook(): FakeWorkbook {
  const wb = new FakeWorkbook();
  addArticle3Sheet(wb, "Rapport", 50);
  const rapport = wb.sheet("Rapport");
  rapport.setRows("G1", [[{ value: "Note", fill: "#00B050", bold: true, numberFormat: "@" }]]);
  Object.assign(rapport.cell("E4")!, { fill: "#FF0000" });
  rapport.conditionalFormats.push({ type: "Custom", ranges: ["D2:D51"], formula: "=TRUE", fill: "#FFC7CE" });
  rapport.conditionalFormats.push({ type: "CellValue", ranges: ["E2:E51"], fill: "#C6EFCE" });
  wb.addSheet("Synthèse", { rows: [["Total", { value: 12, numberFormat: MONEY }]] });
  return wb;
}

function hostFor(wb: FakeWorkbook, multiArea = true) {
  return createExcelHost({ run: wb.run, isSetSupported: (_, v) => multiArea || v !== "1.9", retryDelayMs: 0 });
}

function marks(wb: FakeWorkbook, sheet: string) {
  return wb.sheet(sheet).conditionalFormats.filter((cf) => isMarkFormula(cf.formula));
}

describe("highlight and clearHighlights", () => {
  it("mark with conditional formats, never the cells' formats, and clear only Pointage's", async () => {
    const wb = workbook();
    const before = wb.sheets.map((s) => s.formats());
    const userFormats = wb.sheet("Rapport").conditionalFormats.map((cf) => ({ ...cf }));
    const host = hostFor(wb);

    await host.highlight([
      finding("Rapport", "E4", "error"),
      finding("Rapport", "E9", "error"),
      finding("Rapport", "D4", "warning"),
      finding("Synthèse", "B1", "info"),
      finding("Disparue", "A1", "error"),
      finding("Rapport", "", "error"),
    ]);
    expect(wb.sheets.map((s) => s.formats())).toEqual(before);
    const rapportMarks = marks(wb, "Rapport");
    expect(rapportMarks.map((m) => ({ ranges: m.ranges, fill: m.fill }))).toEqual([
      { ranges: ["E4", "E9"], fill: SEVERITY_FILL.error },
      { ranges: ["D4"], fill: SEVERITY_FILL.warning },
    ]);
    expect(marks(wb, "Synthèse").map((m) => m.fill)).toEqual([SEVERITY_FILL.info]);
    expect(rapportMarks[0].formula).toBe(MARK_FORMULA);
    // Errors are added last, so they sit on top of the user's own formats.
    expect(wb.sheet("Rapport").conditionalFormats[0].fill).toBe(SEVERITY_FILL.error);

    await host.clearHighlights();
    expect(wb.sheets.map((s) => s.formats())).toEqual(before);
    expect(wb.sheet("Rapport").conditionalFormats).toEqual(userFormats);
    expect(wb.sheet("Synthèse").conditionalFormats).toEqual([]);
  });

  it("clears only its marks with the user's rules before, between and after them", async () => {
    // Loaded conditional formats are addressed by position: deleting marks 1 and 3 in that
    // order would delete the mark at 1, then the user's rule that moved to 3.
    const wb = workbook();
    const sheet = wb.sheet("Rapport");
    const mark = (range: string, fill: string) => ({ type: "Custom", ranges: [range], formula: MARK_FORMULA, fill });
    const user = (n: number) => ({ type: "Custom", ranges: [`B${n}`], formula: `=B${n}>0`, fill: "#000000" });
    sheet.conditionalFormats = [
      user(1),
      mark("E4", SEVERITY_FILL.error),
      user(2),
      mark("D4", SEVERITY_FILL.warning),
      user(3),
      mark("E5", SEVERITY_FILL.info),
      { type: "CellValue", ranges: ["E2:E51"], fill: "#C6EFCE" },
    ];
    await hostFor(wb).clearHighlights();
    expect(sheet.conditionalFormats).toEqual([user(1), user(2), user(3), { type: "CellValue", ranges: ["E2:E51"], fill: "#C6EFCE" }]);

    sheet.conditionalFormats.splice(1, 0, mark("E9", SEVERITY_FILL.error), mark("E10", SEVERITY_FILL.error));
    await hostFor(wb).highlight([finding("Rapport", "E7", "warning")]);
    expect(sheet.conditionalFormats.map((cf) => cf.ranges[0])).toEqual(["E7", "B1", "B2", "B3", "E2:E51"]);
  });

  it("is not stopped by a rule Office.js cannot load (office-js #6827, #6835)", async () => {
    const wb = workbook();
    const rapport = wb.sheet("Rapport");
    const broken = { type: "CellValue", ranges: ["F2:F51"], fill: "#FFEB9C", unreadable: "all" as const };
    const duplicated = { type: "Custom", ranges: ["C2:C51"], formula: "=C2<0", unreadable: "rule" as const };
    rapport.conditionalFormats.push(broken, duplicated);
    const host = hostFor(wb);
    await host.highlight([finding("Rapport", "E4"), finding("Synthèse", "B1", "info")]);
    expect(marks(wb, "Rapport").map((m) => m.ranges)).toEqual([["E4"]]);
    expect(marks(wb, "Synthèse").map((m) => m.ranges)).toEqual([["B1"]]);
    await host.clearHighlights();
    expect(marks(wb, "Rapport")).toEqual([]);
    expect(marks(wb, "Synthèse")).toEqual([]);
    expect(rapport.conditionalFormats).toContain(broken);
    expect(rapport.conditionalFormats).toContain(duplicated);
    expect(rapport.conditionalFormats).toHaveLength(4);
  });

  it("replaces the previous marks instead of piling them up", async () => {
    const wb = workbook();
    const host = hostFor(wb);
    await host.highlight([finding("Rapport", "E4")]);
    await host.highlight([finding("Rapport", "E5", "warning")]);
    expect(marks(wb, "Rapport").map((m) => m.ranges)).toEqual([["E5"]]);
    expect(wb.sheet("Rapport").conditionalFormats).toHaveLength(3);
  });

  it("takes the same number of syncs for 3 findings and for 3 000", async () => {
    const counts: number[] = [];
    for (const n of [3, 3_000]) {
      const wb = workbook();
      addArticle3Sheet(wb, "Grand", 3_000);
      const host = hostFor(wb);
      const findings = Array.from({ length: n }, (_, i) =>
        finding("Grand", `E${2 + i}`, (["error", "warning", "info"] as const)[i % 3]),
      );
      await host.highlight(findings);
      await host.clearHighlights();
      counts.push(wb.syncCount);
      expect(marks(wb, "Grand")).toEqual([]);
    }
    // highlight: sheets, formats, rule formulas, changes = 4; clear: the same 4.
    expect(counts).toEqual([8, 8]);
  });

  it("groups cells into multi-area formats, or one per cell before ExcelApi 1.9", async () => {
    const findings = Array.from({ length: 300 }, (_, i) => finding("Rapport", `E${2 + (i % 50)}`));
    const wb = workbook();
    await hostFor(wb).highlight(findings);
    const grouped = marks(wb, "Rapport");
    expect(grouped.length).toBeLessThan(5);
    expect(grouped.flatMap((m) => m.ranges)).toHaveLength(50);

    const old = workbook();
    await hostFor(old, false).highlight(findings.slice(0, 3));
    expect(marks(old, "Rapport").map((m) => m.ranges)).toEqual([["E4"], ["E3"], ["E2"]]);
  });

  it("refuses, changing nothing, when a sheet to mark is protected", async () => {
    const wb = workbook();
    wb.sheet("Synthèse").isProtected = true;
    const host = hostFor(wb);
    const error = await host.highlight([finding("Rapport", "E4"), finding("Synthèse", "B1")]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect((error as HostError).code).toBe("protected-sheet");
    expect((error as HostError).message).toBe(
      "La feuille « Synthèse » est protégée : ôtez sa protection (Révision > Ôter la protection de la feuille), puis réessayez.",
    );
    expect(marks(wb, "Rapport")).toEqual([]);
  });

  it("recognises its marks whatever Excel does to the formula's case and spaces", () => {
    expect(isMarkFormula('=istext( "Pointage:mark" )')).toBe(true);
    expect(isMarkFormula("=TRUE")).toBe(false);
    expect(isMarkFormula(undefined)).toBe(false);
  });

  it("keeps multi-area addresses short", () => {
    const cells = Array.from({ length: 500 }, (_, i) => `AB${1000 + i}`);
    const groups = groupAddresses(cells, 100);
    expect(groups.every((g) => g.length <= 100)).toBe(true);
    expect(groups.join(",").split(",")).toEqual(cells);
  });
});
