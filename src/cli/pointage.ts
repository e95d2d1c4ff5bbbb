/**
 * `pointage check FILE.xlsx|.xls|.xlsb|.ods|FILE…|FOLDER [--format text|json] [--lang fr|en] [--min-severity error|warning|info] [--no-color] [--out CHECKED.xlsx]`
 * File in, ExcelJS adapter, engine, report out. Exit codes: 0 no error, 1 errors found,
 * 2 unusable input or usage error (one line on stderr, never a stack trace).
 */
import { createHash } from "crypto";
import * as path from "path";
import { parseArgs } from "util";
import { checkWorkbook, type CheckOptions, type CheckResult } from "../core/engine";
import type { Lang, Severity } from "../core/findings";
import { COLUMN_ROLES, type ColumnRole, type ProrataRegime, type WorkbookSettings } from "../core/settings";
import { isMacroWorkbook, isUnusableFileError, readXlsx, workbookFormat, writeCheckedCopy } from "../file";
import { changedInputMessage, checkCopyExtension, checkOutTarget, CliFileError, isFolder, readInput, writeOut, type OutTarget } from "./files";
import { langOf } from "./lang";
import { lettresMain } from "./lettres";
import { fillMain } from "./fill";
import { jsonReport, SEVERITIES, textReport } from "./report";
import { runSeance } from "./seance";

const HELP_FR = `Pointage — contrôle des tableaux budgétaires d'un classeur Excel.

Usage : pointage check FICHIER [options]   (classeur .xlsx, .xls, .xlsb ou .ods)
        pointage check FICHIER… | DOSSIER [options]
                          une séance : les fichiers (ou les classeurs du dossier) contrôlés ensemble,
                          comme un seul classeur (feuilles « fichier › feuille »), un seul rapport
        pointage lettres MONTANT… [--nombre] [--orthographe rectifiee]   (montants en lettres ; pointage lettres --help)
        pointage fill FICHIER.xlsx --template NOM [--line CODE] --out COPIE.xlsx   (modèles : pointage fill --help)
        pointage templates [FICHIER.xlsx]

Options :
  --format text|json      rapport lisible (défaut) ou JSON sur la sortie standard
  --lang fr|en            langue des messages (défaut : fr)
  --min-severity error|warning|info
                          remarques listées dans le rapport lisible à partir de cette gravité (défaut : warning :
                          les informations sont comptées mais pas listées) ; le JSON donne toujours tout
  --no-color              sans couleurs (le rapport n'est en couleurs que dans un terminal, et jamais si NO_COLOR est défini)
  --out COPIE.xlsx        écrit une copie avec les cellules en cause surlignées et une feuille « Contrôle »
                          (le classeur d'origine complet, macros comprises : .xlsm pour un classeur à macros ;
                          .xlsx pour un .xls, un .xlsb ou un .ods) ; un seul classeur
  --header "En-tête=rôle" correspondance d'en-tête (rôles : ${COLUMN_ROLES.join(", ")}) ; répétable
  --sans-ignorer, --no-ignore
                          contrôle comme si rien n'était ignoré : les lignes « ignore » de la feuille
                          _pointage du classeur ne s'appliquent pas (le code de sortie suit ce qui est montré)
  --prorata prorata|reduction
                          régime de la subvention due si les dépenses sont inférieures (défaut : prorata)
  -h, --help              cette aide
  -v, --version           la version

Codes de sortie : 0 aucune erreur, 1 erreurs trouvées, 2 fichier inutilisable (pour une séance : un fichier non lu) ou commande incorrecte.
`;

