import { numNegatif } from "../../../src/core/checks/num-negatif";
import { checkTester } from "../../helpers/check-tester";
import { DEPENSE_HEADER, IMPUTATION_HEADER, lianes2023 } from "../../helpers/seeds";

checkTester.run(numNegatif, {
  valid: [
    { name: "positive amounts", sheets: [{ name: "R", rows: [IMPUTATION_HEADER, lianes2023()] }] },
    { name: "a negative solde is IMP-DEPASSEMENT's business", sheets: [{ name: "R", rows: [IMPUTATION_HEADER, lianes2023({ proposition: 32000, solde: -1000 })] }] },
  ],
  invalid: [
    {
      name: "proposition in parentheses",
      sheets: [{ name: "R", rows: [IMPUTATION_HEADER, lianes2023({ proposition: "(7 000,00)", solde: "38 000,00" })] }],
      findings: [{ messageId: "montantNegatif", cell: "R!F2", actual: { kind: "money", cents: -700000 } }],
    },
    {
      name: "negative dépense",
      sheets: [{ name: "D", rows: [DEPENSE_HEADER, ["C05-043A06", "65748//93043", "Actions", "43 056,00", "-7 000,00"]] }],
      findings: [{ messageId: "montantNegatif", cell: "D!E2" }],
    },
  ],
});
