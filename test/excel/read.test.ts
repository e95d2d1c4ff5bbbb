import type { WorkbookSnapshot } from "../../src/core/model";
import { readSettings } from "../../src/core/settings";
import { createExcelHost } from "../../src/excel";
import { MEASURE_MARGIN, SYNC_BUDGET_BYTES } from "../../src/excel/plan";
import type { ReadProgress } from "../../src/host/HostApi";
import { HostError } from "../../src/host/HostApi";
import { FAKE_PAYLOAD_LIMIT, FakeWorkbook } from "./fake-excel";
import { MONEY, addArticle3Sheet, addImputationSheet, virtualBudget, virtualLongText } from "./workbooks";

function hostFor(wb: FakeWorkbook) {
  return createExcelHost({ run: wb.run, isSetSupported: () => true, retryDelayMs: 0 });
}

function severalSheets(): FakeWorkbook {
  const wb = new FakeWorkbook();
  const rapport = wb.addSheet("Rapport", {
    at: "B3",
    rows: [
      ["Code Opération", "Imputation budgétaire", "Libellé", "CP", "Solde"],
      [
        { value: "C05-043A06", numberFormat: "@" },
        "65748/93043",
        "Actions européennes",
        { value: 43056, numberFormat: MONEY },
        { value: 36056, formula: "=E4-7000", numberFormat: MONEY },
      ],
      ["C05-044A01", "204//20421", "Taux", { value: 0.3744, numberFormat: "0.00%" }, { value: "#REF!", formula: "=#REF!*2" }],
    ],
  });
  rapport.tables.push({ name: "TabRapport", range: "B3:F5" });
  // Formats down to row 1 048 576, values only to row 5: the used range stops at the values.
  rapport.setRows("N1048576", [[{ fill: "#FFFF00" }]]);
  const hidden = wb.addSheet("Cachée", { visibility: "Hidden", rows: [["x", 1]] });
  hidden.tables.push({ name: "Tab2", range: "A1:B1" });
  wb.addSheet("Vide").setRows("C3", [[{ fill: "#00FF00" }]]);
  wb.addSheet("_pointage", {
    visibility: "VeryHidden",
    rows: [
      [{ value: "prorata", numberFormat: "@" }, { value: "reduction", numberFormat: "@" }],
      ["ignore", "IMP-SOLDE", "Rapport", "F4"],
    ],
  });
  return wb;
}

