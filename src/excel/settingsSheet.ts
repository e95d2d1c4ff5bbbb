/**
 * Writing the settings into the very hidden `_pointage` sheet (see `src/core/settings.ts` for
 * its layout), which every host reads. Two syncs: one to learn whether it exists, one to write.
 */
import type { Lang } from "../core/findings";
import { SETTINGS_SHEET } from "../core/model";
import { type WorkbookSettings, settingsToRows } from "../core/settings";
import { ACCESS_DENIED, errorCode, protectedSheetError } from "./errors";

/** Writes the settings; returns the sheet's id. */
export async function saveSettingsIn(
  context: Excel.RequestContext,
  settings: WorkbookSettings,
  lang: Lang,
): Promise<string> {
  const worksheets = context.workbook.worksheets;
  const existing = worksheets.getItemOrNullObject(SETTINGS_SHEET);
  await context.sync();
  const existed = !existing.isNullObject;

  try {
    let sheet: Excel.Worksheet;
    if (existed) {
      sheet = existing;
      sheet.getRange().clear();
    } else {
      sheet = worksheets.add(SETTINGS_SHEET);
    }
    sheet.visibility = "VeryHidden";
    sheet.load("id");

    const rows = settingsToRows(settings);
    const width = Math.max(1, ...rows.map((r) => r.length));
    const padded = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ""));
    const range = sheet.getRangeByIndexes(0, 0, padded.length, width);
    // Text first: a header such as "=Montant" or "+ CP" must stay text.
    range.numberFormat = padded.map((r) => r.map(() => "@"));
    range.values = padded;
    await context.sync();
    return sheet.id;
  } catch (e) {
    if (errorCode(e) === ACCESS_DENIED) throw protectedSheetError(lang, existed ? SETTINGS_SHEET : undefined);
    throw e;
  }
}
