/**
 * `pointage check FICHIER… | DOSSIER`: the files of a séance, found (a folder's workbooks in name
 * order), read (each on its own: one that cannot be read is listed, the others still checked),
 * then merged into one workbook for the engine (core/seance.ts).
 */
import { promises as fs } from "fs";
import * as path from "path";
import { checkWorkbook, type CheckOptions } from "../core/engine";
import type { Lang, Severity } from "../core/findings";
import { SETTINGS_SHEET, type WorkbookSnapshot } from "../core/model";
import { mergeSeance } from "../core/seance";
import { isUnusableFileError, readXlsx } from "../file";
import { CliFileError, readInput } from "./files";
import { escapeText, jsonReport, textReport } from "./report";

/** The extensions a folder's workbooks have (what Pointage reads). */
export const WORKBOOK_EXTENSIONS: readonly string[] = [".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"];

/** One file of the séance: where it is and the name shown for it in sheet names and messages. */
export interface SeanceInput {
  path: string;
  /** The base name, or the path as given when two files share a base name. */
  name: string;
}

/** What was found in the paths given. */
export interface SeanceInputs {
  files: SeanceInput[];
  /** Files of a folder left out, each said in one line (hidden files, Office lock files `~$…`). */
  skipped: string[];
}

/** Keeps a name on one line whatever it holds. */
function shown(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ");
}

/**
 * The files to check: a file as given, a folder as its workbooks in name order (not its
 * subfolders). A path that does not exist is kept, so that reading it says why.
 */
export async function seanceInputs(paths: readonly string[], lang: Lang): Promise<SeanceInputs> {
  const found: string[] = [];
  const skipped: string[] = [];
  const fr = lang === "fr";
  for (const given of paths) {
    const stat = await fs.stat(given).catch(() => undefined);
    if (!stat?.isDirectory()) {
      found.push(given);
      continue;
    }
    let entries;
    try {
      entries = await fs.readdir(given, { withFileTypes: true });
    } catch {
      throw new CliFileError(fr ? `${shown(given)} : le dossier n'a pas pu être lu.` : `${shown(given)}: the folder could not be read.`);
    }
    const names = entries
      .filter((e) => !e.isDirectory() && WORKBOOK_EXTENSIONS.includes(path.extname(e.name).toLowerCase()))
      .map((e) => e.name)
      // Name order as people read it: « rapport 2 » before « rapport 10 ».
      .sort((a, b) => a.localeCompare(b, "fr", { numeric: true }) || (a < b ? -1 : a > b ? 1 : 0));
    for (const name of names) {
      if (name.startsWith("~$")) {
        skipped.push(fr ? `${shown(name)} : fichier de verrouillage d'Office (classeur ouvert ailleurs), ignoré.` : `${shown(name)}: Office lock file (workbook open elsewhere), skipped.`);
      } else if (name.startsWith(".")) {
        skipped.push(fr ? `${shown(name)} : fichier caché, ignoré.` : `${shown(name)}: hidden file, skipped.`);
      } else {
        found.push(path.join(given, name));
      }
    }
  }
  const base = found.map((p) => path.basename(p));
  const files = found.map((p, i) => ({ path: p, name: base.filter((b) => b === base[i]).length > 1 ? p : base[i] }));
  return { files, skipped };
}

/** A file read, or why not (one line naming the file). */
export type SeanceRead = { input: SeanceInput; snapshot: WorkbookSnapshot; error?: undefined } | { input: SeanceInput; snapshot?: undefined; error: string };

/** Why a file could not be read, in one line naming it; a crash of the reader is said, never thrown. */
export function readError(e: unknown, name: string, lang: Lang): string {
  if (e instanceof CliFileError) return e.message;
  if (isUnusableFileError(e)) return e.messageIn(lang);
  const detail = (e as Error)?.message ?? String(e);
  return lang === "fr" ? `${shown(name)} : le classeur n'a pas pu être lu (${shown(detail)}).` : `${shown(name)}: the workbook could not be read (${shown(detail)}).`;
}

/** Reads one file of the séance; never throws. */
export async function readSeanceFile(input: SeanceInput, lang: Lang): Promise<SeanceRead> {
  try {
    const bytes = await readInput(input.path, input.name, lang);
    return { input, snapshot: await readXlsx(bytes, input.name) };
  } catch (e) {
    return { input, error: readError(e, input.name, lang) };
  }
}

