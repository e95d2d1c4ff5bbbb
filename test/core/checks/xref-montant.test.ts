import { xrefMontant } from "../../../src/core/checks/xref-montant";
import { lianesBudget } from "../../helpers/budgets";
import { checkTester } from "../../helpers/check-tester";
import { DEPENSE_HEADER, IMPUTATION_HEADER, IMPUTATION_HEADER_CYRILLIC, lianes2023, lianes2025 } from "../../helpers/seeds";

const convention = (subvention: string, cout: string) => [
  ["Montant de la subvention", subvention],
  ["Coût total prévisionnel", cout],
];
const deliberation = (cp: string, depense: string) => ["C05-043A06", "65748//93043", "Actions européennes et internationales", cp, depense];

checkTester.run(xrefMontant, {
  valid: [
    {
      name: "2023 dossier: convention, report and deliberation at 7 000",
      sheets: [
        { name: "Rapport", rows: [IMPUTATION_HEADER, lianes2023()] },
        { name: "Délibération", rows: [DEPENSE_HEADER, deliberation("43 056,00", "7 000,00")] },
        { name: "Convention", rows: convention("7 000 €", "18 695 €") },
      ],
    },
    {
      // The breakdown's TOTAL is the coût total prévisionnel: the project's budget, not the subsidy's.
      name: "2023: a project budget of 18 695 beside a 7 000 subsidy",
      sheets: [
        { name: "Convention", rows: convention("7 000 €", "18 695 €") },
        { name: "Budget", rows: [["Poste", "Montant"], ["Actions", "10 000,00"], ["Frais", "8 695,00"], ["TOTAL", "18 695,00"]] },
      ],
    },
    {
      name: "2025 dossier: breakdown TOTAL 9 380 = subsidy",
      sheets: [
        { name: "Rapport", rows: [IMPUTATION_HEADER_CYRILLIC, lianes2025()] },
        { name: "Convention", rows: [...convention("9 380 €", "9 380 €"), [], ...lianesBudget()] },
      ],
    },
  ],
  invalid: [
    {
      name: "convention says 7 500, the deliberation and the report 7 000",
      sheets: [
        { name: "Rapport", rows: [IMPUTATION_HEADER, lianes2023()] },
        { name: "Délibération", rows: [DEPENSE_HEADER, deliberation("43 056,00", "7 000,00")] },
        { name: "Convention", rows: convention("7 500 €", "18 695 €") },
      ],
      findings: [
        { messageId: "montantDiffere", cell: "Convention!B1", actual: { kind: "money", cents: 750000 }, expected: { kind: "money", cents: 700000 } },
        { messageId: "montantDiffere", cell: "Convention!B1", actual: { kind: "money", cents: 750000 }, expected: { kind: "money", cents: 700000 } },
      ],
    },
    {
      name: "2025 breakdown TOTAL 9 480 for a 9 380 subsidy",
      sheets: [{ name: "Convention", rows: [...convention("9 380 €", "10 000 €"), [], ...lianesBudget({ total: "9 480,00 €" })] }],
      findings: [{ messageId: "montantDiffere", cell: "Convention!B1", expected: { kind: "money", cents: 948000 } }],
    },
  ],
});
