import { impDepassement } from "../../../src/core/checks/imp-depassement";
import { checkTester } from "../../helpers/check-tester";
import { IMPUTATION_HEADER, IMPUTATION_HEADER_CYRILLIC, lianes2023, lianes2025 } from "../../helpers/seeds";

checkTester.run(impDepassement, {
  valid: [
    { name: "Lianes 2023 fits", sheets: [{ name: "R", rows: [IMPUTATION_HEADER, lianes2023()] }] },
    { name: "proposition equal to disponible", sheets: [{ name: "R", rows: [IMPUTATION_HEADER, lianes2023({ proposition: 31000, solde: 0 })] }] },
  ],
  invalid: [
    {
      name: "9 380 proposed on 9 000 available",
      sheets: [{ name: "R", rows: [IMPUTATION_HEADER_CYRILLIC, lianes2025({ disponible: "9 000,00", solde: "-380,00" })] }],
      findings: [{ messageId: "creditsInsuffisants", cell: "R!F2", actual: { kind: "money", cents: 938000 }, expected: { kind: "money", cents: 900000 } }],
    },
    // Issue 14: a Proposition `=E2*2` written by a script with no cached value was read as empty.
    {
      name: "a Proposition =E2*2 with no cached value, computed",
      sheets: [{ name: "R", rows: [IMPUTATION_HEADER, lianes2023({ proposition: { v: "", f: "=E2*2" }, solde: { v: "", f: "=E2-F2" } })] }],
      findings: [{ messageId: "creditsInsuffisants", cell: "R!F2", actual: { kind: "money", cents: 6200000 }, expected: { kind: "money", cents: 3100000 } }],
    },
    {
      name: "one cent over",
      sheets: [{ name: "R", rows: [IMPUTATION_HEADER, lianes2023({ proposition: 31000.01, solde: -0.01 })] }],
      findings: [{ messageId: "creditsInsuffisants", cell: "R!F2" }],
    },
  ],
});
