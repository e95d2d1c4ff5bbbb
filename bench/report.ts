/**
 * The benchmark's verdicts and its markdown: the sync invariants of the developers' guide
 * ("a small, fixed number of syncs whatever the number of sheets, tables and rows, and more only
 * as the bytes require"), checked on the measured numbers, and the tables printed to stdout.
 */
import { SYNC_BUDGET_BYTES } from "../src/excel/plan";
import { FAKE_PAYLOAD_LIMIT } from "../test/excel/fake-excel";
import type { CaseResult, EngineResult, ExcelReadResult, ExcelWriteResult, FileReadResult, FileWriteResult, SyncStats } from "./cases";

/** Syncs of a read before any cell data: the sheets and tables, then the used ranges. */
export const STRUCTURE_SYNCS = 2;

export interface Invariant {
  name: string;
  ok: boolean;
  detail: string;
}

export interface Skipped {
  label: string;
  reason: string;
}

const reads = (results: readonly CaseResult[]): ExcelReadResult[] => results.filter((r): r is ExcelReadResult => r.kind === "excel-read");
const writes = (results: readonly CaseResult[]): ExcelWriteResult[] => results.filter((r): r is ExcelWriteResult => r.kind === "excel-write");

export function n(value: number): string {
  return Math.round(value)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, " ");
}

export function bytes(b: number): string {
  if (b >= 1_000_000) return `${(b / 1_000_000).toFixed(2)} MB`;
  if (b >= 1_000) return `${(b / 1_000).toFixed(1)} kB`;
  return `${b} B`;
}

export function ms(value: number): string {
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 100) return `${Math.round(value)} ms`;
  return `${value.toFixed(1)} ms`;
}

const mb = (value: number): string => `${Math.round(value)} MB`;

/** `1×10 000`: sheets × lines. */
export function shape(sheets: number, lines: number): string {
  return `${sheets}×${n(lines)}`;
}

