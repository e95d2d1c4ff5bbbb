import { repSousTotal } from "../../../src/core/checks/rep-sous-total";
import { checkTester } from "../../helpers/check-tester";
import type { CellSpec } from "../../helpers/sheet-builder";

/** The APES budget with its two caps' groups as sub-totals: axes 1–3 + ingénierie = 24 000, axe 4 = 33 000. */
function apesWithSubtotals(first: CellSpec = 24000, second: CellSpec = 33000, total: CellSpec = 57000): CellSpec[][] {
  return [
    ["AXES", "ACTIONS", "BP"],
    ["Axe 1:", "3 petits déjeuners thématiques", 3750],
    ["Axe 1:", "2 ateliers de Co-Développement", 3000],
    ["Axe 2:", "Soutenir les acteurs en situation de fragilité", 4500],
    ["Axe 3:", "Appui aux dynamiques collectives des Maisons de l'ESS", 11250],
    ["Ingénierie de l'action", "", 1500],
    ["Sous-total axes 1 à 3", "", first],
    ["Axe 4:", "Amélioration continue des pratiques", 33000],
    ["Total axe 4", "", second],
    ["TOTAL", "", total],
  ];
}

checkTester.run(repSousTotal, {
  valid: [
    { name: "APES sub-totals 24 000 and 33 000", sheets: [{ name: "P", rows: apesWithSubtotals() }] },
    { name: "S/Total spelling", sheets: [{ name: "P", rows: apesWithSubtotals().map((r) => (r[0] === "Sous-total axes 1 à 3" ? ["S/Total axes 1-3", "", 24000] : r)) }] },
  ],
  invalid: [
    {
      name: "first sub-total leaves out the ingénierie line",
      sheets: [{ name: "P", rows: apesWithSubtotals(22500) }],
      findings: [{ messageId: "sousTotalFaux", cell: "P!C7", actual: { kind: "money", cents: 2250000 }, expected: { kind: "money", cents: 2400000 }, fix: { formula: "=SUM(C2:C6)" } }],
    },
    {
      name: "`Total axe 4` followed by the TOTAL is a sub-total",
      sheets: [{ name: "P", rows: apesWithSubtotals(24000, 30000) }],
      findings: [{ messageId: "sousTotalFaux", cell: "P!C9", fix: { formula: "=SUM(C8)" } }],
    },
  ],
});
