/**
 * `pointage fill FICHIER.xlsx --template NOM [--line CODE] --out COPIE.xlsx [--lang fr|en]` and
 * `pointage templates [FICHIER]`. Exit codes: 0 filled (or listed), 2 a problem (one line per
 * problem on stderr, naming the template's sheet and cell), an unusable file or a wrong command.
 * The input is never modified: the filled workbook is a copy (`--out`, never the input).
 */
import * as path from "path";
import { parseArgs } from "util";
import type { Lang } from "../core/findings";
import { listLines, listTemplates, planFill } from "../core/fill";
import type { WorkbookSnapshot } from "../core/model";
import { isMacroWorkbook, isUnusableFileError, readXlsx, UnusableFileError, workbookFormat } from "../file";
import { fillWorkbook } from "../file/fill";
import { checkCopyExtension, checkOutTarget, CliFileError, readInput, writeOut } from "./files";
import { langOf } from "./lang";

export interface FillIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const HELP = {
  fr: `Usage : pointage fill FICHIER.xlsx --template NOM [--line CODE] --out COPIE.xlsx [--lang fr|en]
        pointage templates [FICHIER.xlsx]

  --template NOM   un modèle intégré (rapport, …) ou une feuille modèle du classeur
  --line CODE      la ligne à remplir : son code opération (C05-043A06) ou son identifiant (Rapport!A2)
  --out COPIE      le classeur rempli (jamais le fichier d'entrée)
`,
  en: `Usage: pointage fill FILE.xlsx --template NAME [--line CODE] --out COPY.xlsx [--lang fr|en]
       pointage templates [FILE.xlsx]

  --template NAME  a built-in template (rapport, …) or a template sheet of the workbook
  --line CODE      the line to fill: its code opération (C05-043A06) or its id (Rapport!A2)
  --out COPY       the filled workbook (never the input file)
`,
};

function line(message: string, lang: Lang): string {
  return `pointage${lang === "fr" ? " :" : ":"} ${message}\n`;
}

export async function fillMain(argv: string[], io: FillIo): Promise<number> {
  let lang: Lang = langOf(argv);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        template: { type: "string" },
        line: { type: "string" },
        out: { type: "string" },
        lang: { type: "string", default: "fr" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    io.stderr(line((e as Error).message, lang) + HELP[lang]);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.lang !== "fr" && values.lang !== "en") {
    io.stderr(line(lang === "fr" ? `--lang : "fr" ou "en", pas "${values.lang}".` : `--lang: "fr" or "en", not "${values.lang}".`, lang));
    return 2;
  }
  lang = values.lang;
  if (values.help) {
    io.stdout(HELP[lang]);
    return 0;
  }
  const [command, file, ...rest] = positionals;
  try {
    if (command === "templates") {
      if (rest.length) throw new CliFileError(HELP[lang]);
      const snapshot: WorkbookSnapshot = file ? await readXlsx(await readInput(file, path.basename(file), lang), path.basename(file)) : { sheets: [] };
      io.stdout(templatesText(snapshot, lang, Boolean(file)));
      return 0;
    }
    if (!file || rest.length || !values.template || !values.out) {
      io.stderr(line(lang === "fr" ? "il faut un FICHIER, --template et --out." : "a FILE, --template and --out are needed.", lang) + HELP[lang]);
      return 2;
    }
    const fileName = path.basename(file);
    const bytes = await readInput(file, fileName, lang);
    const target = await checkOutTarget(values.out, file, lang);
    // The filled copy keeps an .xlsm's macros: its name must say so, as the checked copy's.
    checkCopyExtension(target.given, await isMacroWorkbook(bytes, fileName), lang);
    // `check` reads .xls, .xlsb and .ods; the filled copy is written into the input's own package, so .xlsx only.
    if ((await workbookFormat(bytes, fileName)) !== "xlsx") throw new UnusableFileError("no-fill", fileName);
    const snapshot = await readXlsx(bytes, fileName);
    const result = planFill(snapshot, { template: values.template, line: values.line, lang });
    if (!result.ok) {
      io.stderr(line(lang === "fr" ? `${fileName} : le modèle n'est pas rempli :` : `${fileName}: the template is not filled:`, lang));
      for (const p of result.problems) io.stderr(`  ${p.message}\n`);
      return 2;
    }
    const skipped: string[] = [];
    const filled = await fillWorkbook(bytes, result.plan, { fileName, onSkipped: (kind, detail) => skipped.push(skippedText(kind, detail, lang)) });
    await writeOut(target, filled, lang);
    io.stdout(
      lang === "fr"
        ? `Feuille « ${result.plan.sheetName} » remplie : ${target.given}\n`
        : `Sheet “${result.plan.sheetName}” filled: ${target.given}\n`,
    );
    for (const s of skipped) io.stdout(lang === "fr" ? `  non recopié du modèle : ${s}\n` : `  not copied from the template: ${s}\n`);
    return 0;
  } catch (e) {
    if (e instanceof CliFileError) io.stderr(line(e.message, lang));
    else if (isUnusableFileError(e)) io.stderr(line(e.messageIn(lang), lang));
    else io.stderr(line(`${lang === "fr" ? "erreur inattendue :" : "unexpected error:"} ${(e as Error)?.message ?? String(e)}`, lang));
    return 2;
  }
}

