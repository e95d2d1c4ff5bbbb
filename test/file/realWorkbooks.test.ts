/**
 * Reads every real third-party workbook of ../shared/real-workbooks (see SOURCES.md there).
 * That folder sits beside the project on the team's machines and CI, not in a user's clone:
 * when it is absent these tests are skipped, and say so.
 */
import * as fs from "fs";
import * as path from "path";
import type { Finding } from "../../src/core/findings";
import { readXlsx, writeCheckedCopy } from "../../src/file";

const FOLDER = path.resolve(__dirname, "../../../shared/real-workbooks");
const present = fs.existsSync(FOLDER);
const files = present ? fs.readdirSync(FOLDER).filter((f) => /\.(xlsx|xls|ods)$/i.test(f)).sort() : [];
const xlsx = files.filter((f) => /\.xlsx$/i.test(f));
const ods = files.filter((f) => /\.ods$/i.test(f));
const xls = files.filter((f) => /\.xls$/i.test(f));

if (!present) {
  console.log(`Real workbooks not found at ${FOLDER}: these tests are skipped (the folder is not part of the repository).`);
}

const describeIfPresent = present ? describe : describe.skip;

describeIfPresent("real workbooks (../shared/real-workbooks)", () => {
  test("the folder holds workbooks", () => {
    expect(xlsx.length).toBeGreaterThan(0);
  });

  test.each(xlsx)("%s reads without error, and its checked copy too", async (file) => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(FOLDER, file)));
    const before = process.memoryUsage().rss;
    const start = Date.now();
    const snapshot = await readXlsx(bytes, file);
    const readMs = Date.now() - start;

    expect(snapshot.sheets.length).toBeGreaterThan(0);
    for (const sheet of snapshot.sheets) {
      const width = Math.max(0, ...sheet.values.map((r) => r.length));
      expect(sheet.formulas).toHaveLength(sheet.values.length);
      expect(sheet.valueTypes).toHaveLength(sheet.values.length);
      // The declared used range (A1:N1048576 in one State file) is never materialised.
      expect(sheet.values.length).toBeLessThan(100_000);
      expect(width).toBeLessThanOrEqual(16384);
    }

    // A checked copy with one finding on the first non-empty cell of the first sheet with data.
    const sheet = snapshot.sheets.find((s) => s.values.length > 0)!;
    const cell = `${String.fromCharCode(65 + sheet.origin.column)}${sheet.origin.row + 1}`;
    const finding: Finding = {
      rule: "TEST",
      severity: "warning",
      sheet: sheet.name,
      cell,
      related: [],
      messageId: "test",
      data: {},
      message: "Vérification.",
    };
    const writeStart = Date.now();
    const copy = await writeCheckedCopy(bytes, [finding], "fr", { fileName: file });
    const writeMs = Date.now() - writeStart;
    const reread = await readXlsx(copy, file);
    expect(reread.sheets.map((s) => s.name)).toEqual([...snapshot.sheets.map((s) => s.name), "Contrôle"]);
    for (const [i, s] of snapshot.sheets.entries()) expect(reread.sheets[i].values).toEqual(s.values);

    const summary = snapshot.sheets.map(
      (s) => `${s.name} (${s.visibility}): ${s.values.length} rows × ${Math.max(0, ...s.values.map((r) => r.length))} columns from R${s.origin.row + 1}C${s.origin.column + 1}`,
    );
    console.log(
      `${file} (${bytes.length} bytes): read ${readMs} ms, checked copy ${writeMs} ms, rss +${Math.round((process.memoryUsage().rss - before) / 1e6)} MB\n  ${summary.join("\n  ")}`,
    );
  }, 180_000);

  test.each(ods)("%s (OpenDocument) reads without error; its checked copy is an .xlsx", async (file) => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(FOLDER, file)));
    const before = process.memoryUsage().rss;
    const start = Date.now();
    const snapshot = await readXlsx(bytes, file);
    const readMs = Date.now() - start;
    expect(snapshot.sheets.length).toBeGreaterThan(0);
    for (const sheet of snapshot.sheets) {
      expect(sheet.formulas).toHaveLength(sheet.values.length);
      expect(sheet.valueTypes).toHaveLength(sheet.values.length);
      // LibreOffice's million repeated empty rows and thousand columns are never materialised.
      expect(sheet.values.length).toBeLessThan(100_000);
      expect(Math.max(0, ...sheet.values.map((r) => r.length))).toBeLessThan(1024);
    }
    const copy = await writeCheckedCopy(bytes, [], "fr", { fileName: file });
    expect((await readXlsx(copy, file)).sheets.map((s) => s.name)).toEqual([...snapshot.sheets.map((s) => s.name), "Contrôle"]);
    const summary = snapshot.sheets.map(
      (s) => `${s.name} (${s.visibility}): ${s.values.length} rows × ${Math.max(0, ...s.values.map((r) => r.length))} columns from R${s.origin.row + 1}C${s.origin.column + 1}`,
    );
    console.log(`${file} (${bytes.length} bytes): read ${readMs} ms, rss +${Math.round((process.memoryUsage().rss - before) / 1e6)} MB\n  ${summary.join("\n  ")}`);
  }, 180_000);

  test.each(xls)("%s (Excel 97-2003) reads without error, with numbers; its checked copy is an .xlsx with the same values", async (file) => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(FOLDER, file)));
    const start = Date.now();
    const snapshot = await readXlsx(bytes, file);
    const readMs = Date.now() - start;
    expect(snapshot.sheets.length).toBeGreaterThan(0);
    const numbers = snapshot.sheets.flatMap((s) => s.values.flat()).filter((v) => typeof v === "number");
    expect(numbers.length).toBeGreaterThan(0);
    for (const sheet of snapshot.sheets) {
      expect(sheet.formulas).toHaveLength(sheet.values.length);
      expect(sheet.numberFormats).toHaveLength(sheet.values.length);
      expect(sheet.valueTypes).toHaveLength(sheet.values.length);
    }
    // Number formats come through (every one of these files formats its amounts).
    expect(snapshot.sheets.flatMap((s) => s.numberFormats!.flat()).some((f) => f !== "General")).toBe(true);

    const copy = await writeCheckedCopy(bytes, [], "fr", { fileName: file });
    const reread = await readXlsx(copy, file);
    expect(reread.sheets.map((s) => s.name)).toEqual([...snapshot.sheets.map((s) => s.name), "Contrôle"]);
    for (const [i, s] of snapshot.sheets.entries()) {
      expect(reread.sheets[i].values).toEqual(s.values);
      expect(reread.sheets[i].formulas).toEqual(s.formulas);
    }
    const summary = snapshot.sheets.map(
      (s) => `${s.name} (${s.visibility}): ${s.values.length} rows × ${Math.max(0, ...s.values.map((r) => r.length))} columns from R${s.origin.row + 1}C${s.origin.column + 1}`,
    );
    console.log(`${file} (${bytes.length} bytes): read ${readMs} ms, ${numbers.length} numbers\n  ${summary.join("\n  ")}`);
  }, 180_000);
});
