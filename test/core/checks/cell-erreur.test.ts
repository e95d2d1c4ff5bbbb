import { cellErreur } from "../../../src/core/checks/cell-erreur";
import { lianesBudget } from "../../helpers/budgets";
import { checkTester } from "../../helpers/check-tester";
import { IMPUTATION_HEADER, lianes2023 } from "../../helpers/seeds";

checkTester.run(cellErreur, {
  valid: [
    { name: "no error values", sheets: [{ name: "R", rows: [IMPUTATION_HEADER, lianes2023()] }] },
    { name: "an error outside any table", sheets: [{ name: "R", rows: [IMPUTATION_HEADER, lianes2023(), [], ["Note", { v: "#N/A", error: true }]] }] },
  ],
  invalid: [
    {
      name: "#REF! in a solde",
      sheets: [{ name: "R", rows: [IMPUTATION_HEADER, lianes2023({ solde: { v: "#REF!", f: "=#REF!-F2", error: true } })] }],
      findings: [{ messageId: "erreurExcel", cell: "R!G2", actual: { kind: "text", text: "#REF!" } }],
    },
    {
      name: "#DIV/0! in a % column",
      sheets: [{ name: "B", rows: lianesBudget({ percents: { 2: { v: "#DIV/0!", f: "=C4/0", error: true } } }) }],
      findings: [{ messageId: "erreurExcel", cell: "B!D4" }],
    },
  ],
});
