/**
 * *Rapport – imputation budgétaire*: the report's table (Code opération · Imputation · Libellé ·
 * CP · Disponible · Proposition · Solde) and its sentence, as the 2023 and 2025 reports write
 * them (« il est proposé un accompagnement financier du Département à hauteur de 9 380 € »).
 * The Solde is a live formula over the row.
 */
import { OPERATION_HEADERS, titledHeader } from "./heading";
import type { BuiltinTemplate } from "./types";

const MONEY = "#,##0.00";

export const rapport: BuiltinTemplate = {
  id: "rapport",
  name: "Rapport – imputation budgétaire",
  sheetName: "Modèle Rapport",
  filledName: "Rapport",
  needsLine: true,
  lineKinds: ["imputation"],
  rows: [
    ...titledHeader("Rapport – imputation budgétaire", [...OPERATION_HEADERS, "CP", "Disponible", "Proposition", "Solde"]),
    ["{lignes.code}", "{lignes.imputation}", "{lignes.libelle}", "{lignes.cp|montant}", "{lignes.disponible|montant}", "{lignes.proposition|montant}", { f: "=E4-F4", fmt: MONEY }],
    [],
    ["À ce titre, il est proposé un accompagnement financier du Département à hauteur de {proposition|euros}."],
  ],
  columnWidths: [16, 20, 40, 14, 14, 14, 14],
};
