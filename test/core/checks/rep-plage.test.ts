import { repPlage } from "../../../src/core/checks/rep-plage";
import { checkTester } from "../../helpers/check-tester";
import type { CellSpec } from "../../helpers/sheet-builder";

/** Five detail rows (B2:B6) and a TOTAL in B7 whose formula is given. */
const budget = (formula: string, cached: number): CellSpec[][] => [
  ["Poste", "Montant"],
  ["Animation", 3000],
  ["Appui-conseil", 1500],
  ["Ateliers", 800],
  ["Ingénierie", 600],
  ["Coordination", 1180],
  ["TOTAL", { v: cached, f: formula }],
];

const withSubtotals = (total: string, cached = 57000): CellSpec[][] => [
  ["Axes", "BP"],
  ["Axe 1", 6750],
  ["Axe 2", 4500],
  ["Axe 3", 11250],
  ["Ingénierie", 1500],
  ["Sous-total axes 1 à 3", { v: 24000, f: "=SUM(B2:B5)" }],
  ["Axe 4", 33000],
  ["Sous-total axe 4", { v: 33000, f: "=SUM(B7)" }],
  ["TOTAL", { v: cached, f: total }],
];

checkTester.run(repPlage, {
  valid: [
    { name: "=SUM over every detail row", sheets: [{ name: "B", rows: budget("=SUM(B2:B6)", 7080) }] },
    { name: "French SOMME with a semicolon", sheets: [{ name: "B", rows: budget("=SOMME(B2:B3;B4:B6)", 7080) }] },
    { name: "a chain of +", sheets: [{ name: "B", rows: budget("=B2+B3+B4+B5+B6", 7080) }] },
    { name: "TOTAL adding the sub-totals", sheets: [{ name: "B", rows: withSubtotals("=B6+B8") }] },
    { name: "TOTAL adding the detail rows around sub-totals", sheets: [{ name: "B", rows: withSubtotals("=SUM(B2:B5,B7)") }] },
    { name: "a SUM inside ROUND over every detail row", sheets: [{ name: "B", rows: budget("=ROUND(SUM(B2:B6),0)", 7080) }] },
    // The range is right; the halved value is REP-TOTAL's finding, not REP-PLAGE's.
    { name: "=SUM(B2:B6)/2: the range covers every row", sheets: [{ name: "B", rows: budget("=SUM(B2:B6)/2", 3540) }] },
    { name: "two SUM calls around a gap-free split", sheets: [{ name: "B", rows: budget("=SUM(B2:B3)+SUM(B4:B6)", 7080) }] },
    { name: "TOTAL as a SUM of the sub-totals", sheets: [{ name: "B", rows: withSubtotals("=SUM(B6,B8)") }] },
    { name: "a SUM inside IF over every detail row", sheets: [{ name: "B", rows: budget('=IF(SUM(B2:B6)=0,"",SUM(B2:B6))', 7080) }] },
    // A ratio or a guarded division is not a total formula: nothing to judge.
    { name: "=B6/B2: no sum at all", sheets: [{ name: "B", rows: budget("=B6/B2", 0.39) }] },
    { name: "=IF(B2<>0,B6/B2,0): no sum at all", sheets: [{ name: "B", rows: budget("=IF(B2<>0,B6/B2,0)", 0.39) }] },
  ],
  invalid: [
    {
      name: "=SUM(B2:B5) skips row 6",
      sheets: [{ name: "B", rows: budget("=SUM(B2:B5)", 5900) }],
      findings: [{ messageId: "omet", cell: "B!B7", fix: { formula: "=SUM(B2:B6)" } }],
    },
    {
      name: "=SUM(B2:B7) includes the total itself",
      sheets: [{ name: "B", rows: budget("=SUM(B2:B7)", 0) }],
      findings: [{ messageId: "inclutTotal", cell: "B!B7", fix: { formula: "=SUM(B2:B6)" } }],
    },
    {
      name: "TOTAL =SUM(B2:B8) counts the sub-totals on top of their rows",
      sheets: [{ name: "B", rows: withSubtotals("=SUM(B2:B8)", 114000) }],
      findings: [{ messageId: "inclutSousTotal", cell: "B!B9", fix: { formula: "=SUM(B2:B5,B7)" } }],
    },
    {
      name: "=ROUND(SUM(B2:B5),2) skips row 6: the fix keeps the ROUND",
      sheets: [{ name: "B", rows: budget("=ROUND(SUM(B2:B5),2)", 5900) }],
      findings: [{ messageId: "omet", cell: "B!B7", fix: { formula: "=ROUND(SUM(B2:B6),2)" } }],
    },
    {
      name: "=SUM(B2:B5)/2 skips row 6 as well as halving",
      sheets: [{ name: "B", rows: budget("=SUM(B2:B5)/2", 2950) }],
      findings: [{ messageId: "omet", cell: "B!B7", fix: { formula: "=SUM(B2:B6)/2" } }],
    },
    {
      name: "=SUM(B2:B3)+SUM(B5:B6) skips row 4",
      sheets: [{ name: "B", rows: budget("=SUM(B2:B3)+SUM(B5:B6)", 6280) }],
      findings: [{ messageId: "omet", cell: "B!B7", fix: { formula: "=SUM(B2:B6)" } }],
    },
    {
      name: "two SUM calls inside IF, both short: no fix to choose",
      sheets: [{ name: "B", rows: budget('=IF(SUM(B2:B5)=0,"",SUM(B2:B5))', 5900) }],
      findings: [{ messageId: "omet", cell: "B!B7", fix: null }],
    },
    {
      name: "TOTAL =SUM(B6) forgets the second sub-total",
      sheets: [{ name: "B", rows: withSubtotals("=SUM(B6)", 24000) }],
      findings: [{ messageId: "omet", cell: "B!B9", fix: { formula: "=SUM(B2:B5,B7)" } }],
    },
    {
      name: "sub-total range short by one row",
      sheets: [{ name: "B", rows: withSubtotals("=B6+B8").map((r, i) => (i === 5 ? ["Sous-total axes 1 à 3", { v: 22500, f: "=SUM(B2:B4)" }] : r)) }],
      findings: [{ messageId: "omet", cell: "B!B6", fix: { formula: "=SUM(B2:B5)" } }],
    },
  ],
});
