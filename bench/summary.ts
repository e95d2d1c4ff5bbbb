/**
 * bench/results.json, the figures issue 10 asks for per size (1 000, 10 000, 100 000 lines of one
 * sheet), gathered from the cases of one run, and the task pane's first-load JavaScript.
 */
import { execFile } from "child_process";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { gzipSync } from "zlib";
import { READ_ERROR_EVERY, type CaseResult, type CheckResult, type EngineResult, type ExcelReadResult, type ParseResult } from "./cases";
import { planWorkbook, workbookCells } from "./workbook";

export interface SizeSummary {
  lines: number;
  cells: number;
  parseMs: number;
  parsePeakMB: number;
  engineMs: number;
  checkMs: number;
  peakMB: number;
  syncsCheck: number;
  maxSyncKB: number;
  readKB: number;
  injected: number;
  found: number;
}

export interface Summary {
  sizes: SizeSummary[];
  bundle?: { rawKB: number; gzipKB: number };
}

const SIZES = [1_000, 10_000, 100_000];
const kb = (bytes: number): number => Math.round((bytes / 1024) * 10) / 10;

/** The summary of the sizes every figure was measured for (a size with one missing is left out). */
export function summary(results: readonly CaseResult[], bundle?: Summary["bundle"]): Summary {
  const sizes: SizeSummary[] = [];
  for (const lines of SIZES) {
    const parse = results.find((r): r is ParseResult => r.kind === "parse" && r.lines === lines);
    const check = results.find((r): r is CheckResult => r.kind === "check" && r.lines === lines);
    const engine = results.find((r): r is EngineResult => r.kind === "engine" && r.sheets === 1 && r.lines === lines);
    const read = results.find((r): r is ExcelReadResult => r.kind === "excel-read" && r.sheets === 1 && r.lines === lines);
    if (!parse || !check || !engine || !read) continue;
    sizes.push({
      lines,
      cells: workbookCells(planWorkbook(1, lines, READ_ERROR_EVERY)),
      parseMs: parse.parseMs,
      parsePeakMB: parse.peakRssMB,
      engineMs: engine.engineMs,
      checkMs: check.checkMs,
      peakMB: check.peakRssMB,
      syncsCheck: read.syncs,
      maxSyncKB: kb(read.largestSyncBytes),
      readKB: kb(read.totalBytes),
      injected: check.injected,
      found: check.found,
    });
  }
  return bundle ? { sizes, bundle } : { sizes };
}

/**
 * The task pane's first load: the JavaScript files of the `taskpane` entry point (its chunks,
 * not the lazy ones) of a production webpack build into a temporary folder, raw and gzipped.
 */
export async function bundleSize(root: string): Promise<Summary["bundle"]> {
  const out = await fs.mkdtemp(path.join(os.tmpdir(), "pointage-bundle-"));
  const stats = path.join(out, "stats.json");
  const webpack = path.join(root, "node_modules", "webpack-cli", "bin", "cli.js");
  process.stderr.write("bench: production webpack build of the task pane… ");
  await new Promise<void>((resolve, reject) =>
    execFile(
      process.execPath,
      [webpack, "--mode", "production", "--env", "entries=taskpane", "--output-path", path.join(out, "dist"), `--json=${stats}`],
      { cwd: root, env: { ...process.env, POINTAGE_URL: "https://localhost:3000" }, maxBuffer: 64 * 1024 * 1024 },
      (error) => (error ? reject(error) : resolve()),
    ),
  );
  const json = JSON.parse(await fs.readFile(stats, "utf8")) as { entrypoints: Record<string, { assets: ({ name: string } | string)[] }> };
  let raw = 0;
  let gzip = 0;
  for (const asset of json.entrypoints.taskpane.assets) {
    const name = typeof asset === "string" ? asset : asset.name;
    if (!name.endsWith(".js")) continue;
    const bytes = await fs.readFile(path.join(out, "dist", name));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  await fs.rm(out, { recursive: true, force: true });
  process.stderr.write("done\n");
  return { rawKB: kb(raw), gzipKB: kb(gzip) };
}
