import { cents, halfUnit, percentPoints, withinTolerance } from "../amounts";
import { termCell, termCents } from "../conventions";
import { money, percent } from "../format";
import type { GridCell } from "../grid";
import { budgetSides, sideAmount, type BudgetSide, type BudgetTable } from "../tables/budget";
import { subventionDue } from "./conv-prorata";
import { departementCell } from "./bud-subvention";
import type { Check, CheckContext } from "./types";

/** A column's index in the side by role. */
const roleIndex = (side: BudgetSide, role: string) => side.columns.findIndex((c) => c.role === role);

/** How the plain numbers of a % column read: points when some are above 3 (`93` for 93 %), fractions otherwise. */
function percentScale(side: BudgetSide, i: number): "fraction" | "points" {
  const lines = side.total ? [...side.lines, side.total] : side.lines;
  return lines.some((l) => {
    const r = l.cells[i].reading;
    return r.kind === "number" && !r.percent && Math.abs(r.value) > 3;
  })
    ? "points"
    : "fraction";
}

/**
 * CRF-ECART: in a compte rendu financier (cerfa 15059), each line's écart is réalisé − prévu and
 * its % de réalisation is réalisé ÷ prévu at the decimals it shows; and with the Département's
 * convention in the workbook, the subsidy due and the reversement follow from the expenses
 * realised exactly as CONV-PRORATA computes them (its own computation, `subventionDue`).
 */
export const crfEcart: Check = {
  id: "CRF-ECART",
  severity: "error",
  family: "CRF",
  scope: "workbook",
  description: "In a compte rendu financier (cerfa 15059), écart = réalisé − prévu and % = réalisé ÷ prévu at its shown precision; the subsidy due and the reversement follow from the expenses realised as CONV-PRORATA computes them.",
  help: {
    fr: {
      checks: "Dans un compte rendu financier de l'action (cerfa 15059), que chaque écart soit réalisé − prévu et chaque % de réalisation réalisé ÷ prévu à la précision affichée ; et, quand la convention du Département est dans le classeur, que la subvention due et le reversement découlent des charges réalisées comme pour CONV-PRORATA (au prorata par défaut).",
      why: "Le compte rendu justifie l'emploi de la subvention : un écart faux cache une dépense non faite, une subvention due fausse réclame ou rend la mauvaise somme.",
      fix: "Remplacez l'écart par la formule réalisé − prévu (Pointage la propose), le % par réalisé ÷ prévu, et recalculez la subvention due et le reversement.",
      example: "Prévu 18 695 €, réalisé 15 000 € : écart −3 695 €, 80,24 % ; subvention de 7 000 € versée : due 7 000 × 15 000 ÷ 18 695 = 5 616,47 €, reversement 1 383,53 €.",
    },
    en: {
      checks: "In an action's financial report (cerfa 15059), that each gap (écart) is actual − planned and each % de réalisation actual ÷ planned at its shown precision; and, when the Département's convention is in the workbook, that the subsidy due and the repayment follow from the expenses made as CONV-PRORATA computes them (pro rata by default).",
      why: "The report accounts for the subsidy's use: a wrong gap hides an expense not made, a wrong subsidy due asks for or pays back the wrong sum.",
      fix: "Replace the gap with the formula actual − planned (Pointage suggests it), the % with actual ÷ planned, and work the subsidy due and the repayment out again.",
      example: "Planned €18,695, actual €15,000: gap −€3,695, 80.24%; a subsidy of €7,000 paid: due 7,000 × 15,000 ÷ 18,695 = €5,616.47, repayment €1,383.53.",
    },
  },
  messages: {
    ecartFaux: {
      fr: "L'écart {{actual}} devrait être {{expected}} : réalisé {{realise}} − prévu {{prevu}}.",
      en: "The gap {{actual}} should be {{expected}}: actual {{realise}} − planned {{prevu}}.",
    },
    pourcentFaux: {
      fr: "Le % de réalisation {{actual}} devrait être {{expected}} : réalisé {{realise}} ÷ prévu {{prevu}}.",
      en: "The % achieved {{actual}} should be {{expected}}: actual {{realise}} ÷ planned {{prevu}}.",
    },
    dueFausse: {
      fr: "La subvention due {{actual}} devrait être {{expected}} : {{subvention}} pour des charges réalisées de {{realise}} sur {{coutTotal}} prévus (compte rendu financier).",
      en: "The subsidy due {{actual}} should be {{expected}}: {{subvention}} for expenses made of {{realise}} out of {{coutTotal}} planned (financial report).",
    },
    reversementFaux: {
      fr: "Le reversement {{actual}} devrait être {{expected}} ({{verse}} reçus − {{due}} dus, d'après le compte rendu financier).",
      en: "The repayment {{actual}} should be {{expected}} ({{verse}} received − {{due}} due, from the financial report).",
    },
  },
  check(ctx) {
    for (const table of ctx.tables.budget) {
      if (!table.compteRendu) continue;
      for (const side of budgetSides(table)) checkLines(ctx, table, side);
      checkProrata(ctx, table);
    }
  },
};

