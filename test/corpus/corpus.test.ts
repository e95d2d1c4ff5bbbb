/**
 * The corpus grades the engine from outside: every injected mistake must be found by its rule at
 * its cell (recall 100 %), and no clean twin may give an error or a warning (infos are fine).
 * About one workbook in six also goes through a real .xlsx (ExcelJS) read back with `readXlsx`.
 *
 * On failure the message lists, by category (kind × layout), what was missed and what fired on
 * a clean twin, with each workbook's name: `CORPUS_DUMP=<name> npx jest test/corpus/dump`
 * prints that workbook as a grid. `CORPUS_FULL=1` lists every case (8 per category otherwise).
 */
import { checkWorkbook } from "../../src/core/engine";
import type { WorkbookSnapshot } from "../../src/core/model";
import { readXlsx } from "../../src/file/readWorkbook";
import { generateCorpus, type CorpusWorkbook } from "./generator";
import { xlsxOf } from "./dump";

interface Outcome {
  wb: CorpusWorkbook;
  via: "snapshot" | "xlsx";
  missed: string[];
  /** Errors and warnings on a clean twin. */
  fired: string[];
  /** What the engine said on the workbook, compact, to read next to a miss. */
  found: string[];
  failures: string[];
}

const corpus = generateCorpus();
const FULL = !!process.env.CORPUS_FULL;

function grade(wb: CorpusWorkbook, snapshot: WorkbookSnapshot, via: Outcome["via"]): Outcome {
  const result = checkWorkbook(snapshot);
  const at = (f: { rule: string; sheet: string; cell: string }) => `${f.rule}@${f.sheet}!${f.cell}`;
  const have = new Set(result.findings.map(at));
  const missed = wb.expected.filter((e) => !have.has(at(e))).map(at);
  const fired = wb.clean ? result.findings.filter((f) => f.severity !== "info").map((f) => `${at(f)} (${f.severity})`) : [];
  const found = result.findings.filter((f) => f.severity !== "info").map(at);
  return { wb, via, missed, fired, found, failures: result.failures.map((f) => `${f.rule}: ${f.message}`) };
}

function report(outcomes: Outcome[], what: "missed" | "fired"): string {
  const bad = outcomes.filter((o) => o[what].length > 0 || o.failures.length > 0);
  if (bad.length === 0) return "";
  const byCategory = new Map<string, Outcome[]>();
  for (const o of bad) byCategory.set(o.wb.category, [...(byCategory.get(o.wb.category) ?? []), o]);
  const totalOf = (category: string) => outcomes.filter((o) => o.wb.category === category && (what === "fired" ? o.wb.clean : !o.wb.clean)).length;
  const lines: string[] = [
    what === "missed"
      ? `${bad.length} workbook(s) with injected mistakes the engine did not report at their cell:`
      : `${bad.length} clean twin(s) with errors or warnings:`,
  ];
  for (const [category, list] of [...byCategory.entries()].sort()) {
    lines.push(`\n■ ${category}: ${list.length}/${totalOf(category)}`);
    const shown = FULL ? list : list.slice(0, 8);
    for (const o of shown) {
      const via = o.via === "xlsx" ? " [xlsx]" : "";
      const items = what === "missed" ? `manque ${o.missed.join(", ")} — trouvé : ${o.found.slice(0, 6).join(", ") || "rien"}${o.found.length > 6 ? ", …" : ""}` : o[what].slice(0, 6).join(", ") + (o[what].length > 6 ? `, … (${o[what].length})` : "");
      const crash = o.failures.length ? ` — échec de check : ${o.failures.join("; ")}` : "";
      lines.push(`  ${o.wb.name}${via} (${o.wb.mistake}, ${o.wb.form}): ${items}${crash}`);
    }
    if (shown.length < list.length) lines.push(`  … ${list.length - shown.length} de plus (CORPUS_FULL=1)`);
  }
  return lines.join("\n");
}

/** Counts by kind × mistake and by number form: what the engine must learn, at a glance. */
function summary(outcomes: Outcome[]): string {
  const rows = new Map<string, { n: number; missed: number; clean: number; fired: number }>();
  const bump = (key: string, o: Outcome) => {
    const r = rows.get(key) ?? { n: 0, missed: 0, clean: 0, fired: 0 };
    if (o.wb.clean) {
      r.clean++;
      if (o.fired.length) r.fired++;
    } else {
      r.n++;
      if (o.missed.length) r.missed++;
    }
    rows.set(key, r);
  };
  for (const o of outcomes) {
    bump(`1 catégorie ${o.wb.category}`, o);
    bump(`2 erreur ${o.wb.mistake}`, o);
    bump(`3 forme ${o.wb.form.split("+")[0]}`, o);
    for (const f of o.wb.features) bump(`4 contient ${f}`, o);
    bump(`5 lu ${o.via === "xlsx" ? "du .xlsx" : "du snapshot"}`, o);
  }
  return [...rows.entries()]
    .sort()
    .map(([k, r]) => `${k.slice(2).padEnd(48)} manqués ${String(r.missed).padStart(3)}/${String(r.n).padEnd(3)}  jumeaux propres en défaut ${String(r.fired).padStart(3)}/${r.clean}`)
    .join("\n");
}

describe("corpus", () => {
  const outcomes: Outcome[] = [];
  const roundTrip: string[] = [];

  beforeAll(async () => {
    for (const wb of corpus) outcomes.push(grade(wb, wb.snapshot as WorkbookSnapshot, "snapshot"));
    for (const wb of corpus.filter((w) => w.xlsx)) {
      const snapshot = await readXlsx(await xlsxOf(wb), `${wb.name}.xlsx`);
      roundTrip.push(...sameValues(wb, snapshot));
      outcomes.push(grade(wb, snapshot, "xlsx"));
    }
    if (process.env.CORPUS_SUMMARY || outcomes.some((o) => o.missed.length || o.fired.length)) console.log(summary(outcomes));
  }, 60_000);

  test("the .xlsx round trip keeps every value (else the writer is at fault, not the engine)", () => {
    expect(roundTrip.slice(0, 20)).toEqual([]);
  });

  test("recall: every injected mistake is found by its rule at its cell, on its sheet", () => {
    const text = report(outcomes.filter((o) => !o.wb.clean), "missed");
    if (text) throw new Error(text);
  });

  test("clean twins: no error and no warning (infos allowed)", () => {
    const text = report(outcomes.filter((o) => o.wb.clean), "fired");
    if (text) throw new Error(text);
  });
});

/** Cells whose value did not survive ExcelJS write + readXlsx, as `name Sheet!A1: a ≠ b`. */
function sameValues(wb: CorpusWorkbook, read: WorkbookSnapshot): string[] {
  const out: string[] = [];
  for (const sheet of wb.snapshot.sheets) {
    const other = read.sheets.find((s) => s.name === sheet.name);
    if (!other) {
      out.push(`${wb.name}: sheet ${sheet.name} missing`);
      continue;
    }
    sheet.values.forEach((row, i) =>
      row.forEach((v, j) => {
        if (v === "") return;
        const r = sheet.origin.row + i - other.origin.row;
        const c = sheet.origin.column + j - other.origin.column;
        const got = other.values[r]?.[c];
        const same = typeof v === "number" ? typeof got === "number" && Math.abs(got - v) < 1e-9 : got === v;
        if (!same) out.push(`${wb.name} ${sheet.name}!R${sheet.origin.row + i + 1}C${sheet.origin.column + j + 1}: ${JSON.stringify(v)} ≠ ${JSON.stringify(got)}`);
      }),
    );
  }
  return out;
}
