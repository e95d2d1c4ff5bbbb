import { numCentimes } from "../../../src/core/checks/num-centimes";
import { checkTester } from "../../helpers/check-tester";
import { IMPUTATION_HEADER, lianes2023 } from "../../helpers/seeds";

checkTester.run(numCentimes, {
  valid: [
    { name: "two decimals", sheets: [{ name: "R", rows: [IMPUTATION_HEADER, lianes2023({ proposition: 7000.5, solde: 23999.5 })] }] },
    // 31 000 − 7 000,10 computed by Excel is 23999.899999999998: formula noise, not a third decimal.
    { name: "formula noise on a solde", sheets: [{ name: "R", rows: [IMPUTATION_HEADER, lianes2023({ proposition: 7000.1, solde: { v: 31000 - 7000.1, f: "=E2-F2" } })] }] },
    { name: "text with two decimals", sheets: [{ name: "R", rows: [IMPUTATION_HEADER, lianes2023({ proposition: "7 000,10", solde: "23 999,90" })] }] },
  ],
  invalid: [
    {
      name: "proposition with three decimals",
      sheets: [{ name: "R", rows: [IMPUTATION_HEADER, lianes2023({ proposition: 7000.125, solde: 23999.875 })] }],
      findings: [
        { messageId: "tropDeDecimales", cell: "R!F2", expected: { kind: "money", cents: 700013 } },
        { messageId: "tropDeDecimales", cell: "R!G2", expected: { kind: "money", cents: 2399988 } },
      ],
    },
  ],
});
