/**
 * One measurement each: a case builds its workbook, runs one path of a check and returns plain
 * numbers. `scripts/bench.ts` runs each case in its own Node process, so that the peak RSS it
 * reports is that case's alone; the smoke test runs them in-process on tiny sizes.
 */
import { spawn } from "child_process";
import * as ExcelJS from "exceljs";
import { promises as fs } from "fs";
import * as os from "os";
import * as nodePath from "path";
import { performance } from "perf_hooks";
import { checkWorkbook } from "../src/core/engine";
import type { Finding } from "../src/core/findings";
import { createExcelHost } from "../src/excel";
import { readXlsx, writeCheckedCopy } from "../src/file";
import type { HostApi } from "../src/host/HostApi";
import type { FakeWorkbook, SyncRecord } from "../test/excel/fake-excel";
import { fakeWorkbook, planWorkbook, snapshotOf, workbookCells, writeXlsx } from "./workbook";

/** Lines with a wrong Solde in the read benchmarks: one in a hundred. */
export const READ_ERROR_EVERY = 100;

export type CaseSpec =
  | { kind: "excel-read"; sheets: number; lines: number }
  | { kind: "excel-write"; sheets: number; findings: number }
  | { kind: "engine"; sheets: number; lines: number }
  | { kind: "file-gen"; lines: number; errorEvery: number; path: string }
  | { kind: "file-read"; lines: number; path: string }
  | { kind: "file-write"; lines: number; errorEvery: number; path: string }
  | { kind: "parse"; lines: number; path: string }
  | { kind: "check"; lines: number; path: string };

/** What the fake Excel measured over some syncs. */
export interface SyncStats {
  syncs: number;
  /** Syncs that failed (payload over the limit, then retried smaller). */
  failedSyncs: number;
  maxRequestBytes: number;
  maxResponseBytes: number;
  /** Largest single payload, request or response. */
  largestSyncBytes: number;
  /** Requests and responses of all the syncs. */
  totalBytes: number;
}

export interface Memory {
  /** RSS once the input is built, after a GC, just before the measured step. */
  rssBeforeMB: number;
  /** The process's peak RSS at the end of the measured step (input included). */
  peakRssMB: number;
}

export interface ExcelReadResult extends SyncStats, Memory {
  kind: "excel-read";
  sheets: number;
  lines: number;
  cells: number;
  /** Syncs that carried cell data (the others are the fixed structure syncs). */
  dataSyncs: number;
  dataResponseBytes: number;
  /** Response bytes of the whole read by load path (`values`, `areas/items/numberFormat`, `json` for keys and braces), and the requests' as `request`. */
  bytesByProperty: Record<string, number>;
  readMs: number;
  engineMs: number;
  findings: number;
  tables: number;
}

export interface WriteOpResult extends SyncStats {
  op: string;
  ms: number;
}

export interface ExcelWriteResult {
  kind: "excel-write";
  sheets: number;
  lines: number;
  findings: number;
  ops: WriteOpResult[];
  peakRssMB: number;
}

export interface EngineResult extends Memory {
  kind: "engine";
  sheets: number;
  lines: number;
  cells: number;
  /** Median of `runs` runs. */
  engineMs: number;
  /** The first (cold) run. */
  firstRunMs: number;
  runs: number;
  findings: number;
  tables: number;
  failures: number;
}

export interface FileGenResult {
  kind: "file-gen";
  lines: number;
  path: string;
  fileBytes: number;
  ms: number;
  cached: boolean;
}

export interface FileReadResult extends Memory {
  kind: "file-read";
  lines: number;
  fileBytes: number;
  readMs: number;
  /** Peak RSS right after readXlsx (before the engine). */
  peakAfterReadMB: number;
  engineMs: number;
  findings: number;
}

export interface FileWriteResult extends Memory {
  kind: "file-write";
  lines: number;
  /** One line in `errorEvery` has a wrong Solde (1: all of them). */
  errorEvery: number;
  fileBytes: number;
  findings: number;
  writeMs: number;
  outBytes: number;
}

