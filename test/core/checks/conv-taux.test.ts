import { convTaux } from "../../../src/core/checks/conv-taux";
import { checkTester } from "../../helpers/check-tester";
import type { CellSpec } from "../../helpers/sheet-builder";

/** Article 4 of the 2023 convention: 7 000 € on 18 695 €, 37,44 %. */
const article4 = (taux: CellSpec, subvention: CellSpec = "7 000 €", cout: CellSpec = "18 695 €"): CellSpec[][] => [
  ["Montant de la subvention", subvention],
  ["Coût total prévisionnel", cout],
  ["Taux d'intervention", taux],
];

checkTester.run(convTaux, {
  valid: [
    { name: "2023 convention as pasted: 37,44%", sheets: [{ name: "Convention", rows: article4("37,44%") }] },
    { name: "rate typed as text with a space: 37,44 %", sheets: [{ name: "C", rows: article4("37,44 %") }] },
    { name: "rate as 0.3744 with a % format", sheets: [{ name: "C", rows: article4({ v: 0.3744, fmt: "0.00%" }, 7000, 18695) }] },
    { name: "rate as a live formula", sheets: [{ name: "C", rows: article4({ v: 7000 / 18695, f: "=B1/B2", fmt: "0.00%" }, 7000, 18695) }] },
    { name: "rate shown with no decimal: 37 %", sheets: [{ name: "C", rows: article4({ v: 0.37, fmt: "0%" }, 7000, 18695) }] },
    { name: "labels with colons, terms at D10", sheets: [{ name: "C", at: "D10", rows: [["Montant de la subvention :", "7 000,00 €"], ["Coût total prévisionnel :", "18 695,00 €"], ["Taux d'intervention :", "37,44 %"]] }] },
  ],
  invalid: [
    {
      name: "rate typed as text 37,45 %",
      sheets: [{ name: "Convention", rows: article4("37,45 %") }],
      findings: [{ messageId: "tauxFaux", cell: "Convention!B3", actual: { kind: "percent", points: 37.45, decimals: 2 }, expected: { kind: "percent", points: (7000 / 18695) * 100, decimals: 2 }, fix: null }],
    },
    {
      name: "rate 0.3745 with a % format: formula proposed",
      sheets: [{ name: "C", rows: article4({ v: 0.3745, fmt: "0.00%" }, 7000, 18695) }],
      findings: [{ messageId: "tauxFaux", cell: "C!B3", fix: { formula: "=B1/B2" } }],
    },
    {
      name: "cost changed after the rate was typed",
      sheets: [{ name: "C", rows: article4("37,44%", "7 000 €", "19 000 €") }],
      findings: [{ messageId: "tauxFaux", cell: "C!B3" }],
    },
  ],
});
