/**
 * A stand-in for Office.js in the end-to-end test of the task pane, served in place of
 * Microsoft's CDN script. `Excel.run` is the Excel adapter's own test fake (test/excel/fake-excel.ts)
 * over a small workbook from the seeds' figures, so the real pane drives the real adapter in a
 * real browser. The page's query string picks the scenario:
 *   ?lang=en|fr        Office's display language (default fr)
 *   &theme=dark|light  Office's theme (default light)
 *   &excel=edit        Excel stays in cell-edit mode: every run fails
 *   &workbook=review   a breakdown sheet too, with two errors and two infos (the keyboard walk)
 * The fake workbook is `window.__pointageWorkbook`, for the test to look into.
 */
import { FakeWorkbook, type CellSpec } from "../excel/fake-excel";
import { lianesBudget } from "../helpers/budgets";

const params = new URLSearchParams(window.location.search);
const lang = params.get("lang") === "en" ? "en-US" : "fr-FR";
const dark = params.get("theme") === "dark";

const workbook = new FakeWorkbook();
// Office.js's own request serialisation runs in Node tests only (see officejs.browser.ts).
workbook.officeJs = false;
const HEADER = ["Code Opération", "Imputation budgétaire", "Libellé Opération", "CP", "Disponible", "Proposition", "Solde"];
// Rapport 2023: Lianes (right, with its formula) and APES, whose solde is 1 000 € short.
workbook.addSheet("Rapport APES", {
  rows: [
    HEADER,
    ["C05-043A06", "65748/93043", "Actions européennes et internationales", 43056, 31000, 7000, { value: 24000, formula: "=E2-F2" }],
    ["C01-020Q01", "6568/9365", "Mission ESS - Autres participations", 209285, 209285, 57000, { value: 151285, formula: "=E3-F3-1000" }],
  ],
});
// ?workbook=review: the 2025 Lianes breakdown beside it, its fifth % typed 12,85 (two more errors, two infos), for the keyboard walk.
if (params.get("workbook") === "review") {
  workbook.addSheet("Convention 2025", { rows: lianesBudget({ amountStyle: "number", percentStyle: "points", percents: { 5: 12.85 } }) as CellSpec[][] });
}
if (params.get("excel") === "edit") workbook.failNextSyncs("InvalidOperationInCellEditMode", 1000);

const stubbed = window as unknown as Record<string, unknown>;
stubbed.__pointageWorkbook = workbook;
stubbed.Excel = { run: workbook.run };
stubbed.Office = {
  context: {
    displayLanguage: lang,
    officeTheme: dark
      ? { bodyBackgroundColor: "#1F1F1F", bodyForegroundColor: "#FFFFFF" }
      : { bodyBackgroundColor: "#FFFFFF", bodyForegroundColor: "#000000" },
    requirements: { isSetSupported: (): boolean => true },
  },
  HostType: { Excel: "Excel" },
  onReady(callback?: (info: { host: string; platform: string }) => void): Promise<{ host: string; platform: string }> {
    const info = { host: "Excel", platform: "PC" };
    setTimeout(() => callback?.(info), 0);
    return Promise.resolve(info);
  },
  actions: { associate(): void {} },
};