/** The sync invariants, on whatever read and write cases were measured. */
export function checkInvariants(results: readonly CaseResult[], budgetBytes = SYNC_BUDGET_BYTES, limitBytes = FAKE_PAYLOAD_LIMIT): Invariant[] {
  const out: Invariant[] = [];
  const rs = reads(results);
  const ws = writes(results);
  if (rs.length === 0 && ws.length === 0) return out;

  // 1. The structure syncs are the same for every workbook.
  const overheads = new Set(rs.map((r) => r.syncs - r.dataSyncs));
  out.push({
    name: "read: fixed structure syncs for any number of sheets, tables and lines",
    ok: overheads.size <= 1 && [...overheads].every((o) => o === STRUCTURE_SYNCS),
    detail: `syncs before the data: ${[...overheads].join(", ") || "none measured"} (expected ${STRUCTURE_SYNCS})`,
  });

  // 2. A workbook whose cell data fit in one sync's budget is read in one data sync.
  const fitting = rs.filter((r) => r.dataResponseBytes <= budgetBytes);
  const split = fitting.filter((r) => r.dataSyncs !== 1);
  out.push({
    name: `read: data that fit one sync's budget (${bytes(budgetBytes)}) take one data sync (${STRUCTURE_SYNCS + 1} syncs in all)`,
    ok: split.length === 0,
    detail:
      split.length === 0
        ? `${fitting.length} workbooks fit, all read in ${STRUCTURE_SYNCS + 1} syncs`
        : split.map((r) => `${shape(r.sheets, r.lines)}: ${bytes(r.dataResponseBytes)} of data read in ${r.dataSyncs} data syncs (${r.syncs} in all)`).join("; "),
  });

  // 3. The comparisons the developers' guide names, as long as both sides' bytes fit.
  const find = (sheets: number, lines: number) => rs.find((r) => r.sheets === sheets && r.lines === lines);
  const compare = (name: string, a?: ExcelReadResult, b?: ExcelReadResult): void => {
    if (!a || !b) return;
    const fit = a.dataResponseBytes <= budgetBytes && b.dataResponseBytes <= budgetBytes;
    if (!fit) {
      // Beyond the budget the syncs may differ, but only by what the bytes explain.
      const blocks = (r: ExcelReadResult) => Math.max(1, Math.ceil(r.dataResponseBytes / budgetBytes));
      const ok = Math.abs(a.dataSyncs - b.dataSyncs) <= Math.abs(blocks(a) - blocks(b)) + 1;
      out.push({ name, ok, detail: `${a.syncs} vs ${b.syncs} syncs for ${bytes(a.dataResponseBytes)} vs ${bytes(b.dataResponseBytes)} of data (not both within one sync's budget)` });
      return;
    }
    out.push({ name, ok: a.syncs === b.syncs, detail: `${a.syncs} vs ${b.syncs} syncs (${bytes(a.dataResponseBytes)} vs ${bytes(b.dataResponseBytes)} of data)` });
  };
  compare("read: same syncs for 10 and 10 000 lines (1 sheet)", find(1, 10), find(1, 10_000));
  for (const lines of [...new Set(rs.map((r) => r.lines))].sort((x, y) => x - y)) {
    compare(`read: same syncs for 1 and 100 sheets (${n(lines)} lines)`, find(1, lines), find(100, lines));
  }

  // 4. Beyond one budget, data syncs grow only with the bytes: full blocks, at least half a
  // budget each on average, never one per sheet, table or row.
  const tooMany = rs.filter((r) => r.dataSyncs > Math.max(1, Math.ceil(r.dataResponseBytes / (budgetBytes / 2))));
  out.push({
    name: "read: data syncs grow only with the bytes (at least half a budget per sync on average)",
    ok: tooMany.length === 0,
    detail:
      tooMany.length === 0
        ? rs
            .filter((r) => r.dataSyncs > 1)
            .map((r) => `${shape(r.sheets, r.lines)}: ${r.dataSyncs} data syncs for ${bytes(r.dataResponseBytes)} (${bytes(r.dataResponseBytes / r.dataSyncs)} each)`)
            .join("; ") || "every read took one data sync"
        : tooMany.map((r) => `${shape(r.sheets, r.lines)}: ${r.dataSyncs} data syncs for ${bytes(r.dataResponseBytes)}`).join("; "),
  });

  // 5. Writes: highlight and clear take fixed syncs; the report grows only with its bytes.
  const byOp = new Map<string, Array<{ findings: number; sheets: number; stats: SyncStats }>>();
  for (const w of ws) for (const op of w.ops) byOp.set(op.op, [...(byOp.get(op.op) ?? []), { findings: w.findings, sheets: w.sheets, stats: op }]);
  for (const [op, list] of byOp) {
    if (op === "writeReport") {
      const bad = list.filter((x) => x.stats.syncs > 2 + Math.max(1, Math.ceil(x.stats.totalBytes / (budgetBytes / 2))));
      out.push({
        name: "writeReport: syncs grow only with the report's bytes",
        ok: bad.length === 0,
        detail: list.map((x) => `${n(x.findings)} findings on ${x.sheets} sheets: ${x.stats.syncs} syncs, ${bytes(x.stats.totalBytes)}`).join("; "),
      });
    } else {
      const counts = new Set(list.map((x) => x.stats.syncs));
      out.push({
        name: `${op}: same syncs (4 at most) whatever the number of findings and sheets`,
        ok: counts.size === 1 && Math.max(...counts) <= 4,
        detail: list.map((x) => `${n(x.findings)} findings on ${x.sheets} sheets: ${x.stats.syncs} syncs`).join("; "),
      });
    }
  }

  // 6. No sync over the limit, none refused (a refused sync means the estimate was wrong).
  const all: Array<{ label: string; stats: SyncStats }> = [
    ...rs.map((r) => ({ label: `read ${shape(r.sheets, r.lines)}`, stats: r as SyncStats })),
    ...ws.flatMap((w) => w.ops.map((op) => ({ label: `${op.op} (${n(w.findings)} findings on ${w.sheets} sheets)`, stats: op as SyncStats }))),
  ];
  const over = all.filter((x) => x.stats.largestSyncBytes > limitBytes || x.stats.failedSyncs > 0);
  const largest = all.reduce((m, x) => Math.max(m, x.stats.largestSyncBytes), 0);
  out.push({
    name: `no sync over ${bytes(limitBytes)}, none refused`,
    ok: over.length === 0,
    detail:
      over.length === 0
        ? `largest sync ${bytes(largest)}`
        : over.map((x) => `${x.label}: largest ${bytes(x.stats.largestSyncBytes)}, ${x.stats.failedSyncs} refused`).join("; "),
  });
  return out;
}

