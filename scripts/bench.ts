/**
 * `npm run bench`: the cost of a check at growing sizes, in the three places it runs —
 * the Office.js adapter (syncs and payloads on the fake Excel), the engine alone, and the file
 * path of the CLI (ExcelJS). Prints markdown, writes test-results/bench.json, and exits 1 when a
 * sync invariant of the developers' guide does not hold.
 *
 *   npm run bench                 full run, up to 100 000 lines (70–90 s on the 2-core dev machine; budget 5 min)
 *   npm run bench -- --quick      up to 10 000 lines
 *   npm run bench -- --only=engine --profile     CPU profiles of the matching cases
 *
 * A full run also writes bench/results.json (issue 10's figures per size: parse, engine, CLI
 * check, adapter syncs, and the task pane's bundle from a production webpack build, skipped with
 * --no-bundle). The `check` cases run the built CLI: `npm run build:cli` first.
 *
 * Options: --quick, --budget=SECONDS (default 300: a case that would not finish in what is left
 * is skipped and said so), --only=TEXT (cases whose label contains TEXT), --profile (children
 * run with --cpu-prof into test-results/profiles/), --json=PATH.
 *
 * Each case runs in its own Node process (`--child`), so that its peak RSS is its own.
 * Not part of `npm test`: CI has 2 cores and the 100 000-line cases take their time.
 */
import { fork } from "child_process";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { READ_ERROR_EVERY, type CaseResult, type CaseSpec, runCase } from "../bench/cases";
import { bundleSize, summary } from "../bench/summary";
import { type Skipped, checkInvariants, markdown, n, superLinear } from "../bench/report";
import { planWorkbook, workbookCells } from "../bench/workbook";

const ROOT = path.resolve(__dirname, "..", "..");
const XLSX_DIR = path.join(ROOT, ".bench-build", "xlsx");
/** Bump when bench/workbook.ts changes the cells, to regenerate the cached .xlsx files. */
const XLSX_VERSION = 1;

interface Options {
  /** Skip the production webpack build that measures the task pane's first load. */
  noBundle: boolean;
  quick: boolean;
  budgetSeconds: number;
  only?: string;
  profile: boolean;
  json: string;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { noBundle: false, quick: false, budgetSeconds: 300, profile: false, json: path.join(ROOT, "test-results", "bench.json") };
  for (const arg of argv) {
    const [key, value] = arg.split(/=(.*)/s, 2);
    if (key === "--quick") options.quick = true;
    else if (key === "--full") options.quick = false;
    else if (key === "--profile") options.profile = true;
    else if (key === "--no-bundle") options.noBundle = true;
    else if (key === "--budget" && Number(value) > 0) options.budgetSeconds = Number(value);
    else if (key === "--only" && value) options.only = value;
    else if (key === "--json" && value) options.json = path.resolve(value);
    else {
      console.error(`bench: unknown option ${arg}\nUsage: bench [--quick] [--budget=SECONDS] [--only=TEXT] [--profile] [--no-bundle] [--json=PATH]`);
      process.exit(2);
    }
  }
  return options;
}

interface Planned {
  label: string;
  spec: CaseSpec;
  /** Cases of one series grow in size: the last one's time predicts the next one's. */
  series: string;
  /** Cells, findings or lines: what the case's time grows with. */
  size: number;
}

function xlsxPath(lines: number, errorEvery: number): string {
  return path.join(XLSX_DIR, `bench-v${XLSX_VERSION}-${lines}-e${errorEvery}.xlsx`);
}

