/*
 * Issue 12, the re-check's read: after a fix or an edit the Excel host reads the changed ranges
 * only, in one sync whatever the workbook's size, and the patched snapshot equals a full read.
 */
import { patchSnapshot } from "../../src/core/patch";
import { createExcelHost } from "../../src/excel";
import { FakeWorkbook } from "./fake-excel";
import { MONEY, addImputationSheet, virtualBudget } from "./workbooks";

function hostFor(wb: FakeWorkbook) {
  return createExcelHost({ run: wb.run, isSetSupported: () => true, retryDelayMs: 0 });
}

/** An imputation report, and (for the large one) a 60 000-row ledger beside it. */
function workbook(large: boolean): FakeWorkbook {
  const wb = new FakeWorkbook();
  addImputationSheet(wb, "Rapport", 40);
  if (large) wb.addSheet("Grand livre").virtual = virtualBudget(60_000);
  return wb;
}

test.each([false, true])("readRanges takes one sync (large workbook: %s)", async (large) => {
  const wb = workbook(large);
  const host = hostFor(wb);
  await host.readWorkbook();
  const before = wb.syncCount;
  const data = await host.readRanges!([
    { sheet: "Rapport", range: "G5" },
    { sheet: "Rapport", range: "E7:F7" },
  ]);
  expect(wb.syncCount - before).toBe(1);
  expect(data.map((d) => [d.sheet, d.range])).toEqual([
    ["Rapport", "G5"],
    ["Rapport", "E7:F7"],
  ]);
  // Row 5 is the fourth line (i = 3): Solde = 31 300 − 7 000, its formula =E5-F5.
  expect(data[0].values).toEqual([[24_300]]);
  expect(data[0].formulas).toEqual([["=E5-F5"]]);
  expect(data[0].numberFormats).toEqual([[MONEY]]);
});

test("a cell edited, read again and patched in gives the snapshot a full read gives", async () => {
  const wb = workbook(false);
  const host = hostFor(wb);
  const first = await host.readWorkbook();
  wb.find("Rapport")!.setRows("G5", [[{ value: 1, numberFormat: MONEY }]]);
  const patched = patchSnapshot(first, await host.readRanges!([{ sheet: "Rapport", range: "G5" }]));
  expect(patched).toEqual(await host.readWorkbook());
  // The sheets not edited are the same objects (the re-check keeps their tables).
  expect(patched.sheets.filter((s, i) => s === first.sheets[i]).map((s) => s.name)).toEqual(
    first.sheets.filter((s) => s.name !== "Rapport").map((s) => s.name),
  );
});

test("a user's edit calls back with the sheet and range changed", async () => {
  const wb = workbook(false);
  const host = hostFor(wb);
  await host.readWorkbook();
  const changes: unknown[] = [];
  host.onWorkbookChanged!((c) => changes.push(c));
  await wb.settled();
  await wb.emitChanged("Rapport", "F9");
  expect(changes).toEqual([{ sheet: "Rapport", range: "F9" }]);
});
