/**
 * The real third-party workbooks of ../shared/real-workbooks (see SOURCES.md there), put in the
 * fake Excel cell by cell as the file host reads them (values, formulas, number formats), then
 * read through the adapter twice: the light read (ExcelApi 1.9) must give the engine what the
 * full load of every cell's four arrays gives. Skipped, and said so, when the folder is absent.
 */
import * as fs from "fs";
import * as path from "path";
import type { WorkbookSnapshot } from "../../src/core/model";
import { createExcelHost } from "../../src/excel";
import { readSheetJs, readXlsx } from "../../src/file";
import { FakeWorkbook } from "./fake-excel";
import { expectAsFullLoad, findingsOf } from "./lightRead";

const FOLDER = path.resolve(__dirname, "../../../shared/real-workbooks");
const present = fs.existsSync(FOLDER);
const files = present ? fs.readdirSync(FOLDER).filter((f) => /\.(xlsx|xls|ods)$/i.test(f)).sort() : [];
if (!present) console.log(`Real workbooks not found at ${FOLDER}: these tests are skipped (the folder is not part of the repository).`);
const describeIfPresent = present ? describe : describe.skip;

async function fileSnapshot(file: string): Promise<WorkbookSnapshot> {
  const bytes = new Uint8Array(fs.readFileSync(path.join(FOLDER, file)));
  return /\.xls$/i.test(file) ? await readSheetJs(bytes, file) : await readXlsx(bytes, file);
}

/** A fake Excel workbook holding the file's cells where the file has them. */
function fakeOf(snapshot: WorkbookSnapshot): FakeWorkbook {
  const wb = new FakeWorkbook();
  for (const s of snapshot.sheets) {
    const sheet = wb.addSheet(s.name, { visibility: s.visibility ?? "Visible" });
    s.values.forEach((row, i) =>
      row.forEach((v, j) => {
        const f = s.formulas?.[i]?.[j];
        const formula = typeof f === "string" && f.startsWith("=") ? f : undefined;
        const format = s.numberFormats?.[i]?.[j];
        const empty = v === "" || v === null || v === undefined;
        if (empty && !formula && (!format || format === "General")) return;
        const cell = sheet.cellForWrite(s.origin.row + i, s.origin.column + j);
        cell.value = empty ? "" : v;
        if (formula) cell.formula = formula;
        if (format && format !== "General") cell.numberFormat = format;
      }),
    );
  }
  return wb;
}

async function read(wb: FakeWorkbook, api19: boolean) {
  const before = wb.syncs.length;
  const host = createExcelHost({ run: wb.run, isSetSupported: (_, v) => api19 || Number(v) <= 1.8, retryDelayMs: 0 });
  const snapshot = await host.readWorkbook();
  const syncs = wb.syncs.slice(before);
  return { snapshot, syncs, bytes: syncs.reduce((n, s) => n + s.requestBytes + s.responseBytes, 0) };
}

describeIfPresent("real workbooks through the light read (../shared/real-workbooks)", () => {
  test.each(files)("%s: the light read gives the engine what the full load gives", async (file) => {
    const snapshot = await fileSnapshot(file);
    const light = await read(fakeOf(snapshot), true);
    const full = await read(fakeOf(snapshot), false);
    expect(light.syncs.every((s) => !s.failed)).toBe(true);
    expectAsFullLoad(light.snapshot, full.snapshot);
    expect(findingsOf(light.snapshot)).toEqual(findingsOf(full.snapshot));
    // Beyond the request of the special cells (four RangeAreas a block, under 2 KB), fewer bytes.
    expect(light.bytes).toBeLessThan(full.bytes + 2_048);
    const cells = full.snapshot.sheets.reduce((n, s) => n + s.values.reduce((m, r) => m + r.length, 0), 0);
    process.stdout.write(
      `${file}: ${cells} cells, light ${light.syncs.length} syncs ${(light.bytes / cells).toFixed(1)} B/cell, full ${full.syncs.length} syncs ${(full.bytes / cells).toFixed(1)} B/cell\n`,
    );
  }, 180_000);
});