/** The cases, small sizes first (so a run short of time still has them all), then the big ones. */
function plan(quick: boolean): Planned[] {
  const SHEETS = [1, 10, 100];
  const phases = quick ? [[10, 1_000, 10_000]] : [[10, 1_000, 10_000], [100_000]];
  const out: Planned[] = [];
  for (const sizes of phases) {
    const big = sizes.includes(100_000);
    for (const lines of sizes) {
      for (const sheets of SHEETS) {
        const cells = workbookCells(planWorkbook(sheets, lines, READ_ERROR_EVERY));
        out.push({ label: `excel-read ${sheets}×${n(lines)}`, spec: { kind: "excel-read", sheets, lines }, series: `excel-read ${sheets}`, size: cells });
      }
    }
    for (const lines of sizes) {
      for (const sheets of SHEETS) {
        const cells = workbookCells(planWorkbook(sheets, lines, READ_ERROR_EVERY));
        out.push({ label: `engine ${sheets}×${n(lines)}`, spec: { kind: "engine", sheets, lines }, series: `engine ${sheets}`, size: cells });
      }
    }
    for (const findings of big ? [100_000] : [100, 10_000]) {
      out.push({ label: `excel-write 10×${n(findings)}`, spec: { kind: "excel-write", sheets: 10, findings }, series: "excel-write", size: findings });
    }
    if (!big) {
      // The same findings over 100 sheets: highlight's syncs must not follow the sheets.
      out.push({ label: `excel-write 100×${n(10_000)}`, spec: { kind: "excel-write", sheets: 100, findings: 10_000 }, series: "excel-write-100", size: 10_000 });
    }
    for (const lines of big ? [100_000] : [1_000, 10_000]) {
      const file = xlsxPath(lines, READ_ERROR_EVERY);
      out.push({ label: `file-gen ${n(lines)}`, spec: { kind: "file-gen", lines, errorEvery: READ_ERROR_EVERY, path: file }, series: "file-gen", size: lines });
      out.push({ label: `file-read ${n(lines)}`, spec: { kind: "file-read", lines, path: file }, series: "file-read", size: lines });
      out.push({ label: `parse ${n(lines)}`, spec: { kind: "parse", lines, path: file }, series: "parse", size: lines });
      out.push({ label: `check ${n(lines)}`, spec: { kind: "check", lines, path: file }, series: "check", size: lines });
    }
    if (!big) {
      // `--out` on the 10 000-line file, as generated (1 % wrong) and with every Solde wrong.
      const all = xlsxPath(10_000, 1);
      out.push({ label: `file-write ${n(10_000)}`, spec: { kind: "file-write", lines: 10_000, errorEvery: READ_ERROR_EVERY, path: xlsxPath(10_000, READ_ERROR_EVERY) }, series: "file-write", size: 10_000 });
      out.push({ label: `file-gen ${n(10_000)} all wrong`, spec: { kind: "file-gen", lines: 10_000, errorEvery: 1, path: all }, series: "file-gen-all", size: 10_000 });
      out.push({ label: `file-write ${n(10_000)} all wrong`, spec: { kind: "file-write", lines: 10_000, errorEvery: 1, path: all }, series: "file-write-all", size: 10_000 });
    } else {
      out.push({ label: `file-write ${n(100_000)}`, spec: { kind: "file-write", lines: 100_000, errorEvery: READ_ERROR_EVERY, path: xlsxPath(100_000, READ_ERROR_EVERY) }, series: "file-write", size: 100_000 });
    }
  }
  return out;
}

type ChildOutcome = { ok: true; result: CaseResult } | { ok: false; reason: string };

