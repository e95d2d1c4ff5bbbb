import { ratioLigne } from "../../../src/core/checks/ratio-ligne";
import { checkTester } from "../../helpers/check-tester";
import type { CellSpec } from "../../helpers/sheet-builder";

/** The 2021 activity report's finances (Lianes coopération), as pasted from the PDF. */
const bilan = (ratios: CellSpec[] = ["81 %", "84 %", "72 %", "57 %", "52 %"]): CellSpec[][] => [
  ["", 2017, 2018, 2019, 2020, 2021],
  ["Budget réalisé", "196 641 €", "232 136 €", "230 452 €", "408 573 €", "471 653 €"],
  ["Produits d'exploitation", "216 602 €", "238 541 €", "249 518 €", "422 118 €", "484 844 €"],
  ["Subventions d'exploitation", "205 515 €", "193 543 €", "213 571 €", "381 520 €", "331 687 €"],
  ["Charges d'exploitation", "196 641 €", "232 136 €", "230 452 €", "408 573 €", "471 653 €"],
  ["Charges de personnel", "159 846 €", "194 932 €", "166 828 €", "230 867 €", "246 551 €"],
  ["% RH sur Budget total", ...ratios],
  ["Nbre ETP", 3, 4, 4, 6, 6],
  ["Résultat exercice", "6 646 €", "11 545 €", "9 157 €", "23 688 €", "12 029 €"],
];

checkTester.run(ratioLigne, {
  valid: [
    // 230 867 / 408 573 = 56,505 %: 57 % is within half a unit.
    { name: "the 2021 report: 81, 84, 72, 57, 52 %", sheets: [{ name: "Bilan", rows: bilan() }] },
    { name: "ratios as fractions with a 0% format", sheets: [{ name: "Bilan", rows: bilan([0.81, 0.84, 0.72, 0.57, 0.52].map((v) => ({ v, fmt: "0%" }))) }] },
    { name: "a ratio whose rows cannot be told apart is left alone", sheets: [{ name: "B", rows: [["Budget A", 100], ["Budget B", 200], ["% Frais sur Budget", "50 %"]] }] },
  ],
  invalid: [
    {
      name: "2019 typed 27 % instead of 72 %",
      sheets: [{ name: "Bilan", rows: bilan(["81 %", "84 %", "27 %", "57 %", "52 %"]) }],
      findings: [{ messageId: "ratioFaux", cell: "Bilan!D7", actual: { kind: "percent", points: 27, decimals: 0 } }],
    },
  ],
});
