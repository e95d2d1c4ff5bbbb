import { formuleFigee } from "../../../src/core/checks/formule-figee";
import { lianesBudget } from "../../helpers/budgets";
import { checkTester } from "../../helpers/check-tester";
import { IMPUTATION_HEADER, lianes2023 } from "../../helpers/seeds";
import type { CellSpec } from "../../helpers/sheet-builder";

const live = (): CellSpec[][] => {
  const rows = lianesBudget({ amountStyle: "number", percentStyle: "fraction" });
  for (let r = 1; r <= 8; r++) rows[r][3] = { v: (rows[r][2] as number) / 9380, f: `=C${r + 1}/C$10`, fmt: "0.00%" };
  rows[9][2] = { v: 9380, f: "=SUM(C2:C9)" };
  rows[9][3] = { v: 1, f: "=SUM(D2:D9)", fmt: "0.00%" };
  return rows;
};

checkTester.run(formuleFigee, {
  valid: [
    { name: "solde as a formula", sheets: [{ name: "R", rows: [IMPUTATION_HEADER, lianes2023({ solde: { v: 24000, f: "=E2-F2" } })] }] },
    { name: "breakdown with live % and TOTAL", sheets: [{ name: "B", rows: live() }] },
  ],
  invalid: [
    {
      name: "two soldes typed in one run",
      sheets: [{ name: "R", rows: [IMPUTATION_HEADER, lianes2023(), lianes2023({ disponible: 24000, proposition: 4000, solde: 20000 })] }],
      findings: [{ messageId: "soldeFige", cell: "R!G2", fix: { formula: "=E2-F2" } }],
    },
    {
      name: "pasted breakdown: TOTAL and % typed",
      sheets: [{ name: "B", rows: lianesBudget({ amountStyle: "number", percentStyle: "fraction" }) }],
      findings: [
        { messageId: "totalFige", cell: "B!C10", fix: { formula: "=SUM(C2:C9)" } },
        { messageId: "pourcentFige", cell: "B!D2", fix: { formula: "=C2/C$10" } },
      ],
    },
    {
      name: "% pasted as text: formula suggested, no fix applied to text",
      sheets: [{ name: "B", rows: live().map((r, i) => (i === 3 ? [r[0], r[1], r[2], "8,53"] : r)) }],
      findings: [{ messageId: "pourcentFige", cell: "B!D4", fix: null }],
    },
  ],
});
