import { numIllisible } from "../../../src/core/checks/num-illisible";
import { apesBudget } from "../../helpers/budgets";
import { checkTester } from "../../helpers/check-tester";
import { IMPUTATION_HEADER, lianes2023 } from "../../helpers/seeds";

checkTester.run(numIllisible, {
  valid: [
    { name: "every amount reads", sheets: [{ name: "P", rows: apesBudget() }] },
    { name: "narrow no-break spaces and glued €", sheets: [{ name: "R", rows: [IMPUTATION_HEADER, lianes2023({ cp: "43\u202f056,00€", solde: "24\u00a0000 €" })] }] },
  ],
  invalid: [
    {
      name: "`n/a` where a proposition is expected",
      sheets: [{ name: "R", rows: [IMPUTATION_HEADER, lianes2023({ proposition: "n/a" })] }],
      findings: [{ messageId: "texteNonNumerique", cell: "R!F2", actual: { kind: "text", text: "n/a" } }],
    },
  ],
});
