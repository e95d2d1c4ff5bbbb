/**
 * The browser page's `HostApi`: a workbook chosen by the user (.xlsx, .xls, .xlsb, .ods), read
 * from its bytes by the file adapter (which tells the format from the bytes). Nothing leaves the page. The file is never changed: selections, marks and
 * settings live in memory, the grid shows them, and the download writes a checked copy.
 *
 * Besides the `HostApi`, the host is a small store (`subscribe` / `getState`) the page's grid
 * reads with `useSyncExternalStore`.
 */
import type { UnreadSummary } from "../core/engine";
import type { Finding, Fix, Lang } from "../core/findings";
import { SETTINGS_SHEET, type SheetSnapshot, type WorkbookSnapshot } from "../core/model";
import type { FillPlan } from "../core/fill";
import { settingsToRows, type WorkbookSettings } from "../core/settings";
import { fillWorkbook, isMacroWorkbook, isUnusableFileError, readXlsx, writeCheckedCopy } from "../file";
import { HostError, type HostApi, type ReadProgress } from "../host/HostApi";
import { stringsFor } from "../taskpane/strings";
import { computedValues, type ComputedValues } from "./computedValues";

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const XLSM_MIME = "application/vnd.ms-excel.sheet.macroEnabled.12";

/** The cell the grid shows; `seq` changes on every request, so that asking twice scrolls twice. */
export interface GridSelection {
  sheet: string;
  cell: string;
  seq: number;
}

export interface FileViewState {
  /** The workbook as read (undefined until the first read ends). */
  snapshot?: WorkbookSnapshot;
  /** The snapshot's formulas with no cached value, as the engine computes them (set with `snapshot`). */
  computed?: ComputedValues;
  selection?: GridSelection;
  /** Findings whose cells the grid marks. */
  marks: readonly Finding[];
  /** Surligner shows the marks, Effacer les marques hides them. */
  marksVisible: boolean;
  /** Findings of the last check, for the download. */
  findings: readonly Finding[];
  /** A check ran: the checked copy can be downloaded. */
  checked: boolean;
  /** Ranges holding numbers that no check covered: the grid marks them. */
  unread: readonly UnreadSummary[];
  /** The file could not be read: the page shows no spinner, file name or download for it. */
  failed?: boolean;
}

export interface FileHostOptions {
  lang?: Lang;
  /** Hands a file to the user; the page's default clicks a download link. */
  download?: (blob: Blob, fileName: string) => void;
}

export interface FileHost extends HostApi {
  readonly kind: "file";
  readonly fileName: string;
  subscribe(listener: () => void): () => void;
  getState(): FileViewState;
  /** The page reports the findings still reported after each check, ignore or restore. */
  setFindings(findings: readonly Finding[]): void;
  /** The page reports the ranges no check covered after each check. */
  setUnread(unread: readonly UnreadSummary[]): void;
  /** Fills the opened bytes with the plan and hands over `NOM.rempli.xlsx` (`.xlsm` for a macro workbook). */
  applyFillPlan(plan: FillPlan): Promise<{ sheetName: string }>;
  /** Writes the checked copy of the file with these findings and hands it to the user. */
  downloadCheckedCopy(findings?: readonly Finding[]): Promise<string>;
}

/**
 * `budget.xlsx` → `budget.controle.xlsx`; an .xls, .xlsb or .ods copy is an .xlsx too
 * (`budget.xls` → `budget.controle.xlsx`); a macro workbook's copy keeps its macros, so it is
 * an .xlsm (`budget.xlsm` → `budget.controle.xlsm`).
 */
export function checkedCopyName(fileName: string, macroWorkbook = false): string {
  const base = fileName.replace(/\.(xlsx|xlsm|xls|xlsb|ods)$/i, "") || "classeur";
  return `${base}.controle.${macroWorkbook ? "xlsm" : "xlsx"}`;
}

/**
 * `budget.xlsx` → `budget.rempli.xlsx`: the copy with a filled template (issue 9). It is the
 * original package plus the filled sheet, so a macro workbook's copy keeps its macros and is an
 * .xlsm (`budget.xlsm` → `budget.rempli.xlsm`).
 */
export function filledCopyName(fileName: string, macroWorkbook = false): string {
  return `${fileName.replace(/\.(xlsx|xlsm|xls|xlsb|ods)$/i, "") || "classeur"}.rempli.${macroWorkbook ? "xlsm" : "xlsx"}`;
}

