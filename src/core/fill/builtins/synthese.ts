/**
 * *Synthèse avant commission*: every operation of the workbook (code and CP: 2023 and 2025 share a
 * code, never summed together) with its CP, the Σ of its propositions and the balance left as a
 * live formula, then every table Pointage read with its findings.
 */
import { OPERATION_HEADERS, titledHeader } from "./heading";
import type { BuiltinTemplate } from "./types";

const MONEY = "#,##0.00";

export const synthese: BuiltinTemplate = {
  id: "synthese",
  name: "Synthèse avant commission",
  sheetName: "Modèle Synthèse",
  filledName: "Synthèse",
  needsLine: false,
  lineKinds: [],
  optionalLists: ["operations", "tableaux"],
  rows: [
    ...titledHeader("Synthèse avant commission", [...OPERATION_HEADERS, "Crédits CP", "Disponible avant", "Σ des propositions", "Reste après propositions", "Lignes"]),
    ["{operations.code}", "{operations.imputation}", "{operations.libelle}", "{operations.cp|montant}", "{operations.disponible|montant}", "{operations.propositions|montant}", { f: "=E4-F4", fmt: MONEY }, "{operations.lignes|entier}"],
    [],
    ["Tableau", "Feuille", "Type", "Erreurs", "Avertissements", "Constats"],
    ["{tableaux.tableau}", "{tableaux.feuille}", "{tableaux.type}", "{tableaux.erreurs|entier}", "{tableaux.avertissements|entier}", "{tableaux.constats}"],
  ],
  columnWidths: [16, 20, 40, 14, 16, 16, 20, 10],
};
