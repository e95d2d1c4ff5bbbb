/**
 * *Délibération – articles 1 et 3*, in the 2023 and 2025 deliberations' words: « D'attribuer une
 * subvention de 7 000 € à l'association Lianes coopération, pour l'année 2023 » and the Article 3
 * table (Code Opération | Imputation budgétaire | Libellé Opération | CP € | Dépense €). Filled
 * from an Article 3 line first (its imputation is the one the deliberation votes), else a report line.
 */
import { OPERATION_HEADERS } from "./heading";
import type { BuiltinTemplate } from "./types";

export const deliberation: BuiltinTemplate = {
  id: "deliberation",
  name: "Délibération – articles 1 et 3",
  sheetName: "Modèle Délibération",
  filledName: "Délibération",
  needsLine: true,
  lineKinds: ["depense", "imputation"],
  rows: [
    ["Article 1 :"],
    ["D'attribuer une subvention de {depense|euros} à l'association {beneficiaire}, pour l'année {annee}."],
    [],
    ["Article 3 :"],
    ["La dépense versée en application de l'article 1 de la présente délibération est imputée sur le budget départemental comme suit :"],
    [...OPERATION_HEADERS, "CP €", "Dépense €"],
    ["{lignes.code}", "{lignes.imputation}", "{lignes.libelle}", "{lignes.cp|montant}", "{lignes.depense|montant}"],
  ],
  columnWidths: [16, 20, 40, 14, 14],
};
