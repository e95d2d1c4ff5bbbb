import { convProrata, subventionDue } from "../../../src/core/checks/conv-prorata";
import { checkTester } from "../../helpers/check-tester";
import type { CellSpec } from "../../helpers/sheet-builder";

/** The 2023 convention at year end: 7 000 € on 18 695 €, 15 000 € spent, 7 000 € paid. */
const bilan = (due: CellSpec, reversement: CellSpec = "1 383,53 €"): CellSpec[][] => [
  ["Montant de la subvention", "7 000 €"],
  ["Coût total prévisionnel", "18 695 €"],
  ["Dépenses réalisées", "15 000 €"],
  ["Montant versé", "7 000 €"],
  ["Subvention due", due],
  ["Reversement", reversement],
];

checkTester.run(convProrata, {
  valid: [
    // 7 000 × 15 000 / 18 695 = 5 616,47499… → 5 616,47 (DOMAIN.md; an issue's 5 616,48 is wrong).
    { name: "2023: due 5 616,47 €, reversement 1 383,53 €", sheets: [{ name: "Bilan", rows: bilan("5 616,47 €") }] },
    {
      name: "2025 regime (réduite en conséquence): due = réalisé",
      settings: { prorataRegime: "reduction" },
      sheets: [{ name: "B", rows: [["Montant de la subvention", 9380], ["Coût total prévisionnel", 9380], ["Dépenses réalisées", 8000], ["Subvention due", 8000]] }],
    },
    {
      name: "the year-end statement in a sentence, 5 616,47 €",
      sheets: [{ name: "Bilan", rows: [["une subvention d'un montant de 7 000 € sur un coût total prévisionnel de 18 695 €"], ["Dépenses réalisées : 15 000 €"], ["La subvention due s'élève à 5 616,47 €, soit un reversement de 1 383,53 €."], ["Montant versé", "7 000 €"]] }],
    },
    { name: "everything spent: the whole subsidy is due", sheets: [{ name: "B", rows: [["Montant de la subvention", 7000], ["Coût total prévisionnel", 18695], ["Dépenses réalisées", 19000], ["Subvention due", 7000]] }] },
  ],
  invalid: [
    {
      name: "due rounded up to 5 616,48 €",
      sheets: [{ name: "Bilan", rows: bilan("5 616,48 €", "1 383,52 €") }],
      findings: [
        { messageId: "dueProrata", cell: "Bilan!B5", actual: { kind: "money", cents: 561648 }, expected: { kind: "money", cents: 561647 } },
        { messageId: "reversementFaux", cell: "Bilan!B6", actual: { kind: "money", cents: 138352 }, expected: { kind: "money", cents: 138353 } },
      ],
    },
    {
      name: "the year-end statement in a sentence, the prorata rounded up",
      sheets: [
        {
          name: "Bilan",
          rows: [
            ["Montant de la subvention", "7 000 €"],
            ["Coût total prévisionnel", "18 695 €"],
            ["Dépenses réalisées", "15 000 €"],
            ["Au vu du bilan, la subvention due s'élève à 5 616,48 €."],
          ],
        },
      ],
      findings: [{ messageId: "dueProrata", cell: "Bilan!A4", expected: { kind: "money", cents: 561647 } }],
    },
    {
      name: "reversement forgotten",
      sheets: [{ name: "Bilan", rows: bilan("5 616,47 €", 0) }],
      findings: [{ messageId: "reversementFaux", cell: "Bilan!B6", expected: { kind: "money", cents: 138353 } }],
    },
    {
      name: "2025 regime with a prorata figure",
      settings: { prorataRegime: "reduction" },
      sheets: [{ name: "B", rows: [["Montant de la subvention", 7000], ["Coût total prévisionnel", 18695], ["Dépenses réalisées", 15000], ["Subvention due", 5616.47]] }],
      findings: [{ messageId: "dueReduction", cell: "B!B4", expected: { kind: "money", cents: 700000 } }],
    },
  ],
});

test("subventionDue: half-up on the exact fraction, capped at the subsidy", () => {
  expect(subventionDue(700000, 1869500, 1500000, "prorata")).toBe(561647);
  expect(subventionDue(700000, 1869500, 1869500, "prorata")).toBe(700000);
  expect(subventionDue(938000, 938000, 800000, "reduction")).toBe(800000);
  expect(subventionDue(700000, 1869500, 1000000, "reduction")).toBe(700000);
  // 1 × 1 / 2 = 0,5 cent → 1 cent (half-up).
  expect(subventionDue(1, 2, 1, "prorata")).toBe(1);
});
