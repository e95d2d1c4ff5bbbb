/**
 * Files Pointage cannot read, and the one-line message that says why (DOMAIN.md, "Unusable or
 * unsupported files"). The CLI prints `message` and exits 2; the web page shows it as is.
 */
import type { Lang } from "../core/findings";
import { MAX_BINARY_MB, MAX_CELLS_PER_SHEET, MAX_COLUMNS, MAX_FILE_MB, MAX_ROWS, MAX_UNZIPPED_MB, type LimitKind } from "./limits";

export { MAX_BINARY_MB, MAX_UNZIPPED_MB } from "./limits";

/** Why a file cannot be read. */
export type UnusableFileCode =
  /** Zero bytes. */
  | "empty"
  /** A zip or OLE2 container that is cut short or damaged. */
  | "corrupt"
  /** An encrypted (password-protected) Excel file. */
  | "password"
  /** A legacy Excel 97-2003 workbook the .xls reader cannot read. */
  | "xls"
  /** An OpenDocument spreadsheet (LibreOffice) the .ods reader cannot read. */
  | "ods"
  /** An Excel binary workbook (.xlsb) the reader cannot read. */
  | "xlsb"
  /** A checked copy asked for a workbook read by hand (.ods) that SheetJS cannot convert to .xlsx. */
  | "no-copy"
  /** A template asked to be filled in a workbook read by SheetJS or the .ods reader: the filled copy is written into an .xlsx package. */
  | "no-fill"
  /** Beyond the limits Pointage reads (file size, sheet size): see MAX_BINARY_MB. */
  | "too-large"
  /** A Word document (.docx or .doc). */
  | "docx"
  /** A PowerPoint presentation. */
  | "pptx"
  /** A PDF document. */
  | "pdf"
  /** A text file (CSV, HTML or XML table saved with an Excel extension). */
  | "text"
  /** An .xlsx the reader cannot handle although it looks like a workbook. */
  | "unsupported"
  /** An .xlsx missing a part it announces, or with a part that is not well-formed XML: see DamageDetail. */
  | "damaged"
  /** Anything else. */
  | "not-spreadsheet";


const SAVE_AS_FR =
  "ouvrez-le dans Excel ou LibreOffice et choisissez Enregistrer sous… > Classeur Excel (.xlsx)";
const SAVE_AS_EN = "open it in Excel or LibreOffice and choose Save As… > Excel Workbook (.xlsx)";

const MESSAGES: Record<UnusableFileCode, Record<Lang, string>> = {
  empty: {
    fr: "le fichier est vide.",
    en: "the file is empty.",
  },
  corrupt: {
    fr: "le fichier est tronqué ou endommagé.",
    en: "the file is truncated or damaged.",
  },
  password: {
    fr: "le fichier est protégé par un mot de passe ; enregistrez-en une copie sans mot de passe.",
    en: "the file is password-protected; save a copy without a password.",
  },
  xls: {
    fr: `Pointage ne sait pas lire ce classeur Excel 97-2003 (.xls) ; ${SAVE_AS_FR}.`,
    en: `Pointage cannot read this Excel 97-2003 workbook (.xls); ${SAVE_AS_EN}.`,
  },
  ods: {
    fr: `Pointage ne sait pas lire ce classeur OpenDocument (.ods) ; ${SAVE_AS_FR}.`,
    en: `Pointage cannot read this OpenDocument spreadsheet (.ods); ${SAVE_AS_EN}.`,
  },
  xlsb: {
    fr: `Pointage ne sait pas lire ce classeur Excel binaire (.xlsb) ; ${SAVE_AS_FR}.`,
    en: `Pointage cannot read this Excel binary workbook (.xlsb); ${SAVE_AS_EN}.`,
  },
  "no-copy": {
    fr: "Pointage lit ce classeur mais ne sait pas en écrire une copie .xlsx ; enregistrez-le au format .xlsx (Fichier > Enregistrer sous…) pour obtenir la copie contrôlée.",
    en: "Pointage reads this workbook but cannot write an .xlsx copy of it; save it as .xlsx (File > Save As…) to get the checked copy.",
  },
  "no-fill": {
    fr: "Pointage contrôle ce classeur mais ne remplit les modèles que dans un classeur .xlsx ou .xlsm ; enregistrez-le au format .xlsx (Fichier > Enregistrer sous…), puis remplissez la copie.",
    en: "Pointage checks this workbook but fills templates only in an .xlsx or .xlsm workbook; save it as .xlsx (File > Save As…), then fill the copy.",
  },
  "too-large": {
    fr: `le classeur dépasse ce que Pointage lit : ${MAX_BINARY_MB} Mo au plus (${MAX_UNZIPPED_MB} Mo décompressé), des feuilles d'au plus 1 048 576 lignes et 16 384 colonnes.`,
    en: `the workbook is beyond what Pointage reads: at most ${MAX_BINARY_MB} MB (${MAX_UNZIPPED_MB} MB unzipped), sheets of at most 1,048,576 rows and 16,384 columns.`,
  },
  docx: {
    fr: "ce n'est pas un classeur Excel (.xlsx) mais un document Word.",
    en: "this is not an Excel workbook (.xlsx) but a Word document.",
  },
  pptx: {
    fr: "ce n'est pas un classeur Excel (.xlsx) mais une présentation PowerPoint.",
    en: "this is not an Excel workbook (.xlsx) but a PowerPoint presentation.",
  },
  pdf: {
    fr: "ce n'est pas un classeur Excel (.xlsx) mais un document PDF.",
    en: "this is not an Excel workbook (.xlsx) but a PDF document.",
  },
  text: {
    fr: `c'est un fichier texte (CSV, HTML…), pas un classeur Excel (.xlsx) ; ${SAVE_AS_FR}.`,
    en: `this is a text file (CSV, HTML…), not an Excel workbook (.xlsx); ${SAVE_AS_EN}.`,
  },
  unsupported: {
    fr: "Pointage ne sait pas lire ce classeur ; ouvrez-le dans Excel et enregistrez-en une copie (Enregistrer sous… > Classeur Excel (.xlsx)).",
    en: "Pointage cannot read this workbook; open it in Excel and save a copy (Save As… > Excel Workbook (.xlsx)).",
  },
  damaged: {
    fr: "le classeur est endommagé : une de ses parties manque ou n'est pas du XML valide.",
    en: "the workbook is damaged: one of its parts is missing or is not well-formed XML.",
  },
  "not-spreadsheet": {
    fr: "ce n'est pas un classeur Excel (.xlsx).",
    en: "this is not an Excel workbook (.xlsx).",
  },
};