/** Runs one case in a fresh Node process, killed if it outlives `timeoutMs`. */
function runChild(spec: CaseSpec, timeoutMs: number, profile: boolean): Promise<ChildOutcome> {
  return new Promise((resolve) => {
    const execArgv = ["--expose-gc", "--max-old-space-size=8192"];
    if (profile) execArgv.push("--cpu-prof", `--cpu-prof-dir=${path.join(ROOT, "test-results", "profiles")}`);
    const child = fork(__filename, [`--child=${JSON.stringify(spec)}`], { execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    let outcome: ChildOutcome | undefined;
    const timer = setTimeout(() => {
      outcome = { ok: false, reason: `still running after ${Math.round(timeoutMs / 1000)} s, the time left in the budget: stopped and skipped` };
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("message", (message: { result?: CaseResult; error?: string }) => {
      if (message.result) outcome = { ok: true, result: message.result };
      else outcome = { ok: false, reason: `failed: ${message.error ?? "no result"}` };
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve(outcome ?? { ok: false, reason: `the process ended (${signal ?? `exit code ${code}`}) without a result` });
    });
  });
}

async function child(specJson: string): Promise<void> {
  const send = (message: unknown): Promise<void> => new Promise((resolve) => process.send!(message, () => resolve()));
  try {
    const result = await runCase(JSON.parse(specJson) as CaseSpec);
    await send({ result });
  } catch (e) {
    await send({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
  process.disconnect?.();
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const loadAtStart = os.loadavg().map((l) => l.toFixed(1)).join(" ");
  const deadline = started + options.budgetSeconds * 1000;
  await fs.mkdir(XLSX_DIR, { recursive: true });
  if (options.profile) await fs.mkdir(path.join(ROOT, "test-results", "profiles"), { recursive: true });

  const cases = plan(options.quick).filter(
    (c) => !options.only || matches(c.label, options.only) || (c.spec.kind === "file-gen" && needsFile(c, options.only)),
  );
  const results: CaseResult[] = [];
  const skipped: Skipped[] = [];
  const lastOf = new Map<string, { size: number; ms: number }>();
  const missingFiles = new Set<string>();
  let startup = Infinity;

  for (const c of cases) {
    const left = deadline - performance.now();
    const file = "path" in c.spec ? c.spec.path : undefined;
    if (file && c.spec.kind !== "file-gen" && missingFiles.has(file)) {
      skipped.push({ label: c.label, reason: "its .xlsx could not be generated" });
      continue;
    }
    const last = lastOf.get(c.series);
    // A case's time is the process's start (the quickest case seen) plus work that grows with
    // the size: predict the work with 1.5× the linear extrapolation, as it may grow a little faster.
    const predicted = last ? startup + (Math.max(0, last.ms - startup) * c.size * 1.5) / last.size : 0;
    if (left <= 0 || predicted > left) {
      const reason =
        left <= 0
          ? `the ${options.budgetSeconds} s budget is spent`
          : `predicted ${Math.round(predicted / 1000)} s from the previous size, more than the ${Math.round(left / 1000)} s left of the ${options.budgetSeconds} s budget`;
      skipped.push({ label: c.label, reason: `${reason} (raise it with --budget=SECONDS)` });
      if (c.spec.kind === "file-gen" && file) missingFiles.add(file);
      process.stderr.write(`bench: skip ${c.label}: ${reason}\n`);
      continue;
    }
    process.stderr.write(`bench: ${c.label}… `);
    const t0 = performance.now();
    const outcome = await runChild(c.spec, left, options.profile);
    const wall = performance.now() - t0;
    process.stderr.write(`${(wall / 1000).toFixed(1)} s\n`);
    if (!outcome.ok) {
      skipped.push({ label: c.label, reason: outcome.reason });
      if (c.spec.kind === "file-gen" && file) missingFiles.add(file);
      process.stderr.write(`bench: ${c.label}: ${outcome.reason}\n`);
      continue;
    }
    lastOf.set(c.series, { size: c.size, ms: wall });
    startup = Math.min(startup, wall);
    if (outcome.result.kind !== "file-gen") results.push(outcome.result);
  }

  const invariants = checkInvariants(results);
  const notes = superLinear(results);
  const elapsedMs = performance.now() - started;
  const load = os.loadavg().map((l) => l.toFixed(1)).join(" ");
  const machine = `Node ${process.version}, ${os.platform()} ${os.arch()}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? "CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GB, load average at start ${loadAtStart}, at end ${load} (times are wall clock: other work on the machine shows in them)`;
  const mode = options.quick ? "quick" : "full";
  process.stdout.write(markdown(results, skipped, invariants, notes, { mode, machine, elapsedMs, budgetSeconds: options.budgetSeconds }));

  await fs.mkdir(path.dirname(options.json), { recursive: true });
  const json = { generatedAt: new Date().toISOString(), mode, machine, elapsedMs: Math.round(elapsedMs), budgetSeconds: options.budgetSeconds, only: options.only, results, skipped, invariants, notes };
  await fs.writeFile(options.json, JSON.stringify(json, null, 2) + "\n");
  process.stderr.write(`bench: wrote ${path.relative(process.cwd(), options.json) || options.json}\n`);

  // bench/results.json (committed): the issue-10 summary, from full runs only.
  if (!options.quick && !options.only) {
    const bundle = options.noBundle ? undefined : await bundleSize(ROOT);
    const out = summary(results, bundle);
    await fs.writeFile(path.join(ROOT, "bench", "results.json"), JSON.stringify(out, null, 2) + "\n");
    process.stderr.write(`bench: wrote bench/results.json\n`);
  }

  const failed = invariants.filter((i) => !i.ok);
  if (failed.length > 0) {
    process.stderr.write(`\nbench: ${failed.length} sync invariant(s) FAILED:\n${failed.map((i) => `  ✗ ${i.name}\n    ${i.detail}`).join("\n")}\n`);
    process.exitCode = 1;
  }
}

/** `--only` matches labels without regard to spaces, and `x` for `×`: `engine 1x100000`. */
function matches(label: string, only: string): boolean {
  const norm = (s: string): string => s.replace(/\s+/g, "").replace(/x/g, "×").toLowerCase();
  return norm(label).includes(norm(only));
}

/** With --only, the .xlsx a selected file case needs is still generated. */
function needsFile(gen: Planned, only: string): boolean {
  const file = (gen.spec as { path: string }).path;
  return plan(false).some((c) => c.spec.kind !== "file-gen" && matches(c.label, only) && "path" in c.spec && c.spec.path === file);
}

const childArg = process.argv.find((a) => a.startsWith("--child="));
if (childArg) {
  void child(childArg.slice("--child=".length));
} else {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
