import { repPourcent } from "../../../src/core/checks/rep-pourcent";
import { lianesBudget } from "../../helpers/budgets";
import { checkTester } from "../../helpers/check-tester";

checkTester.run(repPourcent, {
  valid: [
    { name: "Lianes 2025 % as pasted text (31,98)", sheets: [{ name: "B", rows: lianesBudget() }] },
    { name: "% as fractions with a 0.00% format", sheets: [{ name: "B", rows: lianesBudget({ percentStyle: "fraction", amountStyle: "number" }) }] },
    { name: "% as points (31.98)", sheets: [{ name: "B", rows: lianesBudget({ percentStyle: "points", amountStyle: "number" }) }] },
    { name: "% as text with a sign (31,98 %)", sheets: [{ name: "B", rows: lianesBudget({ percents: { 0: "31,98 %", 1: "15,99%" } }) }] },
    // 3 000 / 9 380 = 31,9829…: 31,98 is within half a unit (0,005) of the second decimal.
    { name: "wrong TOTAL is REP-TOTAL's business, not every %", sheets: [{ name: "B", rows: lianesBudget({ total: "9 000,00 €" }) }] },
    { name: "fewer decimals shown, wider tolerance (32 %)", sheets: [{ name: "B", rows: lianesBudget({ percents: { 0: { v: 0.32, fmt: "0%" } } }) }] },
  ],
  invalid: [
    {
      name: "31,89 typed for 31,98",
      sheets: [{ name: "B", rows: lianesBudget({ percents: { 0: "31,89" } }) }],
      findings: [{ messageId: "pourcentFaux", cell: "B!D2", actual: { kind: "percent", points: 31.89, decimals: 2 }, fix: null }],
    },
    {
      name: "fraction 0.3199 shown as 31,99 %: live formula proposed",
      sheets: [{ name: "B", rows: lianesBudget({ percentStyle: "fraction", amountStyle: "number", percents: { 0: { v: 0.3199, fmt: "0.00%" } } }) }],
      findings: [{ messageId: "pourcentFaux", cell: "B!D2", fix: { formula: "=C2/C$10" } }],
    },
  ],
});
