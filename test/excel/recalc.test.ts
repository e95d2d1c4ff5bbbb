/*
 * The fake's recalculation (./recalc.ts) behaves as Excel's automatic calculation: what a write
 * changes is recalculated before anything reads it, on every sheet; the rest keeps its cache.
 */
import { FakeWorkbook } from "./fake-excel";

function workbook(): FakeWorkbook {
  const wb = new FakeWorkbook();
  wb.officeJs = false;
  wb.addSheet("Rapport", { rows: [[31_000, 7_000, { value: 24_000, formula: "=A1-B1" }, { value: 999, formula: "=A1*0+1" }]] });
  wb.addSheet("Article 3", { rows: [[{ value: 7_000, formula: "=Rapport!B1" }, { value: 5, formula: "=LAMBDAX(Rapport!B1)" }]] });
  return wb;
}

test("a write recalculates its dependents on every sheet before a read in the same sync", async () => {
  const wb = workbook();
  const read = await wb.run(async (context: Excel.RequestContext) => {
    const b1 = context.workbook.worksheets.getItem("Rapport").getRange("B1");
    b1.values = [[9_380]];
    const other = context.workbook.worksheets.getItem("Article 3").getRange("A1:B1").load("values");
    const own = context.workbook.worksheets.getItem("Rapport").getRange("C1:D1").load("values");
    await context.sync();
    return { other: other.values, own: own.values };
  });
  // 31 000 − 9 380 = 21 620; D1 does not depend on B1 and keeps its cache (999, not 1);
  // a function hyperformula does not know keeps its cache rather than a made-up error.
  expect(read).toEqual({ other: [[9_380, 5]], own: [[21_620, 999]] });
});

test("a formula written gets its value, not 0; a user's edit recalculates too", async () => {
  const wb = workbook();
  await wb.run(async (context: Excel.RequestContext) => {
    context.workbook.worksheets.getItem("Rapport").getRange("E1").formulas = [["=A1+B1"]];
    await context.sync();
  });
  expect(wb.sheet("Rapport").cell("E1")!.value).toBe(38_000);
  await wb.userEdit("Rapport", "A1", [[10_000]]);
  expect(wb.sheet("Rapport").cell("C1")!.value).toBe(3_000);
  expect(wb.sheet("Rapport").cell("E1")!.value).toBe(17_000);
  expect(wb.events.at(-1)).toMatchObject({ type: "WorksheetChanged", address: "A1" });
});