/** A plain ExcelJS streaming parse visiting every cell: the yardstick of what reading the file costs. */
export interface ParseResult {
  kind: "parse";
  lines: number;
  fileBytes: number;
  cells: number;
  parseMs: number;
  /** Peak RSS of this process (it does nothing else). */
  peakRssMB: number;
}

/** `pointage check FILE --format json` in its own process, as a user runs it. */
export interface CheckResult {
  kind: "check";
  lines: number;
  fileBytes: number;
  /** Wall time of the process, start-up included. */
  checkMs: number;
  peakRssMB: number;
  exitCode: number;
  /** Lines the workbook has a wrong Solde on, and the IMP-SOLDE findings the CLI reported. */
  injected: number;
  found: number;
}

export type CaseResult = ExcelReadResult | ExcelWriteResult | EngineResult | FileGenResult | FileReadResult | FileWriteResult | ParseResult | CheckResult;

const MB = 1024 * 1024;

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}

function memoryBefore(): number {
  collectGarbage();
  return round(process.memoryUsage().rss / MB);
}

/** Peak RSS of this process so far (`maxRSS` is in kilobytes). */
function peakRss(): number {
  return round(process.resourceUsage().maxRSS / 1024);
}

function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

async function timed<T>(f: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await f();
  return { value, ms: round(performance.now() - t0) };
}

export function syncStats(syncs: readonly SyncRecord[]): SyncStats {
  let maxRequestBytes = 0;
  let maxResponseBytes = 0;
  let totalBytes = 0;
  let failedSyncs = 0;
  for (const s of syncs) {
    maxRequestBytes = Math.max(maxRequestBytes, s.requestBytes);
    maxResponseBytes = Math.max(maxResponseBytes, s.responseBytes);
    totalBytes += s.requestBytes + s.responseBytes;
    if (s.failed) failedSyncs += 1;
  }
  return {
    syncs: syncs.length,
    failedSyncs,
    maxRequestBytes,
    maxResponseBytes,
    largestSyncBytes: Math.max(maxRequestBytes, maxResponseBytes),
    totalBytes,
  };
}

function hostFor(wb: FakeWorkbook): HostApi {
  return createExcelHost({ run: wb.run, isSetSupported: () => true, retryDelayMs: 0 });
}

/** Where the bytes of some syncs went: the responses' by load path, the requests' as `request`. */
export function bytesByProperty(syncs: readonly SyncRecord[]): Record<string, number> {
  const out: Record<string, number> = { request: 0 };
  for (const s of syncs) {
    out.request += s.requestBytes;
    for (const [path, bytes] of s.responseByProperty) out[path] = (out[path] ?? 0) + bytes;
  }
  return out;
}

/** Office.js adapter: `readWorkbook` on the fake Excel, then the engine. */
export async function excelRead(sheets: number, lines: number): Promise<ExcelReadResult> {
  const plan = planWorkbook(sheets, lines, READ_ERROR_EVERY);
  const wb = fakeWorkbook(plan);
  const host = hostFor(wb);
  let progressCalls = 0;
  const rssBeforeMB = memoryBefore();
  const read = await timed(() => host.readWorkbook(() => (progressCalls += 1)));
  const stats = syncStats(wb.syncs);
  // The first progress call comes before any data; each later one follows a data sync.
  const dataSyncs = Math.max(0, progressCalls - 1);
  const dataResponseBytes = wb.syncs.slice(wb.syncs.length - dataSyncs).reduce((n, s) => n + s.responseBytes, 0);
  const engine = await timed(() => checkWorkbook(read.value));
  return {
    kind: "excel-read",
    sheets,
    lines,
    cells: workbookCells(plan),
    ...stats,
    dataSyncs,
    dataResponseBytes,
    bytesByProperty: bytesByProperty(wb.syncs),
    readMs: read.ms,
    engineMs: engine.ms,
    findings: engine.value.findings.length,
    tables: engine.value.tables.length,
    rssBeforeMB,
    peakRssMB: peakRss(),
  };
}

/**
 * Office.js adapter, writing side: a workbook whose every Solde is wrong gives about `findings`
 * findings; then `highlight` (fresh), `highlight` again (replacing the marks, as a re-check
 * does), `clearHighlights`, and `writeReport`.
 */