/** Keeps the message on one line whatever the file name holds. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").trim();
}

/** Which limit a "too-large" file is beyond, and on which sheet. */
export interface LimitDetail {
  kind: LimitKind;
  sheet?: string;
  /** For "unzipped-size" found while unzipping: the part that went past the limit. */
  part?: string;
}

/** A number the French way (`1 048 576`, narrow no-break spaces) or the English way (`1,048,576`). */
function count(n: number, lang: Lang): string {
  return n.toLocaleString(lang === "fr" ? "fr-FR" : "en-US");
}

/** What a limit says, without the file name. */
function limitMessage(limit: LimitDetail, lang: Lang): string {
  const sheet = limit.sheet === undefined ? undefined : oneLine(limit.sheet);
  const where = sheet === undefined ? (lang === "fr" ? "le classeur" : "the workbook") : lang === "fr" ? `la feuille « ${sheet} »` : `sheet "${sheet}"`;
  const refused = lang === "fr" ? " ; Pointage ne lit pas ce classeur." : "; Pointage does not read this workbook.";
  switch (limit.kind) {
    case "file-size":
      return lang === "fr" ? `le fichier dépasse ${MAX_FILE_MB} Mo, la taille que Pointage lit au plus.` : `the file is over ${MAX_FILE_MB} MB, the most Pointage reads.`;
    case "unzipped-size":
      if (limit.part !== undefined) {
        // Found while unzipping: the zip declared less than it holds.
        const part = oneLine(limit.part);
        return lang === "fr"
          ? `le classeur décompressé dépasse ${MAX_UNZIPPED_MB} Mo, la taille que Pointage lit au plus, dans la partie ${part}${sheet === undefined ? "" : ` (feuille « ${sheet} »)`}, bien que le zip annonce moins ; la lecture a été arrêtée là.`
          : `the workbook unzips to more than ${MAX_UNZIPPED_MB} MB, the most Pointage reads, in part ${part}${sheet === undefined ? "" : ` (sheet "${sheet}")`}, though the zip declares less; reading stopped there.`;
      }
      return lang === "fr"
        ? `le classeur décompressé dépasserait ${MAX_UNZIPPED_MB} Mo, la taille que Pointage lit au plus.`
        : `the workbook would unzip to more than ${MAX_UNZIPPED_MB} MB, the most Pointage reads.`;
    case "rows":
      return lang === "fr"
        ? `${where} a des données au-delà de la ligne ${count(MAX_ROWS, lang)}, la dernière d'une feuille Excel${refused}`
        : `${where} holds data beyond row ${count(MAX_ROWS, lang)}, the last of an Excel sheet${refused}`;
    case "columns":
      return lang === "fr"
        ? `${where} a des données au-delà de la colonne ${count(MAX_COLUMNS, lang)} (XFD), la dernière d'une feuille Excel${refused}`
        : `${where} holds data beyond column ${count(MAX_COLUMNS, lang)} (XFD), the last of an Excel sheet${refused}`;
    case "cells":
      return lang === "fr"
        ? `${where} compte plus de ${count(MAX_CELLS_PER_SHEET, lang)} cellules remplies (cellules répétées comprises), la limite de Pointage${refused}`
        : `${where} holds more than ${count(MAX_CELLS_PER_SHEET, lang)} cells with content (repeated cells included), Pointage's limit${refused}`;
  }
}