function checkLines(ctx: CheckContext, table: BudgetTable, side: BudgetSide): void {
  const p = roleIndex(side, "prevu") >= 0 ? roleIndex(side, "prevu") : roleIndex(side, "montant");
  const r = roleIndex(side, "realise");
  if (p < 0 || r < 0) return;
  const e = roleIndex(side, "ecart");
  const pc = roleIndex(side, "pourcent");
  const scale = pc >= 0 ? percentScale(side, pc) : "points";
  const lines = side.total ? [...side.lines, side.total] : side.lines;
  for (const line of lines) {
    const prevu = cents(line.cells[p]);
    const realise = cents(line.cells[r]);
    if (prevu === undefined || realise === undefined) continue;
    const data = { realise: money(realise), prevu: money(prevu) };
    const ecartCell = e >= 0 ? line.cells[e] : undefined;
    const ecart = cents(ecartCell);
    if (ecartCell && ecart !== undefined && ecart !== realise - prevu) {
      ctx.report({
        messageId: "ecartFaux",
        at: ecartCell,
        related: [line.cells[r], line.cells[p]],
        actual: money(ecart),
        expected: money(realise - prevu),
        data,
        fix: { formula: `=${line.cells[r].address}-${line.cells[p].address}` },
        table: table.id,
      });
    }
    const pcCell: GridCell | undefined = pc >= 0 ? line.cells[pc] : undefined;
    const shown = percentPoints(pcCell, scale);
    if (!pcCell || !shown || prevu === 0) continue;
    const points = (realise / prevu) * 100;
    if (withinTolerance(shown.points, points, halfUnit(shown.decimals))) continue;
    ctx.report({
      messageId: "pourcentFaux",
      at: pcCell,
      related: [line.cells[r], line.cells[p]],
      actual: percent(shown.points, shown.decimals),
      expected: percent(points, shown.decimals),
      data,
      table: table.id,
    });
  }
}

/**
 * The subsidy due from the compte rendu: the convention's subsidy and coût total, the charges
 * realised (the TOTAL DES CHARGES réalisé), and the subsidy received (the convention's montant
 * versé, else the Département's réalisé line). A convention stating its own dépenses réalisées is
 * CONV-PRORATA's to check.
 */
function checkProrata(ctx: CheckContext, table: BudgetTable): void {
  const r = roleIndex(table.charges, "realise");
  if (r < 0) return;
  const realised = sideAmount(table.charges, r);
  if (!realised) return;
  const conventions = ctx.tables.convention.filter((c) => termCents(c, "subvention") !== undefined && termCents(c, "coutTotal") !== undefined);
  const own = conventions.length === 1 ? conventions : conventions.filter((c) => c.sheet === table.sheet);
  if (own.length !== 1) return;
  const c = own[0];
  if (termCents(c, "depensesRealisees") !== undefined) return;
  const subvention = termCents(c, "subvention")!;
  const coutTotal = termCents(c, "coutTotal")!;
  if (coutTotal <= 0) return;
  const due = subventionDue(subvention, coutTotal, realised.cents, ctx.settings.prorataRegime);
  const statedDue = termCents(c, "subventionDue");
  if (statedDue !== undefined && statedDue !== due) {
    ctx.report({
      messageId: "dueFausse",
      at: termCell(c, "subventionDue")!,
      related: [termCell(c, "subvention"), termCell(c, "coutTotal"), realised.cell],
      actual: money(statedDue),
      expected: money(due),
      data: { subvention: money(subvention), realise: money(realised.cents), coutTotal: money(coutTotal) },
      table: table.id,
    });
  }
  const pr = roleIndex(table.produits, "realise");
  const receivedCell = pr >= 0 ? departementCell(table, pr) : undefined;
  const verse = termCents(c, "montantVerse") ?? cents(receivedCell);
  const reversement = termCents(c, "reversement");
  if (verse === undefined || reversement === undefined) return;
  const expected = Math.max(0, verse - due);
  if (reversement === expected) return;
  ctx.report({
    messageId: "reversementFaux",
    at: termCell(c, "reversement")!,
    related: [termCell(c, "montantVerse") ?? receivedCell, realised.cell],
    actual: money(reversement),
    expected: money(expected),
    data: { verse: money(verse), due: money(due) },
    table: table.id,
  });
}
