/**
 * In Excel, load no more than the check needs (issue 10): values and number formats of every
 * cell, formulas only of the formula cells, value types only of the error cells. Bytes are the
 * fake's response JSON in UTF-8 (escapes included), request bytes Office.js's own builder.
 * The reference is the full load (all four arrays of every cell), which ExcelApi 1.8 still gets.
 */
import { checkWorkbook } from "../../src/core/engine";
import type { WorkbookSnapshot } from "../../src/core/model";
import { createExcelHost } from "../../src/excel";
import { measureBytes } from "../../src/excel/plan";
import { FAKE_PAYLOAD_LIMIT, FakeWorkbook } from "./fake-excel";
import { MONEY, addArticle3Sheet, addImputationSheet } from "./workbooks";

/** A host on ExcelApi 1.9 (special cells) or 1.8 (the full load). */
function hostFor(wb: FakeWorkbook, api19: boolean) {
  return createExcelHost({ run: wb.run, isSetSupported: (_, v) => api19 || Number(v) <= 1.8, retryDelayMs: 0 });
}

/** The imputation report of `lines` lines (Solde a formula on every line), one sheet. */
function report(lines: number): FakeWorkbook {
  const wb = new FakeWorkbook();
  addImputationSheet(wb, "Rapport", lines);
  return wb;
}

/** Reads the workbook; the read's syncs, their response bytes, the cells of the used ranges. */
async function read(wb: FakeWorkbook, api19 = true) {
  const before = wb.syncs.length;
  const snapshot = await hostFor(wb, api19).readWorkbook();
  const syncs = wb.syncs.slice(before);
  const cells = snapshot.sheets.reduce((n, s) => n + s.values.reduce((m, row) => m + row.length, 0), 0);
  const bytes = syncs.reduce((n, s) => n + s.responseBytes, 0);
  return { snapshot, syncs, cells, bytes, perCell: bytes / cells };
}

/** A workbook with what a full load and the light one could read differently. */
function tricky(): FakeWorkbook {
  const wb = new FakeWorkbook();
  wb.addSheet("Rapport", {
    at: "B3",
    rows: [
      ["Code Opération", "Imputation budgétaire", "Libellé", "CP", "Disponible", "Proposition", "Solde"],
      [{ value: "C05-043A06", numberFormat: "@" }, "65748/93043", "Ligne 1", { value: 43056, numberFormat: MONEY }, 31_000, 7_000, { value: 24_000, formula: "=F4-G4" }],
      // A text « #N/A » typed by someone, and an error a formula gives.
      [{ value: "#N/A", numberFormat: "@" }, "65748/93043", "Ligne 2", 10_000, 10_000, 2_000, { value: "#REF!", formula: "=#REF!-G5" }],
      // A constant error value (typed #DIV/0!), a block of formulas over two columns.
      ["C05-044A01", "204//20421", { value: "#DIV/0!" }, 5_000, { value: 5_000, formula: "=E6" }, { value: 1_000, formula: "=E6/5" }, { value: 4_000, formula: "=F6-G6" }],
      ["TOTAL", "", "", { value: 58_056, formula: "=SUM(E4:E6)" }, { value: 46_000, formula: "=SUM(F4:F6)" }, { value: 10_000, formula: "=SUM(G4:G6)" }, { value: 28_000, formula: "=SUM(H4:H6)" }],
    ],
  });
  wb.addSheet("Vide");
  return wb;
}