/** What is damaged in a "damaged" .xlsx: which part, for which sheet and cell. */
export interface DamageDetail {
  /** A part announced but absent; a sheet without its part; shared strings referred to but absent; a shared string index beyond them; a part that is not well-formed XML. */
  kind: "missing-part" | "missing-sheet" | "missing-strings" | "bad-string" | "malformed";
  /** The part's path in the zip (`xl/worksheets/sheet2.xml`). */
  part: string;
  sheet?: string;
  cell?: string;
  /** For "bad-string": the index the cell gives. */
  index?: string;
}

/** What a damage says, without the file name. */
function damageMessage(d: DamageDetail, lang: Lang): string {
  const part = oneLine(d.part);
  const sheet = d.sheet === undefined ? undefined : oneLine(d.sheet);
  const refused = lang === "fr" ? " ; Pointage ne contrôle pas ce classeur." : "; Pointage does not check this workbook.";
  const cell = d.cell === undefined ? "" : lang === "fr" ? `, cellule ${d.cell}` : `, cell ${d.cell}`;
  const where = sheet === undefined ? "" : lang === "fr" ? ` (feuille « ${sheet} »${cell})` : ` (sheet "${sheet}"${cell})`;
  switch (d.kind) {
    case "missing-part":
      return lang === "fr" ? `le classeur est endommagé : la partie ${part} manque${refused}` : `the workbook is damaged: part ${part} is missing${refused}`;
    case "missing-sheet":
      return lang === "fr"
        ? `le classeur est endommagé : la feuille « ${sheet} » est annoncée mais ses cellules (${part}) manquent${refused}`
        : `the workbook is damaged: sheet "${sheet}" is listed but its cells (${part}) are missing${refused}`;
    case "missing-strings":
      return lang === "fr"
        ? `le classeur est endommagé : des cellules renvoient aux textes partagés, mais la partie ${part} manque${where}${refused}`
        : `the workbook is damaged: cells refer to shared strings, but part ${part} is missing${where}${refused}`;
    case "bad-string":
      return lang === "fr"
        ? `le classeur est endommagé : une cellule renvoie au texte partagé n° ${oneLine(d.index ?? "")}, absent de ${part}${where}${refused}`
        : `the workbook is damaged: a cell refers to shared string #${oneLine(d.index ?? "")}, which ${part} lacks${where}${refused}`;
    case "malformed":
      return lang === "fr"
        ? `le classeur est endommagé : la partie ${part} n'est pas du XML valide (tronquée ?)${where}${refused}`
        : `the workbook is damaged: part ${part} is not well-formed XML (truncated?)${where}${refused}`;
  }
}

/** The one-line message for a code: `budget.xlsx : le fichier est vide.` */
export function unusableMessage(code: UnusableFileCode, fileName: string, lang: Lang, limit?: LimitDetail, damage?: DamageDetail): string {
  const name = oneLine(fileName) || (lang === "fr" ? "classeur" : "workbook");
  const separator = lang === "fr" ? " : " : ": ";
  const text = code === "too-large" && limit ? limitMessage(limit, lang) : code === "damaged" && damage ? damageMessage(damage, lang) : MESSAGES[code][lang];
  return name + separator + text;
}

/** A file Pointage cannot read. `message` is French, `messageEn` English; both are one line. */
export class UnusableFileError extends Error {
  readonly messageEn: string;

  constructor(
    readonly code: UnusableFileCode,
    readonly fileName: string,
    /** The low-level error, for debugging; never shown to the user. */
    readonly detail?: unknown,
    /** For "too-large": which limit, and the sheet beyond it. */
    readonly limit?: LimitDetail,
    /** For "damaged": which part, sheet and cell. */
    readonly damage?: DamageDetail,
  ) {
    super(unusableMessage(code, fileName, "fr", limit, damage));
    this.name = "UnusableFileError";
    this.messageEn = unusableMessage(code, fileName, "en", limit, damage);
  }

  /** The message in the requested language. */
  messageIn(lang: Lang): string {
    return lang === "fr" ? this.message : this.messageEn;
  }
}

/** Type guard usable across bundles (instanceof fails when two copies of the class are loaded). */
export function isUnusableFileError(error: unknown): error is UnusableFileError {
  return (
    error instanceof UnusableFileError ||
    (typeof error === "object" && error !== null && (error as { name?: unknown }).name === "UnusableFileError")
  );
}