/** Reads the files, `parallel` at a time, results in the files' order. */
export async function readSeance(inputs: readonly SeanceInput[], lang: Lang, parallel = 1): Promise<SeanceRead[]> {
  const out: SeanceRead[] = new Array(inputs.length);
  let next = 0;
  const lane = async () => {
    while (next < inputs.length) {
      const i = next++;
      out[i] = await readSeanceFile(inputs[i], lang);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, inputs.length)) }, lane));
  return out;
}

/** What the séance report needs from the command line. */
export interface SeanceRun {
  /** The paths given (files, folders). */
  paths: readonly string[];
  lang: Lang;
  format: "text" | "json";
  check: CheckOptions;
  minSeverity: Severity;
  color: boolean;
  stdout: (s: string) => void;
  /**
   * Files read at a time, in this thread (default 1). Parsing is CPU work on one thread, so
   * more only overlaps file reads. Worker threads were measured on this 2-core machine for 50
   * reports: 865–923 ms in 2 workers against 686–842 ms in one thread (each worker loads ExcelJS
   * again), so the séance is read in one thread.
   */
  parallel?: number;
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString("fr-FR")} ${n > 1 ? many : one}`;
}

/**
 * Checks the séance and prints one report. Exit code, the worst of the séance: 2 when a file
 * could not be read (its content was not checked), else 1 when errors were found, else 0.
 */
export async function runSeance(run: SeanceRun): Promise<number> {
  const { lang } = run;
  const fr = lang === "fr";
  const { files, skipped } = await seanceInputs(run.paths, lang);
  if (!files.length) {
    const where = run.paths.map(shown).join(", ");
    throw new CliFileError(
      fr
        ? `${where} : aucun classeur (${WORKBOOK_EXTENSIONS.join(", ")}) à contrôler.`
        : `${where}: no workbook (${WORKBOOK_EXTENSIONS.join(", ")}) to check.`,
    );
  }
  const reads = await readSeance(files, lang, run.parallel ?? 1);
  const read = reads.filter((r): r is Extract<SeanceRead, { snapshot: WorkbookSnapshot }> => r.snapshot !== undefined);
  const unread = reads.filter((r) => r.error !== undefined);
  const result = checkWorkbook(mergeSeance(read.map((r) => ({ file: r.input.name, snapshot: r.snapshot }))), run.check);
  const folder = run.paths.length === 1 ? shown(run.paths[0]) : undefined;
  const label = fr
    ? `${folder ? `${folder} — ` : ""}séance de ${plural(files.length, "fichier", "fichiers")}`
    : `${folder ? `${folder} — ` : ""}séance of ${files.length} ${files.length > 1 ? "files" : "file"}`;
  const code = unread.length ? 2 : result.summary.errors > 0 ? 1 : 0;
  if (run.format === "json") {
    const report = jsonReport(label, result) as Record<string, unknown>;
    const json = {
      ...report,
      files: reads.map((r) => ({
        file: r.input.name,
        sheetsRead: r.snapshot ? r.snapshot.sheets.filter((s) => s.name !== SETTINGS_SHEET).length : 0,
        ...(r.error !== undefined ? { error: r.error } : {}),
      })),
      ...(skipped.length ? { skipped } : {}),
    };
    run.stdout(JSON.stringify(json, null, 2) + "\n");
    return code;
  }
  const head: string[] = [];
  const readCount = fr
    ? `Fichiers\u00a0: ${plural(files.length, "classeur", "classeurs")}, ${plural(read.length, "lu", "lus")}${unread.length ? `, ${plural(unread.length, "non lu", "non lus")}` : ""}`
    : `Files: ${files.length} ${files.length > 1 ? "workbooks" : "workbook"}, ${read.length} read${unread.length ? `, ${unread.length} not read` : ""}`;
  head.push(readCount);
  for (const r of unread) head.push(`  ✖ ${fr ? "Non lu" : "Not read"} — ${escapeText(r.error!)}`);
  for (const s of skipped) head.push(`  ℹ ${escapeText(s)}`);
  const report = textReport(label, result, lang, { minSeverity: run.minSeverity, color: run.color });
  // The files first, under the title: a file left unread is seen before the findings.
  const [title, ...rest] = report.split("\n");
  const tail = unread.length
    ? fr
      ? `${plural(unread.length, "fichier n'a pas été lu", "fichiers n'ont pas été lus")} sur ${files.length} : ${unread.length > 1 ? "leur" : "son"} contenu n'est pas contrôlé (voir « Non lu » en tête).\n`
      : `${unread.length} of ${files.length} files ${unread.length > 1 ? "were" : "was"} not read: not checked (see “Not read” at the top).\n`
    : "";
  run.stdout([title, ...head, ...rest].join("\n") + tail);
  return code;
}

