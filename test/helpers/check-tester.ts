/**
 * CheckTester: ESLint's RuleTester for Pointage's checks. Each check lists the workbooks where it
 * must stay silent (`valid`) and those where it must fire (`invalid`, with the expected cells).
 * It enforces, like RuleTester: at least one case of each; exactly the expected findings; known
 * messageIds; every placeholder filled in French and English, with the same set in both; no
 * duplicate cases; no mutation of the snapshot (deep-frozen); a stated fix whenever one is emitted.
 */
import { checkWorkbook } from "../../src/core/engine";
import type { Check } from "../../src/core/checks/types";
import type { Finding, Quantity } from "../../src/core/findings";
import { messageOf, placeholders } from "../../src/core/messages";
import type { WorkbookSnapshot } from "../../src/core/model";
import type { WorkbookSettings } from "../../src/core/settings";
import { readXlsx } from "../../src/file";
import { snapshotOf, type SheetSpec } from "./sheet-builder";
import { xlsxBytes } from "./xlsx-builder";

export interface ValidCase {
  name: string;
  /** The sheets, as rows of cells; each case runs on the snapshot and on a real .xlsx read back. */
  sheets: SheetSpec[];
  settings?: Partial<WorkbookSettings>;
}

export interface ExpectedFinding {
  messageId: string;
  /** `Sheet!G4`. */
  cell: string;
  actual?: Quantity;
  expected?: Quantity;
  /** Formula or value the fix must write; `null` when the finding must carry no fix. */
  fix?: { formula: string } | { value: number | string } | null;
  severity?: Finding["severity"];
}

export interface InvalidCase extends ValidCase {
  findings: ExpectedFinding[];
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object" && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
}

function runOn(check: Check, snapshot: WorkbookSnapshot, c: ValidCase): Finding[] {
  const result = checkWorkbook(deepFreeze(snapshot), { settings: c.settings, checks: [check] });
  if (result.failures.length) throw new Error(`${check.id} failed: ${result.failures[0].message}`);
  return result.findings;
}

const summary = (fs: Finding[]) => fs.map((f) => `${f.messageId}@${f.sheet}!${f.cell}`).sort();

/** Runs the case on its snapshot, then on the .xlsx ExcelJS writes of it: both must agree. */
async function run(check: Check, c: ValidCase): Promise<Finding[]> {
  const direct = runOn(check, snapshotOf(c.sheets), c);
  const viaFile = runOn(check, await readXlsx(await xlsxBytes(c.sheets), `${c.name}.xlsx`), c);
  expect({ viaFile: summary(viaFile) }).toEqual({ viaFile: summary(direct) });
  return direct;
}

function describeFindings(findings: Finding[]): string {
  return findings.map((f) => `${f.messageId} at ${f.sheet}!${f.cell}: ${f.message}`).join("\n") || "(none)";
}

export const checkTester = {
  run(check: Check, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
    describe(check.id, () => {
      test("metadata: messages in French and English with the same placeholders", () => {
        expect(cases.valid.length).toBeGreaterThan(0);
        expect(cases.invalid.length).toBeGreaterThan(0);
        const names = [...cases.valid, ...cases.invalid].map((c) => c.name);
        expect(new Set(names).size).toBe(names.length);
        expect(Object.keys(check.messages).length).toBeGreaterThan(0);
        for (const [id, m] of Object.entries(check.messages)) {
          expect({ id, fr: placeholders(m.fr).sort() }).toEqual({ id, fr: placeholders(m.en).sort() });
          expect(m.fr).toMatch(/^[A-ZÀ-Ý{]/);
          expect(m.fr.trim()).toMatch(/[.]$/);
          expect(m.en.trim()).toMatch(/[.]$/);
        }
      });

      for (const c of cases.valid) {
        test(`valid: ${c.name}`, async () => {
          const findings = await run(check, c);
          if (findings.length) throw new Error(`expected no finding, got:\n${describeFindings(findings)}`);
        });
      }

      for (const c of cases.invalid) {
        test(`invalid: ${c.name}`, async () => {
          expect(c.findings.length).toBeGreaterThan(0);
          const findings = await run(check, c);
          if (findings.length !== c.findings.length) {
            throw new Error(`expected ${c.findings.length} finding(s), got ${findings.length}:\n${describeFindings(findings)}`);
          }
          const sorted = [...c.findings].sort((a, b) => a.cell.localeCompare(b.cell));
          const got = [...findings].sort((a, b) => `${a.sheet}!${a.cell}`.localeCompare(`${b.sheet}!${b.cell}`));
          sorted.forEach((exp, i) => {
            const f = got[i];
            expect(check.messages[f.messageId]).toBeDefined();
            expect({ messageId: f.messageId, cell: `${f.sheet}!${f.cell}` }).toEqual({ messageId: exp.messageId, cell: exp.cell });
            if (exp.actual) expect(f.actual).toEqual(exp.actual);
            if (exp.expected) expect(f.expected).toEqual(exp.expected);
            if (exp.severity) expect(f.severity).toBe(exp.severity);
            if (f.fix && exp.fix === undefined) throw new Error(`${f.messageId} at ${f.cell} emits a fix the case does not state`);
            if (exp.fix === null) expect(f.fix).toBeUndefined();
            else if (exp.fix) expect(f.fix).toMatchObject(exp.fix);
            // Both languages render with every placeholder filled.
            for (const lang of ["fr", "en"] as const) {
              const text = messageOf(check, f, lang);
              expect(text).not.toMatch(/\{\{|\}\}|undefined|NaN/);
            }
          });
        });
      }
    });
  },
};