/** Series whose time per unit grows faster than the size (a hint to profile). */
export function superLinear(results: readonly CaseResult[]): string[] {
  type Point = { series: string; size: number; ms: number; label: string };
  const points: Point[] = [];
  for (const r of results) {
    if (r.kind === "excel-read") {
      points.push({ series: `Office.js read ${r.sheets} sheet(s)`, size: r.cells, ms: r.readMs, label: `excel-read ${shape(r.sheets, r.lines)}` });
      points.push({ series: `engine after Office.js read, ${r.sheets} sheet(s)`, size: r.cells, ms: r.engineMs, label: `excel-read ${shape(r.sheets, r.lines)}` });
    } else if (r.kind === "engine") {
      points.push({ series: `engine ${r.sheets} sheet(s)`, size: r.cells, ms: r.engineMs, label: `engine ${shape(r.sheets, r.lines)}` });
    } else if (r.kind === "file-read") {
      points.push({ series: "readXlsx", size: r.lines, ms: r.readMs, label: `file-read ${n(r.lines)}` });
    } else if (r.kind === "excel-write") {
      for (const op of r.ops) points.push({ series: op.op, size: r.findings, ms: op.ms, label: `excel-write ${shape(r.sheets, r.lines)}` });
    }
  }
  const notes: string[] = [];
  const series = new Map<string, Point[]>();
  for (const p of points) series.set(p.series, [...(series.get(p.series) ?? []), p]);
  for (const [name, list] of series) {
    list.sort((a, b) => a.size - b.size);
    for (let i = 1; i < list.length; i += 1) {
      const a = list[i - 1];
      const b = list[i];
      // Below 50 ms the clock and the JIT say more than the algorithm.
      if (a.ms < 50 || b.size <= a.size) continue;
      const growth = b.ms / a.ms / (b.size / a.size);
      if (growth > 2) {
        notes.push(
          `${name}: ${ms(a.ms)} → ${ms(b.ms)} for ${(b.size / a.size).toFixed(0)}× the size (${growth.toFixed(1)}× per unit). ` +
            `Profile: npm run bench -- --only='${b.label}' --profile (CPU profile in test-results/profiles/, open in Chrome DevTools).`,
        );
      }
    }
  }
  return notes;
}

