/**
 * Turning Office.js failures into `HostError`s the pane can show, in French or English.
 * Office.js rejects with an `OfficeExtension.Error` whose `code` is one of `Excel.ErrorCodes`
 * (not localised) and whose `message` is localised and not meant for users.
 */
import type { Lang } from "../core/findings";
import { HostError } from "../host/HostApi";

/** Excel error codes the adapter reacts to (`Excel.ErrorCodes`, plus the web payload limits). */
export const CELL_EDIT_MODE = "InvalidOperationInCellEditMode";
export const ACCESS_DENIED = "AccessDenied";
export const ITEM_NOT_FOUND = "ItemNotFound";
/** Excel on the web refuses request or response payloads over 5 MB; ranges over 5 M cells too. */
export const PAYLOAD_CODES: ReadonlySet<string> = new Set([
  "RequestPayloadSizeLimitExceeded",
  "ResponsePayloadSizeLimitExceeded",
  "PayloadTooLarge",
  "RangeExceedsLimit",
  "OperationCellsExceedLimit",
]);

/** The `code` of an Office.js error, or "" for anything else. */
export function errorCode(e: unknown): string {
  if (typeof e === "object" && e !== null && "code" in e) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return "";
}

export function isCellEditMode(e: unknown): boolean {
  return errorCode(e) === CELL_EDIT_MODE;
}

export function isPayloadTooLarge(e: unknown): boolean {
  return PAYLOAD_CODES.has(errorCode(e));
}

/** What the failing operation was working on, to name it in the message. */
export interface ErrorScope {
  sheet?: string;
  cell?: string;
}

/** The Excel host's messages (exported for test/taskpane/englishComplete.test.tsx). */
export const HOST_TEXTS = {
  fr: {
    cellEdit: "Terminez la saisie en cours dans la cellule, puis relancez le contrôle.",
    protectedSheet: (s: string) =>
      `La feuille « ${s} » est protégée : ôtez sa protection (Révision > Ôter la protection de la feuille), puis réessayez.`,
    protectedWorkbook:
      "Le classeur ou l'une de ses feuilles est protégé : ôtez la protection (onglet Révision), puis réessayez.",
    tooLarge:
      "Le classeur est trop volumineux pour être lu par Excel, même par blocs : contrôlez-le avec la ligne de commande (pointage check).",
    reportTooLarge:
      "Le rapport est trop volumineux pour être écrit par Excel, même par blocs : produisez-le avec la ligne de commande (pointage check CLASSEUR.xlsx --out COPIE.xlsx).",
    sheetNotFound: (s: string) => `La feuille « ${s} » est introuvable : elle a peut-être été renommée ou supprimée.`,
    cellNotFound: (s: string, c: string) => `La cellule ${c} de la feuille « ${s} » est introuvable.`,
    hiddenSheet: (s: string, c: string) =>
      `La feuille « ${s} » est masquée : affichez-la (clic droit sur un onglet > Afficher) pour voir la cellule ${c}.`,
    veryHiddenSheet: (s: string, c: string) =>
      `La feuille « ${s} » est masquée de façon que le menu Afficher ne la propose pas : rendez-la visible dans l'éditeur Visual Basic (Alt+F11, propriété Visible de la feuille : -1 - xlSheetVisible) pour voir la cellule ${c}.`,
    unknown: (code: string) => `Excel a refusé l'opération (${code || "erreur inconnue"}). Réessayez.`,
  },
  en: {
    cellEdit: "Finish editing the cell, then run the check again.",
    protectedSheet: (s: string) =>
      `The sheet "${s}" is protected: unprotect it (Review > Unprotect Sheet), then try again.`,
    protectedWorkbook: "The workbook or one of its sheets is protected: unprotect it (Review tab), then try again.",
    tooLarge:
      "The workbook is too large for Excel to read, even in blocks: check it with the command line (pointage check).",
    reportTooLarge:
      "The report is too large for Excel to write, even in blocks: produce it with the command line (pointage check FILE.xlsx --out COPY.xlsx).",
    sheetNotFound: (s: string) => `The sheet "${s}" cannot be found: it may have been renamed or deleted.`,
    cellNotFound: (s: string, c: string) => `Cell ${c} of sheet "${s}" cannot be found.`,
    hiddenSheet: (s: string, c: string) =>
      `The sheet "${s}" is hidden: unhide it (right-click a tab > Unhide) to see cell ${c}.`,
    veryHiddenSheet: (s: string, c: string) =>
      `The sheet "${s}" is very hidden, so the Unhide menu does not list it: make it visible in the Visual Basic Editor (Alt+F11, the sheet's Visible property: -1 - xlSheetVisible) to see cell ${c}.`,
    unknown: (code: string) => `Excel refused the operation (${code || "unknown error"}). Try again.`,
  },
} as const;

export function cellEditError(lang: Lang): HostError {
  return new HostError("cell-edit-mode", HOST_TEXTS[lang].cellEdit);
}

export function protectedSheetError(lang: Lang, sheet?: string): HostError {
  const t = HOST_TEXTS[lang];
  return new HostError("protected-sheet", sheet ? t.protectedSheet(sheet) : t.protectedWorkbook, sheet);
}

/**
 * A cell on a hidden sheet cannot be shown (code `not-found`: it cannot be reached). A very
 * hidden sheet is not in Excel's Unhide list: only code (the Visual Basic Editor's Visible
 * property, a macro, an add-in) shows it again.
 */
export function hiddenSheetError(lang: Lang, sheet: string, cell: string, visibility: "Hidden" | "VeryHidden" = "Hidden"): HostError {
  const text = visibility === "VeryHidden" ? HOST_TEXTS[lang].veryHiddenSheet : HOST_TEXTS[lang].hiddenSheet;
  return new HostError("not-found", text(sheet, cell), sheet, cell);
}

export function tooLargeError(lang: Lang): HostError {
  return new HostError("too-large", HOST_TEXTS[lang].tooLarge);
}

export function reportTooLargeError(lang: Lang): HostError {
  return new HostError("too-large", HOST_TEXTS[lang].reportTooLarge);
}

/** Any failure of an `Excel.run` as a `HostError`; a `HostError` passes through unchanged. */
export function toHostError(e: unknown, lang: Lang, scope: ErrorScope = {}): HostError {
  if (e instanceof HostError) return e;
  const code = errorCode(e);
  const t = HOST_TEXTS[lang];
  if (code === CELL_EDIT_MODE) return cellEditError(lang);
  if (code === ACCESS_DENIED) return protectedSheetError(lang, scope.sheet);
  if (PAYLOAD_CODES.has(code)) return tooLargeError(lang);
  if (code === ITEM_NOT_FOUND && scope.sheet) {
    return new HostError("not-found", t.sheetNotFound(scope.sheet), scope.sheet, scope.cell);
  }
  if (code === "InvalidArgument" && scope.sheet && scope.cell) {
    return new HostError("not-found", t.cellNotFound(scope.sheet, scope.cell), scope.sheet, scope.cell);
  }
  const unknown = new HostError("unknown", t.unknown(code), scope.sheet, scope.cell);
  // Kept for developers (console, logs); the user sees only the message above.
  Object.defineProperty(unknown, "cause", { value: e, enumerable: false });
  return unknown;
}