export async function excelWrite(sheets: number, findingsTarget: number): Promise<ExcelWriteResult> {
  const plan = planWorkbook(sheets, findingsTarget, 1);
  const wb = fakeWorkbook(plan);
  const host = hostFor(wb);
  const snapshot = await host.readWorkbook();
  const findings: Finding[] = checkWorkbook(snapshot).findings;
  const ops: WriteOpResult[] = [];
  const measure = async (op: string, f: () => Promise<void>): Promise<void> => {
    const before = wb.syncs.length;
    const { ms } = await timed(f);
    ops.push({ op, ms, ...syncStats(wb.syncs.slice(before)) });
  };
  await measure("highlight", () => host.highlight(findings));
  await measure("highlight (again)", () => host.highlight(findings));
  await measure("clearHighlights", () => host.clearHighlights());
  await measure("writeReport", () => host.writeReport(findings, "fr"));
  return { kind: "excel-write", sheets, lines: findingsTarget, findings: findings.length, ops, peakRssMB: peakRss() };
}

/** The engine alone, on the snapshot Office.js would have given. */
export async function engineAlone(sheets: number, lines: number): Promise<EngineResult> {
  const plan = planWorkbook(sheets, lines, READ_ERROR_EVERY);
  let snapshot: ReturnType<typeof snapshotOf> | undefined = snapshotOf(plan);
  const rssBeforeMB = memoryBefore();
  // Small workbooks are checked again (up to 5 runs, 1 s in all) and the median kept: a single
  // run of a few milliseconds says more about the JIT than about the engine.
  const runs: number[] = [];
  let result: ReturnType<typeof checkWorkbook> | undefined;
  let spent = 0;
  // The peak of one check: taken after the first run, before the repeats' garbage piles up.
  let peakRssMB = 0;
  do {
    const run = await timed(() => checkWorkbook(snapshot!));
    if (runs.length === 0) peakRssMB = peakRss();
    result = run.value;
    runs.push(run.ms);
    spent += run.ms;
    collectGarbage();
  } while (runs.length < 5 && spent < 1000);
  snapshot = undefined;
  const sorted = [...runs].sort((a, b) => a - b);
  return {
    kind: "engine",
    sheets,
    lines,
    cells: workbookCells(plan),
    engineMs: sorted[Math.floor(sorted.length / 2)],
    firstRunMs: runs[0],
    runs: runs.length,
    findings: result.findings.length,
    tables: result.tables.length,
    failures: result.failures.length,
    rssBeforeMB,
    peakRssMB,
  };
}

/** Writes the .xlsx of `lines` lines (one sheet) unless it is already there. */
export async function fileGen(lines: number, errorEvery: number, path: string): Promise<FileGenResult> {
  const existing = await fs.stat(path).catch(() => undefined);
  if (existing && existing.size > 0) return { kind: "file-gen", lines, path, fileBytes: existing.size, ms: 0, cached: true };
  const tmp = `${path}.tmp-${process.pid}`;
  const { ms } = await timed(() => writeXlsx(planWorkbook(1, lines, errorEvery), tmp));
  await fs.rename(tmp, path);
  return { kind: "file-gen", lines, path, fileBytes: (await fs.stat(path)).size, ms, cached: false };
}

/** File path (CLI): `readXlsx` on the file's bytes, then the engine. */
export async function fileRead(lines: number, path: string): Promise<FileReadResult> {
  const bytes = new Uint8Array(await fs.readFile(path));
  const rssBeforeMB = memoryBefore();
  const read = await timed(() => readXlsx(bytes, "bench.xlsx"));
  const peakAfterReadMB = peakRss();
  const engine = await timed(() => checkWorkbook(read.value));
  return {
    kind: "file-read",
    lines,
    fileBytes: bytes.length,
    readMs: read.ms,
    peakAfterReadMB,
    engineMs: engine.ms,
    findings: engine.value.findings.length,
    rssBeforeMB,
    peakRssMB: peakRss(),
  };
}

