import { repTotal } from "../../../src/core/checks/rep-total";
import { apesBudget, lianesBudget } from "../../helpers/budgets";
import { checkTester } from "../../helpers/check-tester";

checkTester.run(repTotal, {
  valid: [
    { name: "Lianes 2025 budget as pasted", sheets: [{ name: "Budget", rows: lianesBudget() }] },
    { name: "APES 2023 budget, TOTAL 57 000,00€ glued, empty label cell", sheets: [{ name: "Programme", rows: apesBudget() }] },
    { name: "TOTAL as a formula", sheets: [{ name: "B", rows: lianesBudget({ amountStyle: "number", total: { v: 9380, f: "=SUM(C2:C9)" } }) }] },
    {
      name: "two breakdowns on one sheet, separated by an empty row",
      sheets: [{ name: "B", rows: [...lianesBudget(), [], ...apesBudget()] }],
    },
  ],
  invalid: [
    {
      name: "TOTAL 9 480 instead of 9 380",
      sheets: [{ name: "Budget", rows: lianesBudget({ total: "9 480,00 €" }) }],
      findings: [{ messageId: "totalFaux", cell: "Budget!C10", actual: { kind: "money", cents: 948000 }, expected: { kind: "money", cents: 938000 }, fix: { formula: "=SUM(C2:C9)" } }],
    },
    {
      name: "APES TOTAL 56 000 below a breakdown sitting at B3",
      sheets: [{ name: "Programme", at: "B3", rows: apesBudget("56 000,00 €") }],
      findings: [{ messageId: "totalFaux", cell: "Programme!D10", expected: { kind: "money", cents: 5700000 }, fix: { formula: "=SUM(D4:D9)" } }],
    },
  ],
});
