/**
 * Keeps `npm run bench` from rotting: its cases, on tiny sizes, in-process. No timing is
 * asserted (timed unit tests measure the CI machine, not the code); the 100 000-line run stays
 * out of `npm test`.
 */
import * as os from "os";
import * as path from "path";
import { promises as fs } from "fs";
import { type CaseResult, READ_ERROR_EVERY, cliCheck, engineAlone, excelRead, excelWrite, fileGen, fileRead, fileWrite, parseAlone } from "../../bench/cases";
import { checkInvariants, markdown, superLinear } from "../../bench/report";
import { cellAt, planWorkbook, sheetRows, snapshotOf, workbookCells } from "../../bench/workbook";

describe("benchmark workbooks", () => {
  it("spread the lines over the sheets, codes unique, a breakdown table on each sheet", () => {
    const plan = planWorkbook(3, 10, 100);
    expect(plan.sheets.map((s) => s.lines)).toEqual([4, 3, 3]);
    const snapshot = snapshotOf(plan);
    expect(snapshot.sheets).toHaveLength(3);
    expect(snapshot.sheets[0].values[1]).toEqual(["C05-000A00", "65748/93043", "Actions européennes et internationales", 43056, 31000, 7000, 24000 + 100]);
    expect(snapshot.sheets[0].values[2].slice(0, 3)).toEqual(["C05-001A00", "65748/93043", "Actions européennes et internationales"]);
    expect(cellAt(plan.sheets[0], 2, 6).formula).toBe("=E3-F3");
    const codes = snapshot.sheets.flatMap((s) => s.values.slice(1, 1 + 4).map((r) => r[0])).filter((c) => String(c).startsWith("C05"));
    expect(new Set(codes).size).toBe(codes.length);
    expect(snapshot.sheets.reduce((n, s) => n + s.values.length * 7, 0)).toBe(workbookCells(plan));
  });
});

describe("benchmark cases (tiny sizes)", () => {
  const results: CaseResult[] = [];

  it("reads through the Office.js adapter in 3 syncs and checks", async () => {
    for (const [sheets, lines] of [
      [1, 10],
      [1, 200],
      [5, 10],
      [5, 200],
    ]) {
      const r = await excelRead(sheets, lines);
      results.push(r);
      expect(r.syncs).toBe(3);
      expect(r.dataSyncs).toBe(1);
      expect(r.failedSyncs).toBe(0);
      expect(r.tables).toBe(2 * sheets);
      // The one wrong Solde (line 0) is found.
      expect(r.findings).toBeGreaterThan(0);
    }
  });

  it("highlights, clears and writes the report", async () => {
    const w = await excelWrite(2, 20);
    results.push(w);
    expect(w.findings).toBeGreaterThanOrEqual(20);
    expect(w.ops.map((o) => o.op)).toEqual(["highlight", "highlight (again)", "clearHighlights", "writeReport"]);
    expect(w.ops.every((o) => o.syncs > 0 && o.failedSyncs === 0)).toBe(true);
  });

  it("runs the engine alone", async () => {
    const e = await engineAlone(2, 20);
    results.push(e);
    expect(e.tables).toBe(4);
    expect(e.failures).toBe(0);
    expect(e.findings).toBeGreaterThan(0);
  });

  it("writes, reads and marks an .xlsx", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "pointage-bench-"));
    try {
      const file = path.join(dir, "bench.xlsx");
      const gen = await fileGen(30, READ_ERROR_EVERY, file);
      expect(gen.cached).toBe(false);
      expect((await fileGen(30, READ_ERROR_EVERY, file)).cached).toBe(true);
      const r = await fileRead(30, file);
      results.push(r);
      // Same cells, same findings as through the Office.js adapter's snapshot.
      expect(r.findings).toBe((await engineAlone(1, 30)).findings);
      // The streaming parse visits every cell that holds something, counted here from the plan.
      const plan = planWorkbook(1, 30, READ_ERROR_EVERY);
      let filled = 0;
      for (let r = 0; r < sheetRows(plan.sheets[0]); r++) for (let c = 0; c < 7; c++) if (cellAt(plan.sheets[0], r, c).value !== "") filled++;
      expect((await parseAlone(30, file)).cells).toBe(filled);
      // The built CLI (npm test builds it first) finds the one wrong Solde, line 0.
      const check = await cliCheck(30, file);
      expect(check).toMatchObject({ exitCode: 1, injected: 1, found: 1 });
      expect(check.peakRssMB).toBeGreaterThan(10);
      const w = await fileWrite(30, READ_ERROR_EVERY, file);
      results.push(w);
      expect(w.outBytes).toBeGreaterThan(0);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it("holds the sync invariants and prints every section", () => {
    const invariants = checkInvariants(results);
    expect(invariants.filter((i) => !i.ok)).toEqual([]);
    expect(invariants.length).toBeGreaterThan(5);
    const text = markdown(results, [{ label: "x", reason: "y" }], invariants, superLinear(results), {
      mode: "quick",
      machine: "test",
      elapsedMs: 1,
      budgetSeconds: 1,
    });
    for (const heading of ["## 1.", "## 1b.", "## 2.", "## 3.", "## Skipped", "## Sync invariants"]) expect(text).toContain(heading);
  });

  it("flags a read that takes a data sync more than its bytes need", () => {
    const read = results.find((r) => r.kind === "excel-read")!;
    const split = { ...read, dataSyncs: 2, syncs: 4 } as CaseResult;
    expect(checkInvariants([split]).some((i) => !i.ok)).toBe(true);
  });
});