const HELP_EN = `Pointage — checks the budget tables of an Excel workbook.

Usage: pointage check FILE [options]   (an .xlsx, .xls, .xlsb or .ods workbook)
       pointage check FILE… | FOLDER [options]
                          a séance: the files (or the folder's workbooks) checked together, as one
                          workbook (sheets “file › sheet”), one report
       pointage lettres AMOUNT… [--nombre] [--orthographe rectifiee]   (amounts in French words; pointage lettres --help)
       pointage fill FILE.xlsx --template NAME [--line CODE] --out COPY.xlsx   (templates: pointage fill --help)
       pointage templates [FILE.xlsx]

Options:
  --format text|json      readable report (default) or JSON on standard output
  --lang fr|en            language of the messages (default: fr)
  --min-severity error|warning|info
                          findings listed in the readable report from this severity up (default: warning:
                          infos are counted but not listed); JSON always gives everything
  --no-color              no colour (the report is in colour only on a terminal, and never with NO_COLOR set)
  --out COPY.xlsx         writes a copy with the faulty cells highlighted and a “Contrôle” sheet
                          (the whole original workbook, macros included: .xlsm for a macro workbook;
                          .xlsx for an .xls, an .xlsb or an .ods); one workbook only
  --header "Header=role"  header mapping (roles: ${COLUMN_ROLES.join(", ")}); repeatable
  --sans-ignorer, --no-ignore
                          checks as if nothing were ignored: the “ignore” rows of the workbook's
                          _pointage sheet are not applied (the exit code follows what is shown)
  --prorata prorata|reduction
                          how the grant due is reduced when expenses fall short (default: prorata)
  -h, --help              this help (in English with --lang en)
  -v, --version           the version

Exit codes: 0 no error, 1 errors found, 2 unusable file (for a séance: a file not read) or wrong command.
`;

// Read at run time: package.json sits two levels up from both src/cli and lib/cli.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const VERSION: string = require("../../package.json").version;

export class UsageError extends Error {}

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Whether stdout is a terminal: the text report is in colour only there (default false). */
  isTTY?: boolean;
  /** The environment read for `NO_COLOR` (default: the process's). */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Colour on a terminal, unless `NO_COLOR` is set to anything non-empty (https://no-color.org) or `--no-color` is given. */
export function useColor(io: CliIo, noColorOption: boolean): boolean {
  const env = io.env ?? process.env;
  return Boolean(io.isTTY) && !noColorOption && !env.NO_COLOR;
}

/** Node's `parseArgs` errors (always English) said in the language asked for. */
function parseErrorText(e: Error & { code?: string }, lang: Lang): string {
  const option = /'(-[^' ]+)/.exec(e.message)?.[1];
  if (!option) return e.message;
  if (e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return lang === "fr" ? `option inconnue ${option}.` : `unknown option ${option}.`;
  if (e.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    if (/does not take an argument/.test(e.message)) return lang === "fr" ? `${option} ne prend pas de valeur.` : `${option} takes no value.`;
    return lang === "fr" ? `${option} attend une valeur.` : `${option} needs a value.`;
  }
  return e.message;
}

/** `pointage : …` in French, `pointage: …` in English. */
function errorLine(message: string, lang: Lang): string {
  return `pointage${lang === "fr" ? " :" : ":"} ${message}\n`;
}

/** `--format : "text" ou "json", pas "xml".` / `--format: "text" or "json", not "xml".` */
function choiceError(option: string, choices: readonly string[], given: unknown, lang: Lang): UsageError {
  const list = choices.map((c) => `"${c}"`);
  const said = list.length > 2 ? `${list.slice(0, -1).join(", ")} ${lang === "fr" ? "ou" : "or"} ${list[list.length - 1]}` : list.join(lang === "fr" ? " ou " : " or ");
  return new UsageError(lang === "fr" ? `${option} : ${said}, pas "${String(given)}".` : `${option}: ${said}, not "${String(given)}".`);
}

function parseHeaderMap(values: string[], lang: Lang): Record<string, ColumnRole> {
  const map: Record<string, ColumnRole> = {};
  for (const v of values) {
    const at = v.lastIndexOf("=");
    const header = v.slice(0, at).trim();
    const role = v.slice(at + 1).trim() as ColumnRole;
    if (at <= 0 || !COLUMN_ROLES.includes(role)) {
      throw new UsageError(
        lang === "fr"
          ? `--header "${v}" : attendu "En-tête=rôle" avec un rôle parmi ${COLUMN_ROLES.join(", ")}.`
          : `--header "${v}": expected "Header=role" with a role among ${COLUMN_ROLES.join(", ")}.`,
      );
    }
    map[header] = role;
  }
  return map;
}

