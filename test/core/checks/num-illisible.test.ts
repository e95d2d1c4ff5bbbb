import { numIllisible } from "../../../src/core/checks/num-illisible";
import { apesBudget, lianesBudget } from "../../helpers/budgets";
import { checkTester } from "../../helpers/check-tester";
import { IMPUTATION_HEADER, lianes2023 } from "../../helpers/seeds";

const BIG = "1 000 000 000 000 000,00";

checkTester.run(numIllisible, {
  valid: [
    { name: "every amount reads", sheets: [{ name: "P", rows: apesBudget() }] },
    { name: "narrow no-break spaces and glued €", sheets: [{ name: "R", rows: [IMPUTATION_HEADER, lianes2023({ cp: "43\u202f056,00€", solde: "24\u00a0000 €" })] }] },
    // 90 000 milliards d'euros still fit in exact cents (2^53 − 1 cents is 90 071 992 547 409,91 €).
    {
      name: "amounts just under the limit of exact cents",
      sheets: [{ name: "R", rows: [IMPUTATION_HEADER, lianes2023({ cp: 90_000_000_000_000, disponible: 90_000_000_000_000, proposition: 0.01, solde: "89 999 999 999 999,99" })] }],
    },
    { name: "a % column with a % format is percentages, not amounts", sheets: [{ name: "B", rows: lianesBudget({ percentStyle: "fraction", amountStyle: "number" }) }] },
    {
      name: "formulas with no cached value that Pointage computes",
      sheets: [{ name: "R", rows: [IMPUTATION_HEADER, lianes2023({ proposition: { v: "", f: "=E2-24000" }, solde: { v: "", f: "=SUM(E2)-F2" } })] }],
    },
    // Excel stores a result for every formula: an empty one in a calculated workbook is a real "".
    {
      name: "an =IF(…,\"\") with an empty result in a workbook Excel calculated",
      sheets: [{ name: "R", rows: [IMPUTATION_HEADER, lianes2023({ solde: { v: 24000, f: "=E2-F2" } }), lianes2023({ proposition: { v: "", f: '=IF(A3="","",7000)' }, solde: { v: 31000, f: "=E3-F3" } })] }],
    },
    { name: "an amount with a money format", sheets: [{ name: "R", rows: [IMPUTATION_HEADER, lianes2023({ cp: { v: 43056, fmt: "#,##0.00 €" } })] }] },
  ],
  invalid: [
    {
      name: "`n/a` where a proposition is expected",
      sheets: [{ name: "R", rows: [IMPUTATION_HEADER, lianes2023({ proposition: "n/a" })] }],
      findings: [{ messageId: "texteNonNumerique", cell: "R!F2", actual: { kind: "text", text: "n/a" } }],
    },
    // Issue 14: a formula with no cached value was read as empty, in silence.
    {
      name: "formulas with no cached value that Pointage cannot compute: one finding per column run",
      sheets: [
        {
          name: "R",
          rows: [
            IMPUTATION_HEADER,
            lianes2023({ proposition: { v: "", f: "=VLOOKUP(A2,Tarifs!A:B,2,FALSE)" } }),
            lianes2023({ proposition: { v: "", f: "=VLOOKUP(A3,Tarifs!A:B,2,FALSE)" } }),
          ],
        },
      ],
      findings: [{ messageId: "formuleNonCalculee", cell: "R!F2" }],
    },
    // Issue 14: 1e308 printed « Infinity,NaN € » and flagged a right Solde.
    {
      name: "1e308 in Disponible and Solde: too large to count in cents",
      sheets: [{ name: "R", rows: [IMPUTATION_HEADER, lianes2023({ cp: 1e308, disponible: 1e308, solde: 1e308 })] }],
      findings: [
        { messageId: "montantTropGrand", cell: "R!D2" },
        { messageId: "montantTropGrand", cell: "R!E2" },
        { messageId: "montantTropGrand", cell: "R!G2" },
      ],
    },
    // Issue 14: a 1-cent error on 1e18 passed; it is said to be beyond checking.
    {
      name: "a 1-cent error on 10^18 euros typed as text",
      sheets: [{ name: "R", rows: [IMPUTATION_HEADER, lianes2023({ cp: BIG, disponible: BIG, proposition: "0,01", solde: BIG })] }],
      findings: [
        { messageId: "montantTropGrand", cell: "R!D2", actual: { kind: "text", text: BIG } },
        { messageId: "montantTropGrand", cell: "R!E2" },
        { messageId: "montantTropGrand", cell: "R!G2" },
      ],
    },
    {
      name: "1.2e16 euros: no invented cents",
      sheets: [{ name: "R", rows: [IMPUTATION_HEADER, lianes2023({ proposition: 1.2e16 })] }],
      findings: [{ messageId: "montantTropGrand", cell: "R!F2" }],
    },
    // Issue 14: a date in the CP column was read as 45 292 €.
    {
      name: "a date in the CP column",
      sheets: [{ name: "R", rows: [IMPUTATION_HEADER, lianes2023({ cp: { v: 45292, fmt: "dd/mm/yyyy" } })] }],
      findings: [{ messageId: "dateMontant", cell: "R!D2", actual: { kind: "number", value: 45292, decimals: 0 } }],
    },
    // Issue 14: the text `80%` in an amount column was read as 80 €.
    {
      name: "the text `80%` where a proposition is expected",
      sheets: [{ name: "R", rows: [IMPUTATION_HEADER, lianes2023({ proposition: "80%" })] }],
      findings: [{ messageId: "pourcentMontant", cell: "R!F2", actual: { kind: "text", text: "80%" } }],
    },
    {
      name: "a number with a % format in a breakdown's amount column",
      sheets: [{ name: "B", rows: lianesBudget({ amountStyle: "number", amounts: { 2: { v: 0.0853, fmt: "0.00%" } } }) }],
      findings: [{ messageId: "pourcentMontant", cell: "B!C4", actual: { kind: "percent", points: 8.53, decimals: 2 } }],
    },
  ],
});