describe("the light read: formulas and error cells apart", () => {
  jest.setTimeout(120_000);

  it("gives the same snapshot as the full load, and the engine the same findings", async () => {
    const workbooks: Array<() => FakeWorkbook> = [
      tricky,
      () => report(50),
      () => {
        const wb = new FakeWorkbook();
        addArticle3Sheet(wb, "Rapport 2023", 300);
        addImputationSheet(wb, "Rapport 2024", 40);
        return wb;
      },
    ];
    for (const make of workbooks) {
      const light = await read(make(), true);
      const full = await read(make(), false);
      expect(light.snapshot).toEqual(full.snapshot);
      const findings = (s: WorkbookSnapshot) => checkWorkbook(s).findings.map((f) => [f.rule, f.sheet, f.cell, f.message]);
      expect(findings(light.snapshot)).toEqual(findings(full.snapshot));
      expect(light.bytes).toBeLessThan(full.bytes);
    }
  });

  it("types as errors the cells Excel says are errors, constants and formula results", async () => {
    const { snapshot } = await read(tricky());
    const [sheet] = snapshot.sheets;
    // (The fake keeps no type of its own for a cell: a typed text « #N/A » is an error to it too.)
    expect(sheet.valueTypes![1][0]).toBe("String");
    expect(sheet.valueTypes![1][3]).toBe("Double");
    expect(sheet.valueTypes![2][6]).toBe("Error");
    expect(sheet.valueTypes![3][2]).toBe("Error");
    expect(sheet.formulas![3].slice(3)).toEqual([5_000, "=E6", "=E6/5", "=F6-G6"]);
  });

  it("10 000 lines: the bytes per cell well under the full load's, syncs as at 1 000 lines, each under 5 MB", async () => {
    const small = await read(report(1_000));
    const large = await read(report(10_000));
    const full = await read(report(10_000), false);
    // Measured: the light read's bytes per cell, against the full load's.
    expect(large.cells).toBe(10_001 * 7);
    // Not the 25: on this report values take 13.4 bytes per cell and number formats 15.5
    // (four money columns of `#,##0.00\ "€"`, 20 bytes each), and Office.js reads a number
    // format per cell whatever the range. What the light read leaves out is the rest.
    expect(large.perCell).toBeLessThanOrEqual(32);
    expect(full.perCell).toBeGreaterThan(1.5 * large.perCell);
    expect(small.syncs.length).toBe(large.syncs.length);
    expect(large.syncs.length).toBeLessThanOrEqual(3 + Math.ceil(large.bytes / 4_500_000));
    expect(large.syncs.length).toBeLessThanOrEqual(3);
    for (const s of [...small.syncs, ...large.syncs]) {
      expect(s.failed).toBeUndefined();
      expect(s.responseBytes).toBeLessThanOrEqual(FAKE_PAYLOAD_LIMIT);
      expect(s.requestBytes).toBeLessThanOrEqual(FAKE_PAYLOAD_LIMIT);
    }
    // Values and number formats alone, which every cell needs, measured on the same cells.
    const sheet = large.snapshot.sheets[0];
    const floor = measureBytes(sheet.values, sheet.numberFormats!) / large.cells;
    expect(floor).toBeGreaterThan(25);
    expect(large.perCell - floor).toBeLessThan(3);
    // For the report to the lead (jest --verbose shows nothing of it otherwise).
    process.stdout.write(
      `light read: 1 000 lines ${small.syncs.length} syncs, ${small.perCell.toFixed(1)} B/cell; 10 000 lines ${large.syncs.length} syncs, ` +
        `${(large.bytes / 1024).toFixed(0)} KB, ${large.perCell.toFixed(1)} B/cell (values + number formats alone ${floor.toFixed(1)}; full load ${full.perCell.toFixed(1)} B/cell, ${full.syncs.length} syncs)\n`,
    );
  });

  it("falls back to the full load when Excel refuses the special cells (too many areas): same snapshot, one sync more", async () => {
    const reference = await read(tricky(), false);
    const wb = tricky();
    wb.specialCellsAreaLimit = 0;
    const fallback = await read(wb, true);
    expect(fallback.snapshot).toEqual(reference.snapshot);
    expect(fallback.syncs.map((s) => s.failed ?? "ok")).toEqual(["ok", "ok", "GeneralException", "ok"]);
  });

  it("without ExcelApi 1.9, never asks for special cells", async () => {
    const wb = report(20);
    wb.specialCellsAreaLimit = 0;
    const { syncs } = await read(wb, false);
    expect(syncs.every((s) => !s.failed)).toBe(true);
    expect(syncs).toHaveLength(3);
  });
});
