/**
 * *Convention – montant et taux*: the 2023 convention's Article 4 (« une subvention d'un montant
 * de 7 000 € sur un coût total prévisionnel de 18 695 €, soit un taux d'intervention de 37,44% »),
 * the amount in words, and the terms as a label | value table whose rate is a live formula.
 */
import type { BuiltinTemplate } from "./types";

export const convention: BuiltinTemplate = {
  id: "convention",
  name: "Convention – montant et taux",
  sheetName: "Modèle Convention",
  filledName: "Convention",
  needsLine: false,
  lineKinds: ["imputation", "depense"],
  rows: [
    ["Article 4 : Montant de la subvention"],
    ["Le Département octroie au bénéficiaire une subvention d'un montant de {subvention|euros} sur un coût total prévisionnel de {cout_total|euros}, soit un taux d'intervention de {taux|pct}."],
    ["Soit, en lettres : {subvention|lettres}."],
    [],
    ["Montant de la subvention", "{subvention|euros}"],
    ["Coût total prévisionnel", "{cout_total|euros}"],
    ["Taux d'intervention", { f: "=B5/B6", fmt: "0.00%" }],
  ],
  columnWidths: [34, 16],
};
