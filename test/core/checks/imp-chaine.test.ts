import { impChaine } from "../../../src/core/checks/imp-chaine";
import { checkTester } from "../../helpers/check-tester";
import { IMPUTATION_HEADER, IMPUTATION_HEADER_CYRILLIC, lianes2023, lianes2025 } from "../../helpers/seeds";

const next = (disponible: number, proposition: number) => lianes2023({ disponible, proposition, solde: disponible - proposition });

checkTester.run(impChaine, {
  valid: [
    {
      name: "second report starts from the first one's solde",
      sheets: [
        { name: "Rapport 1", rows: [IMPUTATION_HEADER, lianes2023()] },
        { name: "Rapport 2", rows: [IMPUTATION_HEADER, next(24000, 3000)] },
      ],
    },
    {
      name: "2023 and 2025 on the same code, other CP",
      sheets: [{ name: "R", rows: [IMPUTATION_HEADER, lianes2023(), [], IMPUTATION_HEADER_CYRILLIC, lianes2025()] }],
    },
    {
      name: "the same line shown again on a filled report's sheet is one proposal",
      sheets: [
        { name: "Rapport", rows: [IMPUTATION_HEADER, lianes2023()] },
        { name: "Rapport C05-043A06", rows: [[], [], IMPUTATION_HEADER, lianes2023()] },
      ],
    },
  ],
  invalid: [
    {
      name: "second report restarts from 31 000",
      sheets: [
        { name: "Rapport 1", rows: [IMPUTATION_HEADER, lianes2023()] },
        { name: "Rapport 2", rows: [IMPUTATION_HEADER, next(31000, 3000)] },
      ],
      findings: [{ messageId: "chaineRompue", cell: "Rapport 2!E2", actual: { kind: "money", cents: 3100000 }, expected: { kind: "money", cents: 2400000 } }],
    },
    {
      name: "the same line twice on one sheet is still two reports",
      sheets: [{ name: "Rapport", rows: [IMPUTATION_HEADER, lianes2023(), lianes2023()] }],
      findings: [{ messageId: "chaineRompue", cell: "Rapport!E3", actual: { kind: "money", cents: 3100000 }, expected: { kind: "money", cents: 2400000 } }],
    },
  ],
});