describe("readWorkbook", () => {
  it("copies every sheet, table, visibility, formula, number format and error value", async () => {
    const wb = severalSheets();
    const snapshot = await hostFor(wb).readWorkbook();
    const expected: WorkbookSnapshot = {
      sheets: [
        {
          name: "Rapport",
          origin: { row: 2, column: 1 },
          values: [
            ["Code Opération", "Imputation budgétaire", "Libellé", "CP", "Solde"],
            ["C05-043A06", "65748/93043", "Actions européennes", 43056, 36056],
            ["C05-044A01", "204//20421", "Taux", 0.3744, "#REF!"],
          ],
          formulas: [
            ["Code Opération", "Imputation budgétaire", "Libellé", "CP", "Solde"],
            ["C05-043A06", "65748/93043", "Actions européennes", 43056, "=E4-7000"],
            ["C05-044A01", "204//20421", "Taux", 0.3744, "=#REF!*2"],
          ],
          numberFormats: [
            ["General", "General", "General", "General", "General"],
            ["@", "General", "General", MONEY, MONEY],
            ["General", "General", "General", "0.00%", "General"],
          ],
          valueTypes: [
            ["String", "String", "String", "String", "String"],
            ["String", "String", "String", "Double", "Double"],
            ["String", "String", "String", "Double", "Error"],
          ],
          listObjects: [{ name: "TabRapport", range: "B3:F5" }],
          visibility: "Visible",
        },
        {
          name: "Cachée",
          origin: { row: 0, column: 0 },
          values: [["x", 1]],
          formulas: [["x", 1]],
          numberFormats: [["General", "General"]],
          valueTypes: [["String", "Double"]],
          listObjects: [{ name: "Tab2", range: "A1:B1" }],
          visibility: "Hidden",
        },
        {
          name: "Vide",
          origin: { row: 0, column: 0 },
          values: [],
          formulas: [],
          numberFormats: [],
          valueTypes: [],
          listObjects: [],
          visibility: "Visible",
        },
        {
          name: "_pointage",
          origin: { row: 0, column: 0 },
          values: [
            ["prorata", "reduction", "", ""],
            ["ignore", "IMP-SOLDE", "Rapport", "F4"],
          ],
          formulas: [
            ["prorata", "reduction", "", ""],
            ["ignore", "IMP-SOLDE", "Rapport", "F4"],
          ],
          numberFormats: [
            ["@", "@", "General", "General"],
            ["General", "General", "General", "General"],
          ],
          valueTypes: [
            ["String", "String", "Empty", "Empty"],
            ["String", "String", "String", "String"],
          ],
          listObjects: [],
          visibility: "VeryHidden",
        },
      ],
    };
    expect(snapshot).toEqual(expected);
    expect(readSettings(snapshot)).toEqual({
      ignored: ["IMP-SOLDE|Rapport|F4"],
      headerMap: {},
      prorataRegime: "reduction",
    });
    // Structure, extents, data: three syncs in one Excel.run, none of them near the limit.
    expect(wb.syncCount).toBe(3);
    expect(wb.runs).toBe(1);
  });

  it.each([10, 1_000, 10_000])("reads %i rows in exactly 3 syncs", async (rows) => {
    const wb = new FakeWorkbook();
    addArticle3Sheet(wb, "Délibération", rows);
    const snapshot = await hostFor(wb).readWorkbook();
    expect(snapshot.sheets[0].values).toHaveLength(rows + 1);
    expect(wb.syncCount).toBe(3);
    expect(Math.max(...wb.syncs.map((s) => s.responseBytes))).toBeLessThan(FAKE_PAYLOAD_LIMIT);
  });

  it.each([10, 10_000])("reads a %i-line imputation table (7 columns, the report form) in exactly 3 syncs", async (rows) => {
    const wb = new FakeWorkbook();
    addImputationSheet(wb, "Rapport", rows);
    const snapshot = await hostFor(wb).readWorkbook();
    expect(snapshot.sheets[0].values).toHaveLength(rows + 1);
    expect(wb.syncCount).toBe(3);
    expect(wb.syncs.every((s) => !s.failed && s.responseBytes < FAKE_PAYLOAD_LIMIT)).toBe(true);
  });

  it.each([1, 30])("reads %i sheets in exactly 3 syncs", async (count) => {
    const wb = new FakeWorkbook();
    for (let i = 0; i < count; i += 1) addArticle3Sheet(wb, `Feuil${i + 1}`, 100);
    const snapshot = await hostFor(wb).readWorkbook();
    expect(snapshot.sheets).toHaveLength(count);
    expect(snapshot.sheets.every((s) => s.values.length === 101)).toBe(true);
    expect(wb.syncCount).toBe(3);
  });

  it("reads 300 000 rows × 8 columns in blocks each under the limit, syncs growing only with bytes", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Grand livre").virtual = virtualBudget(300_000);
    addArticle3Sheet(wb, "Petit", 10);
    const progress: ReadProgress[] = [];
    const snapshot = await hostFor(wb).readWorkbook((p) => progress.push(p));

    const cells = 300_000 * 8 + 11 * 5;
    const data = wb.syncs.slice(2);
    const bytes = data.reduce((sum, s) => sum + s.responseBytes, 0);
    // Full blocks: no more data syncs than the bytes need at the planner's margin, plus the first guess.
    expect(data.length).toBeLessThanOrEqual(Math.ceil((bytes * MEASURE_MARGIN) / SYNC_BUDGET_BYTES) + 1);
    expect(data.length).toBeGreaterThanOrEqual(Math.ceil(bytes / SYNC_BUDGET_BYTES));
    expect(wb.syncs.every((s) => !s.failed && s.responseBytes < FAKE_PAYLOAD_LIMIT)).toBe(true);
    const big = snapshot.sheets[0];
    expect(big.values).toHaveLength(300_000);
    expect(big.values[299_999][0]).toBe("L299999");
    expect(big.numberFormats?.[123_456][3]).toBe(MONEY);
    expect(snapshot.sheets[1].values).toHaveLength(11);
    expect(progress[0]).toEqual({ done: 0, total: cells });
    expect(progress[progress.length - 1]).toEqual({ done: cells, total: cells });
    expect(progress).toHaveLength(wb.syncCount - 1);
  }, 60_000);

  it("retries with smaller blocks when a response is over 5 MB, then keeps the measured size", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Libellés").virtual = virtualLongText(20_000, 5);
    const snapshot = await hostFor(wb).readWorkbook();
    expect(snapshot.sheets[0].values).toHaveLength(20_000);
    expect(snapshot.sheets[0].values[19_999][4]).toMatch(/19999-4$/);
    const failed = wb.syncs.filter((s) => s.failed);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((s) => s.failed === "ResponsePayloadSizeLimitExceeded")).toBe(true);
    // After the first successful block, the measured bytes keep every later sync under the limit.
    const firstOk = wb.syncs.findIndex((s, i) => i >= 2 && !s.failed);
    expect(wb.syncs.slice(firstOk).every((s) => !s.failed && s.responseBytes < FAKE_PAYLOAD_LIMIT)).toBe(true);
  });

  it("gives up with a too-large HostError when one row alone is over the limit", async () => {
    const wb = new FakeWorkbook();
    wb.limitBytes = 2_000;
    wb.addSheet("Large").virtual = virtualLongText(3, 40);
    const error = await hostFor(wb).readWorkbook().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect((error as HostError).code).toBe("too-large");
    expect((error as HostError).message).toMatch(/trop volumineux/);
  });
});
