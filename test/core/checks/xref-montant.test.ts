import { xrefMontant } from "../../../src/core/checks/xref-montant";
import { lianesBudget } from "../../helpers/budgets";
import { checkTester } from "../../helpers/check-tester";
import type { CellSpec } from "../../helpers/sheet-builder";
import { DEPENSE_HEADER, IMPUTATION_HEADER, IMPUTATION_HEADER_CYRILLIC, lianes2023, lianes2025 } from "../../helpers/seeds";

const convention = (subvention: string, cout: string) => [
  ["Montant de la subvention", subvention],
  ["Coût total prévisionnel", cout],
];
/** The 2025 dossier's report and deliberation, both at 9 380,00, and a convention sheet given. */
const dossier2025 = (convention: { name: string; rows: CellSpec[][] }) => [
  { name: "Rapport", rows: [IMPUTATION_HEADER_CYRILLIC, lianes2025()] },
  { name: "Délibération", rows: [DEPENSE_HEADER, ["C05-043A06", "65748//93043", "Actions européennes et internationales", "10 000,00", "9 380,00"]] },
  convention,
];
/** 9 830 for 9 380: two digits swapped, against the Dépense and the Proposition. */
const swapped = (messageId = "montantDiffere", sheet = "Convention 2025", cell = "B1") =>
  ["Délibération", "Rapport"].map(() => ({ messageId, cell: `${sheet}!${cell}`, actual: { kind: "money" as const, cents: 983000 }, expected: { kind: "money" as const, cents: 938000 } }));
const ARTICLE_4_2025 = (amount: string) =>
  `Au titre de l'année 2025, le Département octroie au bénéficiaire une subvention d'un montant de ${amount} afin de mener les actions prévues à l'article 2.`;

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
    {
      // The demo's mistake: REP-TOTAL says the TOTAL is wrong; the convention is not asked to match it.
      name: "2025: TOTAL 9 180 leaves out a line, its rows add up to the subsidy's 9 380",
      sheets: [
        { name: "Rapport", rows: [IMPUTATION_HEADER_CYRILLIC, lianes2025()] },
        { name: "Convention", rows: [...convention("9 380 €", "10 000 €"), [], ...lianesBudget({ amountStyle: "number", total: { v: 9180, f: "=SUM(C5:C11)" } })] },
      ],
    },
    {
      name: "2023: a wrong project budget TOTAL whose rows are the coût total",
      sheets: [
        { name: "Convention", rows: convention("7 000 €", "18 695 €") },
        { name: "Budget", rows: [["Poste", "Montant"], ["Actions", "10 000,00"], ["Frais", "8 695,00"], ["TOTAL", "18 000,00"]] },
      ],
    },
    { name: "a convention sheet stating only its amount, 9 380,00 €", sheets: dossier2025({ name: "Convention 2025", rows: [["Montant de la subvention", "9 380,00 €"]] }) },
    { name: "the 2025 Article 4 sentence at 9 380 €", sheets: dossier2025({ name: "Convention 2025", rows: [["Article 4 : Montant de la subvention"], [ARTICLE_4_2025("9 380 €")]] }) },
    // A bare `Subvention` on a sheet that says nothing of a convention may be any table's line.
    { name: "a bare Subvention 9 830 on a sheet of notes is not a convention", sheets: dossier2025({ name: "Notes", rows: [["Subvention", "9 830,00 €"]] }) },
    {
      name: "the report's own sentence is not a convention",
      sheets: dossier2025({ name: "Notes", rows: [["Il est proposé d'attribuer une subvention de 9 830 € à l'association Lianes coopération."]] }),
    },
  ],
  invalid: [
    {
      name: "a convention sheet stating only « Montant de la subvention | 9 830,00 € »",
      sheets: dossier2025({ name: "Convention 2025", rows: [["Montant de la subvention", "9 830,00 €"]] }),
      findings: swapped(),
    },
    {
      name: "an unambiguous term alone, on a sheet of any name",
      sheets: dossier2025({ name: "Feuil3", rows: [["Montant de la subvention", "9 830,00 €"]] }),
      findings: swapped("montantDiffere", "Feuil3"),
    },
    {
      name: "a bare Subvention on a sheet named Convention 2025",
      sheets: dossier2025({ name: "Convention 2025", rows: [["Subvention", "9 830,00 €"]] }),
      findings: swapped(),
    },
    {
      name: "a bare Subvention under the title CONVENTION DE PARTENARIAT",
      sheets: dossier2025({ name: "Feuil3", rows: [["CONVENTION DE PARTENARIAT"], [], ["Subvention", "9 830,00 €"]] }),
      findings: swapped("montantDiffere", "Feuil3", "B3"),
    },
    {
      name: "the 2025 Article 4 sentence at 9 830 €: the finding sits on the sentence",
      sheets: dossier2025({ name: "Convention 2025", rows: [["Article 4 : Montant de la subvention"], [ARTICLE_4_2025("9 830 €")]] }),
      findings: swapped("montantDiffere", "Convention 2025", "A2"),
    },
    {
      name: "« le Département attribue une subvention de 9 830 € » under an Article 4 title",
      sheets: dossier2025({ name: "Feuil3", rows: [["Article 4 – Montant de la subvention"], ["Le Département attribue une subvention de 9\u202f830\u00a0€ à l'association."]] }),
      findings: swapped("montantDiffere", "Feuil3", "A2"),
    },
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
      name: "2025 breakdown adding up to 9 480 for a 9 380 subsidy",
      sheets: [{ name: "Convention", rows: [...convention("9 380 €", "10 000 €"), [], ...lianesBudget({ amounts: { 0: "3 100,00 €" }, total: "9 480,00 €" })] }],
      findings: [{ messageId: "montantDiffere", cell: "Convention!B1", expected: { kind: "money", cents: 948000 } }],
    },
    {
      // Neither the TOTAL (9 180, wrong) nor its rows (9 480) say 9 380: compared with the rows, saying so.
      name: "wrong TOTAL and rows that add up to another amount: compared with the rows",
      sheets: [{ name: "Convention", rows: [...convention("9 380 €", "10 000 €"), [], ...lianesBudget({ amounts: { 0: "3 100,00 €" }, total: "9 180,00 €" })] }],
      findings: [{ messageId: "montantDiffereDetail", cell: "Convention!B1", actual: { kind: "money", cents: 938000 }, expected: { kind: "money", cents: 948000 } }],
    },
  ],
});
