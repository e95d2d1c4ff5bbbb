import { convTaux } from "../../../src/core/checks/conv-taux";
import { checkTester } from "../../helpers/check-tester";
import type { CellSpec } from "../../helpers/sheet-builder";

/** Article 4 of the 2023 convention: 7 000 € on 18 695 €, 37,44 %. */
const article4 = (taux: CellSpec, subvention: CellSpec = "7 000 €", cout: CellSpec = "18 695 €"): CellSpec[][] => [
  ["Montant de la subvention", subvention],
  ["Coût total prévisionnel", cout],
  ["Taux d'intervention", taux],
];

/** The 2023 convention's Article 4 as the seed writes it, in one cell; the rate as given. */
const sentence2023 = (taux = "37,44%", space = " ") =>
  `Le Département octroie au bénéficiaire une subvention d'un montant de 7${space}000${space}€ sur un coût total prévisionnel de 18${space}695${space}€, soit un taux d'intervention de ${taux}. L'intervention du Département est plafonnée aux montant et taux indiqués ci-dessus.`;

checkTester.run(convTaux, {
  valid: [
    { name: "2023 convention as pasted: 37,44%", sheets: [{ name: "Convention", rows: article4("37,44%") }] },
    { name: "rate typed as text with a space: 37,44 %", sheets: [{ name: "C", rows: article4("37,44 %") }] },
    { name: "rate as 0.3744 with a % format", sheets: [{ name: "C", rows: article4({ v: 0.3744, fmt: "0.00%" }, 7000, 18695) }] },
    { name: "rate as a live formula", sheets: [{ name: "C", rows: article4({ v: 7000 / 18695, f: "=B1/B2", fmt: "0.00%" }, 7000, 18695) }] },
    { name: "rate shown with no decimal: 37 %", sheets: [{ name: "C", rows: article4({ v: 0.37, fmt: "0%" }, 7000, 18695) }] },
    { name: "labels with colons, terms at D10", sheets: [{ name: "C", at: "D10", rows: [["Montant de la subvention :", "7 000,00 €"], ["Coût total prévisionnel :", "18 695,00 €"], ["Taux d'intervention :", "37,44 %"]] }] },
    { name: "2023 Article 4 in one sentence, as the seed writes it", sheets: [{ name: "Convention", rows: [["Article 4 : Montant de la subvention"], [sentence2023()]] }] },
    { name: "the sentence with narrow no-break spaces", sheets: [{ name: "Convention", rows: [[sentence2023("37,44\u202f%", "\u202f")]] }] },
    { name: "the sentence with no-break spaces", sheets: [{ name: "Convention", rows: [[sentence2023("37,44\u00a0%", "\u00a0")]] }] },
    // 37,4 % shows one decimal: 37,4386… is within 0,05 of it.
    { name: "a rate in a sentence shown with one decimal: 37,4 %", sheets: [{ name: "C", rows: [[sentence2023("37,4 %")]] }] },
    {
      name: "terms in cells, the rate in a sentence below them",
      sheets: [{ name: "C", rows: [["Montant de la subvention", "7 000 €"], ["Coût total prévisionnel", "18 695 €"], ["soit un taux de 37,44 %"]] }],
    },
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
      // 37,45 shows two decimals: 37,4398… is 0,0102 away, beyond 0,005. The finding sits on the sentence's cell.
      name: "a rate in the sentence typed 37,45 %",
      sheets: [{ name: "Convention", rows: [["Article 4 : Montant de la subvention"], [sentence2023("37,45%")]] }],
      findings: [{ messageId: "tauxFaux", cell: "Convention!A2", actual: { kind: "percent", points: 37.45, decimals: 2 }, expected: { kind: "percent", points: (7000 / 18695) * 100, decimals: 2 }, fix: null }],
    },
    {
      name: "a sentence whose cost was changed: 19 000 €",
      sheets: [{ name: "C", rows: [[sentence2023().replace("18 695", "19 000")]] }],
      findings: [{ messageId: "tauxFaux", cell: "C!A1", fix: null }],
    },
    {
      // The % cell could take a formula, but not one pointing at a sentence.
      name: "rate 0.3745 with a % format beside a sentence: no formula over the sentence",
      sheets: [{ name: "C", rows: [["une subvention d'un montant de 7 000 € sur un coût total prévisionnel de 18 695 €"], ["Taux d'intervention", { v: 0.3745, fmt: "0.00%" }]] }],
      findings: [{ messageId: "tauxFaux", cell: "C!B2", fix: null }],
    },
    {
      name: "cost changed after the rate was typed",
      sheets: [{ name: "C", rows: article4("37,44%", "7 000 €", "19 000 €") }],
      findings: [{ messageId: "tauxFaux", cell: "C!B3" }],
    },
  ],
});
