/**
 * In Excel, load no more than the check needs (issue 10): values of every cell, formulas and
 * number formats only of the formula and number cells, value types only of the error cells.
 * Bytes are the fake's response JSON in UTF-8 (escapes included), request bytes Office.js's own
 * builder. The reference is the full load (all four arrays of every cell), which ExcelApi 1.8
 * still gets: the light read must give the engine the same findings.
 */
import { createExcelHost } from "../../src/excel";
import { FAKE_PAYLOAD_LIMIT, FakeWorkbook, jsonBytes } from "./fake-excel";
import { expectAsFullLoad, findingsOf, withoutTextFormats } from "./lightRead";
import { MONEY, addArticle3Sheet, addImputationSheet } from "./workbooks";

/** A host on ExcelApi 1.9 (special cells) or 1.8 (the full load). */
function hostFor(wb: FakeWorkbook, api19: boolean, syncBudgetBytes?: number) {
  return createExcelHost({ run: wb.run, isSetSupported: (_, v) => api19 || Number(v) <= 1.8, retryDelayMs: 0, syncBudgetBytes });
}

/** The imputation report of `lines` lines (Solde a formula on every line), one sheet. */
function report(lines: number): FakeWorkbook {
  const wb = new FakeWorkbook();
  addImputationSheet(wb, "Rapport", lines);
  return wb;
}

