import { numTexte } from "../../../src/core/checks/num-texte";
import { lianesBudget } from "../../helpers/budgets";
import { checkTester } from "../../helpers/check-tester";
import { IMPUTATION_HEADER, lianes2023 } from "../../helpers/seeds";

checkTester.run(numTexte, {
  valid: [
    { name: "numbers typed as numbers", sheets: [{ name: "R", rows: [IMPUTATION_HEADER, lianes2023()] }] },
    { name: "breakdown with real numbers and % format", sheets: [{ name: "B", rows: lianesBudget({ amountStyle: "number", percentStyle: "fraction" }) }] },
    // A sentence is words: the amounts it states are not numbers stored as text.
    {
      name: "the 2023 Article 4 written as a sentence",
      sheets: [{ name: "C", rows: [["une subvention d'un montant de 7 000 € sur un coût total prévisionnel de 18 695 €, soit un taux d'intervention de 37,44%"]] }],
    },
  ],
  invalid: [
    {
      name: "a breakdown pasted from a PDF: one finding per column run",
      sheets: [{ name: "B", rows: lianesBudget({ amountStyle: "text", percentStyle: "points" }) }],
      findings: [{ messageId: "nombresTexte", cell: "B!C2" }],
    },
    {
      name: "the 2023 convention's three terms are one run",
      sheets: [{ name: "C", rows: [["Montant de la subvention", "7 000 €"], ["Coût total prévisionnel", "18 695 €"], ["Taux d'intervention", "37,44%"]] }],
      findings: [{ messageId: "termesTexte", cell: "C!B1" }],
    },
    {
      name: "a cap noted beside the amount is a note, not a number as text",
      sheets: [{ name: "C", rows: [["Montant de la subvention", "7 000 €", "plafonnée à 8 000 €"], ["Coût total prévisionnel", "18 695 €"]] }],
      findings: [{ messageId: "termesTexte", cell: "C!B1" }],
    },
    {
      name: "two runs in one column",
      sheets: [{ name: "R", rows: [IMPUTATION_HEADER, lianes2023({ proposition: "7 000,00" }), lianes2023({ disponible: 24000, proposition: 1000, solde: 23000 }), lianes2023({ disponible: 23000, proposition: "1 000,00", solde: 22000 })] }],
      findings: [
        { messageId: "nombresTexte", cell: "R!F2" },
        { messageId: "nombresTexte", cell: "R!F4" },
      ],
    },
  ],
});