/** Options of `check` that take a value: the word after them is not the command. */
export const VALUE_OPTIONS: ReadonlySet<string> = new Set(["--format", "--lang", "--out", "--header", "--prorata", "--min-severity", "--orthographe", "--template", "--line"]);

/** Where the command word is (`pointage --lang en lettres 5`: at 2), or -1. */
function commandAt(argv: readonly string[]): number {
  for (let i = 0; i < argv.length; i++) {
    if (VALUE_OPTIONS.has(argv[i])) i++;
    else if (!argv[i].startsWith("-")) return i;
  }
  return -1;
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const command = commandAt(argv);
  if (command >= 0 && argv[command] === "lettres") return lettresMain([...argv.slice(0, command), ...argv.slice(command + 1)], io);
  // Templates have their own options (src/cli/fill.ts), the command first.
  if (command >= 0 && (argv[command] === "fill" || argv[command] === "templates")) {
    return fillMain([argv[command], ...argv.slice(0, command), ...argv.slice(command + 1)], io);
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: "string", default: "text" },
        lang: { type: "string", default: "fr" },
        out: { type: "string" },
        header: { type: "string", multiple: true, default: [] },
        prorata: { type: "string" },
        "min-severity": { type: "string", default: "warning" },
        "sans-ignorer": { type: "boolean" },
        "no-ignore": { type: "boolean" },
        "no-color": { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (e) {
    const lang = langOf(argv);
    io.stderr(`${errorLine(parseErrorText(e as Error & { code?: string }, lang), lang)}${lang === "en" ? HELP_EN : HELP_FR}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(values.lang === "en" ? HELP_EN : HELP_FR);
    return 0;
  }
  if (values.version) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  // Unusable files are told in the language asked for, even before the options are checked.
  const messageLang: Lang = values.lang === "en" ? "en" : "fr";
  try {
    const [command, file, ...rest] = positionals;
    if (command !== "check" || !file) {
      throw new UsageError(messageLang === "fr" ? `commande attendue : pointage check FICHIER\n\n${HELP_FR}` : `expected command: pointage check FILE\n\n${HELP_EN}`);
    }
    if (values.format !== "text" && values.format !== "json") throw choiceError("--format", ["text", "json"], values.format, messageLang);
    if (values.lang !== "fr" && values.lang !== "en") throw choiceError("--lang", ["fr", "en"], values.lang, messageLang);
    if (values.prorata && values.prorata !== "prorata" && values.prorata !== "reduction") throw choiceError("--prorata", ["prorata", "reduction"], values.prorata, messageLang);
    const minSeverity = values["min-severity"] as Severity;
    if (!SEVERITIES.includes(minSeverity)) throw choiceError("--min-severity", SEVERITIES, minSeverity, messageLang);
    const lang = values.lang as Lang;
    const fileName = path.basename(file);
    const settings: Partial<WorkbookSettings> = {};
    const headerMap = parseHeaderMap(values.header as string[], lang);
    if (Object.keys(headerMap).length) settings.headerMap = headerMap;
    if (values.prorata) settings.prorataRegime = values.prorata as ProrataRegime;
    const noIgnore = Boolean(values["sans-ignorer"] || values["no-ignore"]);

    // Several files, or a folder: a séance, checked as one workbook (cli/seance.ts).
    if (rest.length || (await isFolder(file))) {
      if (values.out) throw new UsageError(lang === "fr" ? "--out ne s'applique qu'à un seul classeur : pour une séance, lancez une commande par fichier à copier." : "--out applies to one workbook only: for a séance, run one command per file to copy.");
      return await runSeance({
        paths: [file, ...rest],
        lang,
        format: values.format,
        check: { lang, settings, noIgnore },
        minSeverity,
        color: useColor(io, Boolean(values["no-color"])),
        stdout: io.stdout,
      });
    }

    const input: { bytes?: Uint8Array } = { bytes: await readInput(file, fileName, lang) };
    // Where the copy goes is checked before the work: never the input, never a missing folder.
    const target: OutTarget | undefined = values.out ? await checkOutTarget(values.out, file, lang) : undefined;
    // The copy keeps an .xlsm's macros: its name must say so (checkCopyExtension).
    if (target) checkCopyExtension(target.given, await isMacroWorkbook(input.bytes!, fileName), lang);
    // The copy is made from the file read again (see readAndCheck): it must be the file checked.
    const digest = target ? digestOf(input.bytes!) : undefined;
    const result = await readAndCheck(input, fileName, { lang, settings, noIgnore });
    // The report first: a copy that fails (no space left, out of memory) never loses it.
    if (values.format === "json") io.stdout(JSON.stringify(jsonReport(fileName, result), null, 2) + "\n");
    else io.stdout(textReport(fileName, result, lang, { minSeverity, color: useColor(io, Boolean(values["no-color"])) }));
    const code = result.summary.errors > 0 ? 1 : 0;
    if (!target) return code;
    try {
      // The copy is the original package (an .xlsm stays one); an .xls, .xlsb or .ods is converted to .xlsx first.
      const bytes = await readInput(file, fileName, lang);
      if (digestOf(bytes) !== digest) throw new CliFileError(changedInputMessage(fileName, lang));
      const format = await workbookFormat(bytes, fileName);
      await writeOut(target, await writeCheckedCopy(bytes, result.findings, lang, { fileName }), lang);
      if (values.format !== "json") io.stdout(copyLine(target.given, format === "xlsx" ? undefined : format, lang));
      return code;
    } catch (e) {
      // A workbook read but that cannot be copied (see "no-copy"), or a copy that cannot be written.
      if (e instanceof CliFileError) io.stderr(errorLine(e.message, lang));
      else if (isUnusableFileError(e)) io.stderr(errorLine(e.messageIn(lang), lang));
      else io.stderr(errorLine(`${lang === "fr" ? "la copie n'a pas pu être écrite" : "the copy could not be written"} (${target.given}).`, lang));
      return 2;
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof CliFileError) io.stderr(errorLine(e.message, messageLang));
    else if (isUnusableFileError(e)) io.stderr(errorLine(e.messageIn(messageLang), messageLang));
    else io.stderr(errorLine(`${messageLang === "fr" ? "erreur inattendue :" : "unexpected error:"} ${(e as Error)?.message ?? String(e)}`, messageLang));
    return 2;
  }
}

/**
 * Reads and checks one workbook. Its own function so that the snapshot (and the engine's grids)
 * is unreachable once it returns, and the file's bytes are let go once read, before the engine
 * runs: `--out` then rebuilds the copy from the file read again and the findings alone, and a
 * 1 048 576-row table holds neither its 46 MB of zip nor its snapshot beside the engine or the
 * copy (issue 14).
 */
async function readAndCheck(input: { bytes?: Uint8Array }, fileName: string, options: CheckOptions): Promise<CheckResult> {
  const snapshot = await readXlsx(input.bytes!, fileName);
  input.bytes = undefined;
  return checkWorkbook(snapshot, options);
}

/** The SHA-256 of the file's bytes: the copy is refused if the file read again is not the one checked. */
function digestOf(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** `Copie contrôlée écrite : x.xlsx` and, for another format, that the copy is an .xlsx. */
function copyLine(out: string, convertedFrom: string | undefined, lang: Lang): string {
  if (lang === "fr") return `Copie contrôlée écrite : ${out}${convertedFrom ? ` (classeur .${convertedFrom} : copie écrite au format .xlsx)` : ""}\n`;
  return `Checked copy written: ${out}${convertedFrom ? ` (.${convertedFrom} workbook: copy written in .xlsx format)` : ""}\n`;
}

if (require.main === module) {
  main(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    isTTY: Boolean(process.stdout.isTTY),
    env: process.env,
  }).then(
    (code) => (process.exitCode = code),
  );
}
