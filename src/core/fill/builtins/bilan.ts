/**
 * *Bilan financier – ajustement*: the breakdown's actions, forecast against realised (the realised
 * column is for the officer to type: no table of the seeds gives it per action), each action's
 * execution rate, then the subsidy due and the reversement as live formulas under the
 * convention's regime (DOMAIN.md, CONV-PRORATA): prorata `MIN(subvention, ROUND(subvention ×
 * réalisé ÷ coût total, 2))`, or reduction `MIN(subvention, réalisé)`; reversement
 * `MAX(0, versé − due)`.
 */
import type { ProrataRegime } from "../../settings";
import type { BuiltinTemplate } from "./types";

const MONEY = "#,##0.00";

/**
 * The subsidy due under the convention's regime, over the cells holding the subsidy, the coût
 * total and the expenses realised: prorata `MIN(subvention, ROUND(subvention × réalisé ÷ coût
 * total, 2))`, or reduction `MIN(subvention, réalisé)` (DOMAIN.md, CONV-PRORATA).
 */
export function dueFormula(regime: ProrataRegime, subvention: string, coutTotal: string, realise: string): string {
  return regime === "prorata" ? `=MIN(${subvention},ROUND(${subvention}*${realise}/${coutTotal},2))` : `=MIN(${subvention},${realise})`;
}

/** What the beneficiary pays back: what was paid less what is due, when positive. */
export function reversementFormula(verse: string, due: string): string {
  return `=MAX(0,${verse}-${due})`;
}

export function bilan(regime: ProrataRegime): BuiltinTemplate {
  return {
    id: "bilan",
    name: "Bilan financier – ajustement",
    sheetName: "Modèle Bilan",
    filledName: "Bilan",
    needsLine: false,
    lineKinds: [],
    optionalLists: ["actions"],
    rows: [
      ["Bilan financier – ajustement de la subvention"],
      [],
      ["Action", "Prévu (€)", "Réalisé (€)", "Taux d'exécution"],
      ["{actions.libelle}", "{actions.montant|montant}", null, { f: '=IF(B4=0,"",C4/B4)', fmt: "0.00%" }],
      ["TOTAL", { f: "=SUM(B4)", fmt: MONEY }, { f: "=SUM(C4)", fmt: MONEY }, { f: '=IF(B5=0,"",C5/B5)', fmt: "0.00%" }],
      [],
      ["Montant de la subvention", "{subvention|montant}"],
      ["Coût total prévisionnel", "{cout_total|montant}"],
      ["Dépenses réalisées", "{depenses_realisees|montant}"],
      ["Taux d'exécution", { f: "=B9/B8", fmt: "0.00%" }],
      ["Subvention due", { f: dueFormula(regime, "B7", "B8", "B9"), fmt: MONEY }],
      ["Montant versé", "{montant_verse|montant}"],
      ["Reversement", { f: reversementFormula("B12", "B11"), fmt: MONEY }],
    ],
    columnWidths: [50, 16, 16, 16],
    charts: [{ type: "bar", title: "Prévu par action", categories: "A4:A4", values: "B4:B4", anchor: "F3" }],
  };
}