/** What the file host left out of the filled sheet, in the user's words (the template's own part names are OOXML's). */
const TEMPLATE_PARTS: Record<Lang, Record<string, string>> = {
  fr: { drawing: "ses images et graphiques", legacyDrawing: "ses notes", legacyDrawingHF: "les images de son en-tête", drawingHF: "les images de son en-tête", picture: "son image d'arrière-plan", oleObjects: "ses objets incorporés", controls: "ses contrôles de formulaire", extLst: "ses extensions (mises en forme et validations Excel 2010)", protectedRanges: "ses plages protégées", customSheetViews: "ses affichages personnalisés" },
  en: { drawing: "its pictures and charts", legacyDrawing: "its notes", legacyDrawingHF: "its header pictures", drawingHF: "its header pictures", picture: "its background picture", oleObjects: "its embedded objects", controls: "its form controls", extLst: "its extensions (Excel 2010 formats and validations)", protectedRanges: "its protected ranges", customSheetViews: "its custom views" },
};

function skippedText(kind: "chart" | "table" | "name" | "part", detail: string, lang: Lang): string {
  if (kind === "part") return TEMPLATE_PARTS[lang][detail] ?? detail;
  if (kind === "table") return lang === "fr" ? `le tableau Excel ${detail} (il n'a plus de ligne de données)` : `the Excel table ${detail} (it has no data row left)`;
  return `${kind} ${detail}`;
}

function templatesText(snapshot: WorkbookSnapshot, lang: Lang, withFile: boolean): string {
  const templates = listTemplates(snapshot);
  const own = templates.filter((t) => !t.builtin);
  const builtins = templates.filter((t) => t.builtin);
  let out = lang === "fr" ? "Modèles intégrés :\n" : "Built-in templates:\n";
  const idWidth = Math.max(14, ...builtins.map((t) => t.id.length));
  for (const t of builtins) out += `  ${t.id.padEnd(idWidth)} ${t.name}\n`;
  if (withFile) {
    out += lang === "fr" ? "Modèles du classeur :\n" : "Templates in the workbook:\n";
    if (own.length === 0) out += lang === "fr" ? "  (aucun)\n" : "  (none)\n";
    for (const t of own) out += `  ${t.name}\n`;
    const lines = listLines(snapshot, lang);
    out += lang === "fr" ? "Lignes (--line) :\n" : "Lines (--line):\n";
    if (lines.length === 0) out += lang === "fr" ? "  (aucune)\n" : "  (none)\n";
    for (const l of lines) out += `  ${l.id.padEnd(16)} ${l.label}\n`;
  }
  return out;
}
