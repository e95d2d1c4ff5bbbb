/*
 * Issue 12, re-check as the user works: `recheck` on the changed ranges gives what a full
 * `checkWorkbook` gives on the edited snapshot, after each fix of the demo's findings and over
 * random edits (a seeded PRNG, so that a failure replays).
 */
import { readFileSync } from "fs";
import * as path from "path";
import { parseA1 } from "../../src/core/address";
import { checkWorkbook, type CheckResult } from "../../src/core/engine";
import { evaluateUncachedFormulas } from "../../src/core/evaluate";
import type { Fix } from "../../src/core/findings";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../../src/core/model";
import { recheck, startReview, type ChangedRange } from "../../src/core/recheck";
import { readXlsx } from "../../src/file";

const DEMO = path.join(__dirname, "../../examples/dossier-commission-permanente.xlsx");

let demo: WorkbookSnapshot;
beforeAll(async () => {
  demo = await readXlsx(readFileSync(DEMO), "dossier-commission-permanente.xlsx");
});

/** The sheet with one cell set; every other sheet is the same object, as a host's patched snapshot. */
function edit(snapshot: WorkbookSnapshot, sheet: string, cell: string, value: CellValue, formula?: string): WorkbookSnapshot {
  const at = parseA1(cell)!;
  return {
    ...snapshot,
    sheets: snapshot.sheets.map((s) => {
      if (s.name !== sheet) return s;
      const i = at.row - s.origin.row;
      const j = at.column - s.origin.column;
      const grow = <T>(rows: T[][] | undefined, fill: T): T[][] => {
        const out = (rows ?? s.values.map((r) => r.map(() => fill))).map((r) => [...r]);
        while (out.length <= i) out.push([]);
        while (out[i].length <= j) out[i].push(fill);
        return out;
      };
      const values = grow(s.values, "" as CellValue);
      const formulas = grow(s.formulas, "" as CellValue);
      const numberFormats = grow(s.numberFormats, "General");
      values[i][j] = value;
      formulas[i][j] = formula ?? value;
      const next: SheetSnapshot = { ...s, values, formulas, numberFormats };
      // Office.js value types, when the host gave them, follow the new cell.
      if (s.valueTypes) {
        const types = grow(s.valueTypes, "Empty" as const);
        types[i][j] = value === "" ? "Empty" : typeof value === "number" ? "Double" : typeof value === "boolean" ? "Boolean" : "String";
        next.valueTypes = types;
      }
      return next;
    }),
  };
}

/** A fix written as Excel would: the formula, and the value Excel computes for it. */
function applyFix(snapshot: WorkbookSnapshot, fix: Fix): WorkbookSnapshot {
  if (fix.formula === undefined) return edit(snapshot, fix.sheet, fix.cell, fix.value ?? "");
  const written = edit(snapshot, fix.sheet, fix.cell, "", fix.formula);
  return evaluateUncachedFormulas(written).snapshot;
}

/** What hosts show of a result (everything but the settings object, compared apart). */
function shown(r: CheckResult) {
  return { findings: r.findings, summary: r.summary, tables: r.tables, unread: r.unread, ignored: r.ignored, failures: r.failures };
}

describe("recheck after each fix of the demo", () => {
  it("gives the full check's findings after every fix, one after another", () => {
    let snapshot = demo;
    let state = startReview(snapshot);
    expect(shown(state.result)).toEqual(shown(checkWorkbook(snapshot)));
    const fixes = state.result.findings.filter((f) => f.fix).map((f) => f.fix!);
    // Seen by hand in the demo: FORMULE-FIGEE G2, REP-PLAGE and REP-TOTAL C13, FORMULE-FIGEE C8, IMP-SOLDE and FORMULE-FIGEE G12.
    expect(new Set(fixes.map((f) => `${f.sheet}!${f.cell}`))).toEqual(
      new Set(["Rapport 2025 Lianes!G2", "Convention 2025!C13", "APES 2023!C8", "APES 2023!G12"]),
    );
    const seen = new Set<string>();
    for (const fix of fixes) {
      const where = `${fix.sheet}!${fix.cell}`;
      if (seen.has(where)) continue;
      seen.add(where);
      const before = state.result.findings.filter((f) => f.sheet === fix.sheet && f.cell === fix.cell && f.fix);
      snapshot = applyFix(snapshot, fix);
      state = recheck(snapshot, state, [{ sheet: fix.sheet, range: fix.cell }]);
      const full = checkWorkbook(snapshot);
      expect(shown(state.result)).toEqual(shown(full));
      // The fixed findings left.
      for (const f of before) expect(state.result.findings.some((g) => g.rule === f.rule && g.sheet === f.sheet && g.cell === f.cell)).toBe(false);
    }
  });

  it("the REP-TOTAL fix on 'Convention 2025'!C13 takes two errors off the count", () => {
    const state = startReview(demo);
    const fix = state.result.findings.find((f) => f.rule === "REP-TOTAL")!.fix!;
    const after = recheck(applyFix(demo, fix), state, [{ sheet: fix.sheet, range: fix.cell }]);
    expect(state.result.summary.errors).toBe(8);
    // REP-PLAGE and REP-TOTAL go; the % of the line 12,85 % stays (REP-POURCENT), as does the % sum.
    expect(after.result.summary.errors).toBe(6);
  });

  it("an undo (the cell put back) gives the first check again", () => {
    const state = startReview(demo);
    const fix = state.result.findings.find((f) => f.rule === "IMP-SOLDE")!.fix!;
    const fixed = recheck(applyFix(demo, fix), state, [{ sheet: fix.sheet, range: fix.cell }]);
    const undone = recheck(demo, fixed, [{ sheet: fix.sheet, range: fix.cell }]);
    expect(shown(undone.result)).toEqual(shown(state.result));
  });
});

/** mulberry32: a small seeded PRNG, so that a failing sequence can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("recheck over random edits", () => {
  const values = (r: () => number): CellValue => {
    const k = Math.floor(r() * 7);
    if (k === 0) return "";
    if (k === 1) return Math.round(r() * 2_000_000) / 100;
    if (k === 2) return `${Math.floor(r() * 99)} ${String(Math.floor(r() * 1000)).padStart(3, "0")},00`;
    if (k === 3) return "TOTAL";
    if (k === 4) return "C05-043A06";
    if (k === 5) return -Math.round(r() * 10000);
    return Math.floor(r() * 50_000);
  };

  for (const seed of [1, 2, 3, 4]) {
    it(`seed ${seed}: 30 edits, each re-checked, equal to a full check`, () => {
      const r = prng(seed);
      let snapshot = demo;
      let state = startReview(snapshot);
      for (let n = 0; n < 30; n++) {
        // One or two cells per edit, sometimes on two sheets (a paste, a fix and its twin).
        const changed: ChangedRange[] = [];
        for (let k = r() < 0.25 ? 2 : 1; k > 0; k--) {
          const sheet = snapshot.sheets[Math.floor(r() * snapshot.sheets.length)];
          const rows = sheet.values.length + 1;
          const cols = Math.max(1, ...sheet.values.map((row) => row.length)) + 1;
          const cell = `${String.fromCharCode(65 + sheet.origin.column + Math.floor(r() * cols))}${sheet.origin.row + 1 + Math.floor(r() * rows)}`;
          snapshot = edit(snapshot, sheet.name, cell, values(r));
          changed.push({ sheet: sheet.name, range: cell });
        }
        state = recheck(snapshot, state, changed);
        const full = checkWorkbook(snapshot);
        expect({ step: n, changed, ...shown(state.result) }).toEqual({ step: n, changed, ...shown(full) });
      }
    });
  }
});