/** Clicks a temporary link to a blob URL: the browser saves the file, no request is made. */
export function browserDownload(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.rel = "noopener";
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The snapshot with the session's settings in place of the file's `_pointage` sheet. */
function withSettings(snapshot: WorkbookSnapshot, settings: WorkbookSettings | undefined): WorkbookSnapshot {
  if (!settings) return snapshot;
  const rows = settingsToRows(settings);
  const sheet: SheetSnapshot = { name: SETTINGS_SHEET, origin: { row: 0, column: 0 }, values: rows, visibility: "VeryHidden" };
  return { sheets: [...snapshot.sheets.filter((s) => s.name !== SETTINGS_SHEET), sheet] };
}

export function createFileHost(bytes: Uint8Array, fileName: string, options: FileHostOptions = {}): FileHost {
  const lang: Lang = options.lang ?? "fr";
  const strings = stringsFor(lang);
  const download = options.download ?? browserDownload;
  const listeners = new Set<() => void>();
  let state: FileViewState = { marks: [], marksVisible: true, findings: [], checked: false, unread: [] };
  let settings: WorkbookSettings | undefined;
  let reading: Promise<WorkbookSnapshot> | undefined;
  let seq = 0;

  function update(patch: Partial<FileViewState>): void {
    state = { ...state, ...patch };
    for (const l of listeners) l();
  }

  function unusable(e: unknown): never {
    if (isUnusableFileError(e)) throw new HostError("unusable-file", e.messageIn(lang));
    throw e;
  }

  async function readWorkbook(onProgress?: (p: ReadProgress) => void): Promise<WorkbookSnapshot> {
    // The file does not change: read it once, then hand out the same snapshot.
    if (!reading) {
      reading = readXlsx(bytes, fileName, { onProgress }).catch((e: unknown) => {
        reading = undefined;
        update({ failed: true });
        return unusable(e);
      });
    }
    const snapshot = await reading;
    if (state.snapshot !== snapshot) update({ snapshot, computed: computedValues(snapshot) });
    else onProgress?.({ done: 1, total: 1 });
    return withSettings(snapshot, settings);
  }

  async function selectCell(sheet: string, cell: string): Promise<void> {
    if (state.snapshot && !state.snapshot.sheets.some((s) => s.name === sheet)) {
      throw new HostError("not-found", strings.sheetMissingWeb(sheet), sheet, cell);
    }
    update({ selection: { sheet, cell, seq: ++seq } });
  }

  async function applyFix(fix: Fix): Promise<void> {
    throw new HostError("unknown", strings.fixUnavailableWeb, fix.sheet, fix.cell);
  }

  async function highlight(findings: Finding[]): Promise<void> {
    update({ marks: findings, marksVisible: true });
  }

  async function clearHighlights(): Promise<void> {
    update({ marksVisible: false });
  }

  async function downloadCheckedCopy(findings: readonly Finding[] = state.findings): Promise<string> {
    let copy: Uint8Array;
    try {
      copy = await writeCheckedCopy(bytes, [...findings], lang, { fileName });
    } catch (e) {
      return unusable(e);
    }
    const macro = await isMacroWorkbook(bytes, fileName);
    const name = checkedCopyName(fileName, macro);
    // A copy into a fresh ArrayBuffer: Blob wants an ArrayBuffer-backed view.
    download(new Blob([copy.slice().buffer as ArrayBuffer], { type: macro ? XLSM_MIME : XLSX_MIME }), name);
    return name;
  }

  async function writeReport(findings: Finding[]): Promise<void> {
    await downloadCheckedCopy(findings);
  }

  /**
   * Fills the opened file's bytes with the plan and hands over the copy (`NOM.rempli.xlsx`); the
   * file itself is never changed, so each fill is a copy of the file as opened plus one sheet.
   */
  async function applyFillPlan(plan: FillPlan): Promise<{ sheetName: string }> {
    let copy: Uint8Array;
    try {
      copy = await fillWorkbook(bytes, plan, { fileName });
    } catch (e) {
      return unusable(e);
    }
    const macro = await isMacroWorkbook(bytes, fileName);
    download(new Blob([copy.slice().buffer as ArrayBuffer], { type: macro ? XLSM_MIME : XLSX_MIME }), filledCopyName(fileName, macro));
    return { sheetName: plan.sheetName };
  }

  async function saveSettings(next: WorkbookSettings): Promise<void> {
    settings = { ...next, ignored: [...next.ignored], headerMap: { ...next.headerMap } };
  }

  return {
    kind: "file",
    fileName,
    readWorkbook,
    selectCell,
    applyFix,
    highlight,
    clearHighlights,
    writeReport,
    saveSettings,
    applyFillPlan,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getState: () => state,
    setFindings(findings) {
      update({ findings, marks: findings, checked: true });
    },
    setUnread(unread) {
      update({ unread });
    },
    downloadCheckedCopy,
  };
}
