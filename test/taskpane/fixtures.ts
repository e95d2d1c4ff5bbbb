/**
 * Workbooks and a hand-written fake `HostApi` for the pane's tests. The snapshots come from the
 * seeds' figures (APES 2023 report, Lianes 2025 convention budget) with one mistake each.
 */
import type { Finding, Fix, Lang } from "../../src/core/findings";
import type { FillPlan } from "../../src/core/fill";
import type { WorkbookSnapshot } from "../../src/core/model";
import type { WorkbookSettings } from "../../src/core/settings";
import type { FixUndo, HostApi, ReadProgress } from "../../src/host/HostApi";
import { lianesBudget } from "../helpers/budgets";
import { apes2023, IMPUTATION_HEADER, lianes2023 } from "../helpers/seeds";
import { snapshotOf } from "../helpers/sheet-builder";

/**
 * « Rapport APES » holds the APES 2023 line with a solde 1 000 € short (IMP-SOLDE on G3, fix
 * `=E3-F3`) under the Lianes 2023 line (right); « Convention 2025 » the Lianes budget with a
 * wrong percentage on its sixth line (REP-POURCENT on D7).
 */
export function budgetWorkbook(): WorkbookSnapshot {
  return snapshotOf([
    { name: "Rapport APES", rows: [IMPUTATION_HEADER, lianes2023({ solde: { v: 24000, f: "=E2-F2" } }), apes2023({ solde: { v: 151285, f: "=E3-F3-1000" } })] },
    { name: "Convention 2025", rows: lianesBudget({ amountStyle: "number", percentStyle: "points", percents: { 5: 12.85 } }) },
  ]);
}

/** A workbook with no table Pointage knows. */
export function plainWorkbook(): WorkbookSnapshot {
  return snapshotOf([
    {
      name: "Budget",
      rows: [
        ["Poste", "Montant voté", "Reste"],
        ["Fonctionnement", 1000, 400],
      ],
    },
  ]);
}

export interface Call {
  method: string;
  args: unknown[];
}

/** A HostApi that records its calls; `gate` holds readWorkbook until released. */
export class FakeHost implements HostApi {
  readonly calls: Call[] = [];
  snapshot: WorkbookSnapshot;
  /** Progress reported by readWorkbook before it returns. */
  progress: ReadProgress[] = [];
  /** Thrown by readWorkbook (once set). */
  readError?: unknown;
  /** Thrown by the next other action. */
  actionError?: unknown;
  private gate?: Promise<void>;
  private release?: () => void;
  private listeners = new Set<(range?: { sheet: string; range: string }) => void>();

  constructor(
    snapshot: WorkbookSnapshot = budgetWorkbook(),
    readonly kind: "excel" | "file" = "excel",
  ) {
    this.snapshot = snapshot;
  }

  /** Makes the next reads wait for `open()`. */
  hold(): void {
    this.gate = new Promise((resolve) => (this.release = resolve));
  }

  open(): void {
    this.release?.();
    this.gate = undefined;
  }

  /** Simulates the user editing the workbook (the range changed, when the host would say). */
  change(range?: { sheet: string; range: string }): void {
    for (const l of this.listeners) l(range);
  }

  callsTo(method: string): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  private record(method: string, ...args: unknown[]): void {
    this.calls.push({ method, args });
    if (method !== "readWorkbook" && this.actionError) {
      const e = this.actionError;
      this.actionError = undefined;
      throw e;
    }
  }

  async readWorkbook(onProgress?: (p: ReadProgress) => void): Promise<WorkbookSnapshot> {
    this.record("readWorkbook");
    for (const p of this.progress) onProgress?.(p);
    if (this.gate) await this.gate;
    if (this.readError) throw this.readError;
    return this.snapshot;
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    this.record("selectCell", sheet, cell);
  }

  async applyFix(fix: Fix): Promise<FixUndo> {
    this.record("applyFix", fix);
    return { sheet: fix.sheet, cell: fix.cell, value: "152 285,00", numberFormat: "@" };
  }

  async undoFix(undo: FixUndo): Promise<void> {
    this.record("undoFix", undo);
  }

  async highlight(findings: Finding[]): Promise<void> {
    this.record("highlight", findings);
  }

  async clearHighlights(): Promise<void> {
    this.record("clearHighlights");
  }

  async writeReport(findings: Finding[], lang: Lang): Promise<void> {
    this.record("writeReport", findings, lang);
  }

  async saveSettings(settings: WorkbookSettings): Promise<void> {
    this.record("saveSettings", settings);
  }

  /** Records the plan and answers with its sheet name; a test sets it to undefined for a host without it. */
  applyFillPlan?: (plan: FillPlan) => Promise<{ sheetName: string }> = async (plan) => {
    this.record("applyFillPlan", plan);
    return { sheetName: plan.sheetName };
  };

  onWorkbookChanged(callback: (range?: { sheet: string; range: string }) => void): () => void {
    this.listeners.add(callback);
    return () => this.listeners.delete(callback);
  }
}
