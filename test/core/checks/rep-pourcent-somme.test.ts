import { repPourcentSomme } from "../../../src/core/checks/rep-pourcent-somme";
import { lianesBudget } from "../../helpers/budgets";
import { checkTester } from "../../helpers/check-tester";

checkTester.run(repPourcentSomme, {
  valid: [
    { name: "the eight % of 2025 add to 100,00", sheets: [{ name: "B", rows: lianesBudget() }] },
    { name: "fractions with a % format", sheets: [{ name: "B", rows: lianesBudget({ percentStyle: "fraction", amountStyle: "number" }) }] },
    // 31,98 → 31,99 keeps the sum within 8 × 0,005 of 100.
    { name: "sum 100,01 is within n × half a unit", sheets: [{ name: "B", rows: lianesBudget({ percents: { 0: "31,99" } }) }] },
  ],
  invalid: [
    {
      name: "one % off by 10: the column adds to 90,00",
      sheets: [{ name: "B", rows: lianesBudget({ percents: { 0: "21,98" } }) }],
      findings: [{ messageId: "sommeFausse", cell: "B!D10", actual: { kind: "percent", points: 90, decimals: 2 } }],
    },
    {
      name: "TOTAL row says 99,00",
      sheets: [{ name: "B", rows: lianesBudget({ totalPercent: "99,00" }) }],
      findings: [{ messageId: "totalPas100", cell: "B!D10" }],
    },
  ],
});