function table(header: string[], rows: string[][]): string {
  const lines = [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`];
  for (const row of rows) lines.push(`| ${row.join(" | ")} |`);
  return lines.join("\n");
}

export interface ReportContext {
  mode: "quick" | "full";
  machine: string;
  elapsedMs: number;
  budgetSeconds: number;
}

export function markdown(results: readonly CaseResult[], skipped: readonly Skipped[], invariants: readonly Invariant[], notes: readonly string[], ctx: ReportContext): string {
  const parts: string[] = [];
  parts.push(`# Pointage benchmark (${ctx.mode})`);
  parts.push(`${ctx.machine}; ran in ${ms(ctx.elapsedMs)} (budget ${ctx.budgetSeconds} s). Each case in its own Node process (peak RSS is that case's, input included).`);
  parts.push(
    "Workbooks: per sheet an imputation table (7 columns, 1 line in 100 with a wrong Solde, Solde a formula elsewhere) and a breakdown table with a % column; lines spread over the sheets. Sizes are sheets×lines.",
  );

  const rs = reads(results).sort((a, b) => a.lines - b.lines || a.sheets - b.sheets);
  if (rs.length > 0) {
    parts.push(`## 1. Office.js adapter: readWorkbook + engine (fake Excel, limit ${bytes(FAKE_PAYLOAD_LIMIT)}, budget ${bytes(SYNC_BUDGET_BYTES)} per sync)`);
    parts.push(
      table(
        ["sheets×lines", "cells", "syncs", "data syncs", "largest sync", "total payload", "data bytes/cell", "read", "engine", "findings", "peak RSS"],
        rs.map((r) => [
          shape(r.sheets, r.lines),
          n(r.cells),
          String(r.syncs) + (r.failedSyncs ? ` (${r.failedSyncs} refused)` : ""),
          String(r.dataSyncs),
          bytes(r.largestSyncBytes),
          bytes(r.totalBytes),
          (r.dataResponseBytes / r.cells).toFixed(1),
          ms(r.readMs),
          ms(r.engineMs),
          n(r.findings),
          mb(r.peakRssMB),
        ]),
      ),
    );
    parts.push("Read time includes the fake's own work (building and JSON-measuring each response); the syncs and bytes are what matter.");
    parts.push("Where each read's bytes go, per cell (response by load path; `json` is keys, braces and commas; `request` the requests; under 0.01 left out):");
    parts.push(
      rs
        .map((r) => {
          const byProperty = Object.entries(r.bytesByProperty ?? {})
            .filter(([, b]) => b / r.cells >= 0.005)
            .sort((a, b) => b[1] - a[1]);
          return `- ${shape(r.sheets, r.lines)}: ${byProperty.map(([path, b]) => `${path} ${(b / r.cells).toFixed(2)}`).join(", ")}`;
        })
        .join("\n"),
    );
  }

  const ws = writes(results).sort((a, b) => a.findings - b.findings || a.sheets - b.sheets);
  if (ws.length > 0) {
    parts.push("## 1b. Office.js adapter: highlight, clearHighlights, writeReport (fake Excel)");
    parts.push(
      table(
        ["findings", "sheets", "operation", "syncs", "largest request", "largest response", "total payload", "time"],
        ws.flatMap((w) =>
          w.ops.map((op) => [
            n(w.findings),
            String(w.sheets),
            op.op,
            String(op.syncs) + (op.failedSyncs ? ` (${op.failedSyncs} refused)` : ""),
            bytes(op.maxRequestBytes),
            bytes(op.maxResponseBytes),
            bytes(op.totalBytes),
            ms(op.ms),
          ]),
        ),
      ),
    );
    parts.push("`highlight (again)` replaces the marks of the first (as a re-check does). Request bytes are the fake's estimate (multi-area addresses are not counted).");
  }

  const es = results.filter((r): r is EngineResult => r.kind === "engine").sort((a, b) => a.lines - b.lines || a.sheets - b.sheets);
  if (es.length > 0) {
    parts.push("## 2. Engine alone: checkWorkbook(snapshot)");
    parts.push(
      table(
        ["sheets×lines", "cells", "time (median)", "first run", "µs/cell", "findings", "tables", "RSS before", "peak RSS"],
        es.map((r) => [
          shape(r.sheets, r.lines),
          n(r.cells),
          `${ms(r.engineMs)}${r.runs > 1 ? ` (${r.runs} runs)` : ""}`,
          ms(r.firstRunMs),
          ((r.engineMs * 1000) / r.cells).toFixed(2),
          n(r.findings) + (r.failures ? ` (${r.failures} checks failed)` : ""),
          n(r.tables),
          mb(r.rssBeforeMB),
          mb(r.peakRssMB),
        ]),
      ),
    );
  }

  const fr = results.filter((r): r is FileReadResult => r.kind === "file-read").sort((a, b) => a.lines - b.lines);
  const fw = results.filter((r): r is FileWriteResult => r.kind === "file-write").sort((a, b) => a.lines - b.lines || b.errorEvery - a.errorEvery);
  if (fr.length > 0 || fw.length > 0) {
    parts.push("## 3. File path (CLI): readXlsx + engine, writeCheckedCopy (ExcelJS .xlsx, one sheet)");
    if (fr.length > 0) {
      parts.push(
        table(
          ["lines", "file", "readXlsx", "peak RSS after read", "engine", "findings", "peak RSS"],
          fr.map((r) => [n(r.lines), bytes(r.fileBytes), ms(r.readMs), mb(r.peakAfterReadMB), ms(r.engineMs), n(r.findings), mb(r.peakRssMB)]),
        ),
      );
    }
    if (fw.length > 0) {
      parts.push(
        table(
          ["lines", "wrong Soldes", "file", "findings", "writeCheckedCopy", "output", "RSS before", "peak RSS"],
          fw.map((r) => [
            n(r.lines),
            r.errorEvery === 1 ? "all" : `1 in ${r.errorEvery}`,
            bytes(r.fileBytes),
            n(r.findings),
            ms(r.writeMs),
            bytes(r.outBytes),
            mb(r.rssBeforeMB),
            mb(r.peakRssMB),
          ]),
        ),
      );
    }
  }

  if (skipped.length > 0) {
    parts.push("## Skipped");
    parts.push(skipped.map((s) => `- ${s.label}: ${s.reason}`).join("\n"));
  }
  if (notes.length > 0) {
    parts.push("## Slow spots");
    parts.push(notes.map((s) => `- ${s}`).join("\n"));
  }
  if (invariants.length > 0) {
    parts.push("## Sync invariants");
    parts.push(invariants.map((i) => `- ${i.ok ? "✓" : "✗ FAILED"} ${i.name}: ${i.detail}`).join("\n"));
  }
  return parts.join("\n\n") + "\n";
}
