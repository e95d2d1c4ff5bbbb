import { impCumul } from "../../../src/core/checks/imp-cumul";
import { checkTester } from "../../helpers/check-tester";
import { IMPUTATION_HEADER, IMPUTATION_HEADER_CYRILLIC, lianes2023, lianes2025 } from "../../helpers/seeds";

/** A second report of the same meeting on C05-043A06 (CP 43 056). */
const second = (disponible: number, proposition: number) => lianes2023({ disponible, proposition, solde: disponible - proposition });

checkTester.run(impCumul, {
  valid: [
    {
      name: "two reports chained: 7 000 then 20 000 of 31 000",
      sheets: [
        { name: "Rapport 1", rows: [IMPUTATION_HEADER, lianes2023()] },
        { name: "Rapport 2", rows: [IMPUTATION_HEADER, second(24000, 20000)] },
      ],
    },
    {
      // The seeds' 2023 and 2025 reports share the code with other CP: never summed (DOMAIN.md).
      name: "same code, different CP (2023 and 2025) are not summed",
      sheets: [
        { name: "Rapport 2023", rows: [IMPUTATION_HEADER, lianes2023()] },
        { name: "Rapport 2025", rows: [IMPUTATION_HEADER_CYRILLIC, lianes2025()] },
      ],
    },
    { name: "a single line is IMP-DEPASSEMENT's business", sheets: [{ name: "R", rows: [IMPUTATION_HEADER, lianes2023({ proposition: 40000, solde: -9000 })] }] },
  ],
  invalid: [
    {
      name: "two reports of one meeting each fit, together 38 000 of 31 000",
      sheets: [
        { name: "Rapport 1", rows: [IMPUTATION_HEADER, lianes2023()] },
        { name: "Rapport 2", rows: [["Rapport n° 2"], [], IMPUTATION_HEADER, second(31000, 31000)] },
      ],
      findings: [{ messageId: "cumulDepasse", cell: "Rapport 2!F4", actual: { kind: "money", cents: 3800000 }, expected: { kind: "money", cents: 3100000 } }],
    },
    {
      name: "three lines on one sheet, the third crosses",
      sheets: [{ name: "R", rows: [IMPUTATION_HEADER, lianes2023(), second(24000, 20000), second(4000, 5000)] }],
      findings: [{ messageId: "cumulDepasse", cell: "R!F4", actual: { kind: "money", cents: 3200000 } }],
    },
  ],
});