/** File path (CLI `--out`): `writeCheckedCopy` with the engine's findings. */
export async function fileWrite(lines: number, errorEvery: number, path: string): Promise<FileWriteResult> {
  const bytes = new Uint8Array(await fs.readFile(path));
  let findings: Finding[] = checkWorkbook(await readXlsx(bytes, "bench.xlsx")).findings;
  const rssBeforeMB = memoryBefore();
  const write = await timed(() => writeCheckedCopy(bytes, findings, "fr", { fileName: "bench.xlsx" }));
  const count = findings.length;
  findings = [];
  return {
    kind: "file-write",
    lines,
    errorEvery,
    fileBytes: bytes.length,
    findings: count,
    writeMs: write.ms,
    outBytes: write.value.length,
    rssBeforeMB,
    peakRssMB: peakRss(),
  };
}

/** ExcelJS's streaming reader over the file, every cell of every row visited, nothing kept. */
export async function parseAlone(lines: number, path: string): Promise<ParseResult> {
  const fileBytes = (await fs.stat(path)).size;
  let cells = 0;
  const { ms } = await timed(async () => {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", worksheets: "emit", entries: "emit" });
    for await (const worksheet of reader) {
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        row.eachCell({ includeEmpty: false }, (cell) => {
          if (cell.value !== undefined) cells += 1;
        });
      }
    }
  });
  return { kind: "parse", lines, fileBytes, cells, parseMs: ms, peakRssMB: peakRss() };
}

/** The repository: this file runs from bench/ (jest) or .bench-build/bench/ (npm run bench). */
const ROOT = nodePath.basename(nodePath.resolve(__dirname, "..")) === ".bench-build" ? nodePath.resolve(__dirname, "..", "..") : nodePath.resolve(__dirname, "..");

/** Lines of a plan of one sheet with a wrong Solde (see cellAt in workbook.ts). */
export function injectedErrors(lines: number, errorEvery: number): number {
  return errorEvery > 0 ? Math.ceil(lines / errorEvery) : 0;
}

/**
 * The built CLI (`npm run build:cli` first) on the file, in a child process: wall time, and its
 * peak RSS written at exit by a preloaded hook (Node gives no child's rusage).
 */
export async function cliCheck(lines: number, path: string): Promise<CheckResult> {
  const bin = nodePath.join(ROOT, "bin", "pointage.js");
  const rssFile = nodePath.join(os.tmpdir(), `pointage-bench-rss-${process.pid}`);
  const hook = nodePath.join(ROOT, "bench", "peak-rss.js");
  const t0 = performance.now();
  const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ["--require", hook, bin, "check", path, "--format", "json"], {
      env: { ...process.env, POINTAGE_BENCH_RSS: rssFile },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => chunks.push(c));
    child.on("error", reject);
    child.on("close", (exit) => resolve({ code: exit ?? -1, stdout: Buffer.concat(chunks).toString("utf8") }));
  });
  const checkMs = round(performance.now() - t0);
  const peakKB = Number(await fs.readFile(rssFile, "utf8"));
  await fs.rm(rssFile, { force: true });
  const report = JSON.parse(stdout) as { findings: { rule: string }[] };
  return {
    kind: "check",
    lines,
    fileBytes: (await fs.stat(path)).size,
    checkMs,
    peakRssMB: round(peakKB / 1024),
    exitCode: code,
    injected: injectedErrors(lines, READ_ERROR_EVERY),
    found: report.findings.filter((f) => f.rule === "IMP-SOLDE").length,
  };
}

export function runCase(spec: CaseSpec): Promise<CaseResult> {
  switch (spec.kind) {
    case "parse":
      return parseAlone(spec.lines, spec.path);
    case "check":
      return cliCheck(spec.lines, spec.path);
    case "excel-read":
      return excelRead(spec.sheets, spec.lines);
    case "excel-write":
      return excelWrite(spec.sheets, spec.findings);
    case "engine":
      return engineAlone(spec.sheets, spec.lines);
    case "file-gen":
      return fileGen(spec.lines, spec.errorEvery, spec.path);
    case "file-read":
      return fileRead(spec.lines, spec.path);
    case "file-write":
      return fileWrite(spec.lines, spec.errorEvery, spec.path);
  }
}