/** Reads the workbook; the read's syncs, their response bytes, the cells of the used ranges. */
async function read(wb: FakeWorkbook, api19 = true, syncBudgetBytes?: number) {
  const before = wb.syncs.length;
  const snapshot = await hostFor(wb, api19, syncBudgetBytes).readWorkbook();
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

  it("gives the full load's snapshot (a large read: but for the formats of texts), and the engine the same findings", async () => {
    // Small reads (up to 25 000 cells in the last sync) bring every cell's format; larger ones
    // leave out those of texts, empty and error cells.
    const workbooks: Array<[() => FakeWorkbook, "all formats" | "no text formats"]> = [
      [tricky, "all formats"],
      [() => report(50), "all formats"],
      [
        () => {
          const wb = new FakeWorkbook();
          addArticle3Sheet(wb, "Rapport 2023", 300);
          addImputationSheet(wb, "Rapport 2024", 40);
          return wb;
        },
        "all formats",
      ],
      [() => report(4_000), "no text formats"],
      [
        () => {
          const wb = tricky();
          addArticle3Sheet(wb, "Rapport 2023", 6_000);
          return wb;
        },
        "no text formats",
      ],
    ];
    for (const [make, formats] of workbooks) {
      const light = await read(make(), true);
      const full = await read(make(), false);
      expect(light.snapshot).toEqual(formats === "all formats" ? full.snapshot : withoutTextFormats(full.snapshot));
      expect(findingsOf(light.snapshot)).toEqual(findingsOf(full.snapshot));
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
    expect(large.perCell).toBeLessThanOrEqual(29);
    expect(full.perCell).toBeGreaterThan(1.8 * large.perCell);
    expect(small.syncs.length).toBe(large.syncs.length);
    expect(large.syncs.length).toBeLessThanOrEqual(2 + Math.ceil(large.bytes / 1024 / 4_500));
    expect(large.syncs.length).toBeLessThanOrEqual(3);
    for (const s of [...small.syncs, ...large.syncs]) {
      expect(s.failed).toBeUndefined();
      expect(s.responseBytes).toBeLessThanOrEqual(FAKE_PAYLOAD_LIMIT);
      expect(s.requestBytes).toBeLessThanOrEqual(FAKE_PAYLOAD_LIMIT);
    }
    // Not the 25: what no read through Office.js can leave out, measured on the full
    // load's cells, is already over it. Every value (13.4 bytes a cell here), and the number
    // format of every number and formula cell (four money columns of `#,##0.00\ "€"`, 21 bytes
    // each with its comma: 12 a cell), as Office.js gives a number format per cell whatever the
    // range (no Range, RangeAreas or getCellProperties member gives one for many cells).
    const sheet = full.snapshot.sheets[0];
    let formatBytes = 0;
    sheet.values.forEach((row, i) =>
      row.forEach((v, j) => {
        if (typeof v === "number" || String(sheet.formulas![i][j]).startsWith("=")) formatBytes += jsonBytes(sheet.numberFormats![i][j]) + 1;
      }),
    );
    const floor = (jsonBytes(sheet.values) + formatBytes) / large.cells;
    expect(floor).toBeGreaterThan(25);
    expect(large.perCell - floor).toBeLessThan(3.5);
    // For the report to the lead (jest --verbose shows nothing of it otherwise).
    process.stdout.write(
      `light read: 1 000 lines ${small.syncs.length} syncs, ${small.perCell.toFixed(1)} B/cell; 10 000 lines ${large.syncs.length} syncs, ` +
        `${(large.bytes / 1024).toFixed(0)} KB, ${large.perCell.toFixed(1)} B/cell (values + number cells' formats alone ${floor.toFixed(1)}; full load ${full.perCell.toFixed(1)} B/cell, ${full.syncs.length} syncs)\n`,
    );
  });

  it("reads the number format of a text that reads as a number (a date format makes it a date), one sync more only then", async () => {
    // Amounts pasted as text, one of them in a date-formatted cell: the engine reads their formats.
    const pasted = (lines: number, textNumbers: boolean) => {
      const wb = report(lines);
      const sheet = wb.sheet("Rapport");
      sheet.setRows("H1", [["Observation"]]);
      for (let r = 2; r <= 31; r += 1) {
        const text = textNumbers ? `${(r * 1_000).toLocaleString("fr-FR")},00` : "à revoir";
        sheet.setRows(`H${r}`, [[{ value: text, numberFormat: r === 5 ? "dd/mm/yyyy" : "@" }]]);
      }
      return wb;
    };
    // 4 000 lines, 32 008 cells: the texts' formats are not in the data sync.
    const light = await read(pasted(4_000, true));
    const full = await read(pasted(4_000, true), false);
    expect(light.snapshot).toEqual(withoutTextFormats(full.snapshot));
    expect(light.snapshot.sheets[0].numberFormats![4][7]).toBe("dd/mm/yyyy");
    expect(light.snapshot.sheets[0].numberFormats![5][7]).toBe("@");
    expect(light.snapshot.sheets[0].numberFormats![5][0]).toBe("General");
    expect(findingsOf(light.snapshot)).toEqual(findingsOf(full.snapshot));
    expect(light.syncs).toHaveLength(4);
    expect(light.syncs.every((s) => !s.failed)).toBe(true);
    // The texts that do not read as numbers need no format, and no sync.
    const plain = await read(pasted(4_000, false));
    expect(plain.syncs).toHaveLength(3);
    expect(plain.snapshot.sheets[0].numberFormats![4][7]).toBe("General");
    // 30 lines: every format comes with the data, no sync more.
    const small = await read(pasted(30, true));
    expect(small.syncs).toHaveLength(3);
    expect(small.snapshot).toEqual((await read(pasted(30, true), false)).snapshot);
  });

  it("asks for the formats of such texts with the next block, not in a sync of their own", async () => {
    // Blocks of about 20 kB: a few hundred rows each, every block with texts that read as numbers.
    const make = (textNumbers: boolean) => {
      const wb = report(2_000);
      const sheet = wb.sheet("Rapport");
      for (let r = 2; r <= 2_001; r += 7) sheet.setRows(`H${r}`, [[{ value: textNumbers ? "1 250,50" : "néant", numberFormat: "@" }]]);
      return wb;
    };
    const light = await read(make(true), true, 20_000);
    const plain = await read(make(false), true, 20_000);
    const full = await read(make(true), false, 20_000);
    expect(plain.syncs.length).toBeGreaterThan(10);
    // A sync of their own after each block would double the data syncs; their bytes (formats,
    // and "1 250,50" a little longer than "néant") may take one more block, and the last block's
    // texts one sync after it.
    expect(light.syncs.length).toBeLessThanOrEqual(plain.syncs.length + 2);
    expect(light.syncs.every((s) => !s.failed)).toBe(true);
    expectAsFullLoad(light.snapshot, full.snapshot);
    expect(light.snapshot.sheets[0].numberFormats![1][7]).toBe("@");
    expect(findingsOf(light.snapshot)).toEqual(findingsOf(full.snapshot));
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
