/**
 * The benchmark's report (bench/workbook.ts: 7 columns, a Solde formula on each line, one
 * wrong Solde in a hundred typed as a constant, then a breakdown table with % formulas), read
 * through the Office.js adapter on the fake Excel, against the same workbook written as an
 * .xlsx and read by the file host: the same findings. And at 100 000 lines, the syncs issue 10
 * allows: 2 + ⌈KB ÷ 4 500⌉ in all, none over 5 000 KB, none refused.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { checkWorkbook } from "../../src/core/engine";
import type { WorkbookSnapshot } from "../../src/core/model";
import { createExcelHost } from "../../src/excel";
import { readXlsx } from "../../src/file";
import { fakeWorkbook, planWorkbook, workbookCells, writeXlsx } from "../../bench/workbook";
import { FAKE_PAYLOAD_LIMIT, jsonBytes } from "./fake-excel";
import { bytesByProperty } from "../../bench/cases";

function findingsOf(snapshot: WorkbookSnapshot): string[][] {
  return checkWorkbook(snapshot).findings.map((f) => [f.rule, f.sheet, f.cell, f.message]);
}

/** The adapter's read on the fake Excel, light (ExcelApi 1.9) or full (1.8). */
async function readThroughExcel(lines: number, api19: boolean) {
  const wb = fakeWorkbook(planWorkbook(1, lines, 100));
  const host = createExcelHost({ run: wb.run, isSetSupported: (_, v) => api19 || Number(v) <= 1.8, retryDelayMs: 0 });
  const snapshot = await host.readWorkbook();
  return { snapshot, syncs: wb.syncs };
}

describe("the bench's report through the adapter and through the file host", () => {
  jest.setTimeout(120_000);
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "pointage-read-bench-"));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  // 300 lines (2 177 cells) read every cell's number format; 5 000 (35 084 cells) only those of the number and formula cells.
  it.each([300, 5_000])("%i lines: the same findings from the light read, the full load and the .xlsx", async (lines) => {
    const file = path.join(dir, `bench-${lines}.xlsx`);
    await writeXlsx(planWorkbook(1, lines, 100), file);
    const fromFile = findingsOf(await readXlsx(new Uint8Array(await fs.readFile(file)), "bench.xlsx"));
    const light = await readThroughExcel(lines, true);
    const full = await readThroughExcel(lines, false);
    // Lines 0, 100, 200… have a wrong Solde: 3 at 300 lines, 50 at 5 000.
    expect(fromFile.filter(([rule]) => rule === "IMP-SOLDE")).toHaveLength(lines / 100);
    expect(findingsOf(light.snapshot)).toEqual(fromFile);
    expect(findingsOf(full.snapshot)).toEqual(fromFile);
    expect(light.syncs).toHaveLength(3);
  });

  it("100 000 lines: syncs within 2 + ⌈KB ÷ 4 500⌉, each under 5 000 KB, none refused", async () => {
    const { snapshot, syncs } = await readThroughExcel(100_000, true);
    const cells = workbookCells(planWorkbook(1, 100_000, 100));
    expect(snapshot.sheets[0].values.length * 7).toBe(cells);
    const kb = syncs.reduce((n, s) => n + s.requestBytes + s.responseBytes, 0) / 1024;
    expect(syncs.every((s) => !s.failed)).toBe(true);
    expect(Math.max(...syncs.map((s) => Math.max(s.requestBytes, s.responseBytes)))).toBeLessThanOrEqual(FAKE_PAYLOAD_LIMIT);
    expect(syncs.length).toBeLessThanOrEqual(2 + Math.ceil(kb / 4_500));
    // The injected Soldes are all there (1 000 of them).
    expect(checkWorkbook(snapshot).findings.filter((f) => f.rule === "IMP-SOLDE")).toHaveLength(1_000);
    process.stdout.write(
      `100 000 lines: ${syncs.length} syncs (bound ${2 + Math.ceil(kb / 4_500)}), ${kb.toFixed(0)} KB, ${((kb * 1024) / cells).toFixed(1)} B/cell, ` +
        `data syncs ${syncs
          .slice(2)
          .map((s) => (s.responseBytes / 1024).toFixed(0))
          .join(" + ")} KB\n`,
    );
  });

  /**
   * Issue 10 asks for 25 bytes a cell; this is what stands in the way, measured. What no read
   * through Office.js can leave out, worked out cell by cell from the full load: the values of
   * every cell, the number format of every number and formula cell (Office.js gives one per
   * cell: no Range, RangeAreas or getCellProperties member gives one for many cells, and
   * `numberFormatCategories` does not tell `0.00` from `0`, the shown decimals the checks'
   * tolerances need), and the formula of every formula cell, each with its comma. The light
   * read may add only the brackets of the areas' rows, the keys and addresses of the areas and
   * the requests.
   */
  it.each([1_000, 10_000])("%i lines: the bytes per cell, property by property, against what Office.js cannot leave out", async (lines) => {
    const light = await readThroughExcel(lines, true);
    const full = await readThroughExcel(lines, false);
    const cells = workbookCells(planWorkbook(1, lines, 100));
    const [sheet] = full.snapshot.sheets;
    let formats = 0;
    let formulas = 0;
    sheet.values.forEach((row, i) =>
      row.forEach((v, j) => {
        const formula = sheet.formulas![i][j];
        const isFormula = typeof formula === "string" && formula.startsWith("=");
        if (typeof v === "number" || isFormula) formats += jsonBytes(sheet.numberFormats![i][j]) + 1;
        if (isFormula) formulas += jsonBytes(formula) + 1;
      }),
    );
    const values = jsonBytes(sheet.values);
    const floor = values + formats + formulas;
    const parts = bytesByProperty(light.syncs);
    const total = light.syncs.reduce((n, s) => n + s.requestBytes + s.responseBytes, 0);
    expect(Object.values(parts).reduce((n, b) => n + b, 0)).toBe(total);
    expect(parts.values).toBe(values);
    expect(floor / cells).toBeGreaterThan(27);
    // A small read brings every cell's format (a text's too: see read.ts), a larger one the
    // number and formula cells' only: then the read is within 1.5 bytes a cell of the floor.
    if (lines >= 10_000) expect((total - floor) / cells).toBeLessThan(1.5);
    const perCell = (b: number) => (b / cells).toFixed(2);
    process.stdout.write(
      `${lines} lines: ${perCell(total)} B/cell in ${light.syncs.length} syncs; ` +
        Object.entries(parts)
          .sort((a, b) => b[1] - a[1])
          .map(([path, b]) => `${path} ${perCell(b)}`)
          .join(", ") +
        `; floor ${perCell(floor)} (values ${perCell(values)}, number and formula cells' formats ${perCell(formats)}, formulas ${perCell(formulas)})\n`,
    );
  });
});
