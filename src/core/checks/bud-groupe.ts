import { cents } from "../amounts";
import { count, money, text } from "../format";
import { additiveColumns, budgetSides, groupFigure, sideAddendRows, sideAmount, sideSum } from "../tables/budget";
import { sumFormula } from "../tables/repartition";
import type { Check } from "./types";

/**
 * BUD-GROUPE: in an association budget, each account group's amount is the sum of its lines (the
 * funders under 74, the accounts under 60), and each side's TOTAL is the sum of exactly its groups
 * (a group's lines and `dont` lines are never added again).
 */
export const budGroupe: Check = {
  id: "BUD-GROUPE",
  severity: "error",
  family: "BUD",
  scope: "table",
  description: "In an association budget, an account group's amount must equal the sum of its detail lines, and each TOTAL the sum of exactly its groups.",
  help: {
    fr: {
      checks: "Dans un budget d'association (cerfa 12156, compte rendu 15059, budget d'un événement), que le montant d'un groupe de comptes (« 74 – Subventions d'exploitation ») soit la somme de ses lignes (les financeurs : État, Région, Département, Commune…), et que le TOTAL DES CHARGES ou DES PRODUITS soit la somme des groupes, sans ajouter deux fois leurs lignes ni les lignes « dont ».",
      why: "Un groupe qui ne fait pas la somme de ses lignes, ou un total qui oublie un groupe, fausse le montant demandé aux financeurs.",
      fix: "Recalculez le montant du groupe par la SOMME de ses lignes, et le total par la SOMME des groupes (Pointage propose la formule).",
      example: "74 – Subventions d'exploitation 6 500 €, avec Département(s) : Pas-de-Calais 4 000 € et Commune(s) : Lens 2 000 € : le groupe devrait faire 6 000 €.",
    },
    en: {
      checks: "In an association budget (cerfa 12156, financial report 15059, an event's budget), that an account group's amount (“74 – Subventions d'exploitation”) is the sum of its lines (the funders: State, Region, Département, municipality…), and that the TOTAL DES CHARGES or DES PRODUITS is the sum of the groups, without adding their lines or the “dont” lines twice.",
      why: "A group that is not the sum of its lines, or a total that leaves out a group, gets the amount asked from the funders wrong.",
      fix: "Work the group's amount out again as the SUM of its lines, and the total as the SUM of the groups (Pointage suggests the formula).",
      example: "74 – Subventions d'exploitation €6,500, with Département(s): Pas-de-Calais €4,000 and Commune(s): Lens €2,000: the group should be €6,000.",
    },
  },
  messages: {
    groupeFaux: {
      fr: "Le groupe « {{group}} » indique {{actual}}, mais ses {{lines}} lignes font {{expected}} (écart {{gap}}).",
      en: "Group “{{group}}” states {{actual}}, but its {{lines}} lines add up to {{expected}} (gap {{gap}}).",
    },
    totalGroupes: {
      fr: "« {{total}} » indique {{actual}}, mais ses {{lines}} groupes de comptes font {{expected}} (écart {{gap}}).",
      en: "“{{total}}” states {{actual}}, but its {{lines}} account groups add up to {{expected}} (gap {{gap}}).",
    },
    totalLignes: {
      fr: "« {{total}} » indique {{actual}}, mais ses {{lines}} lignes font {{expected}} (écart {{gap}}).",
      en: "“{{total}}” states {{actual}}, but its {{lines}} lines add up to {{expected}} (gap {{gap}}).",
    },
  },
  check(ctx) {
    for (const table of ctx.tables.budget) {
      for (const side of budgetSides(table)) {
        for (const i of additiveColumns(side)) {
          const column = side.columns[i].column;
          for (const g of side.groups) {
            const f = groupFigure(g, i);
            if (f.stated === undefined || f.sum === undefined || f.stated === f.sum) continue;
            ctx.report({
              messageId: "groupeFaux",
              at: g.line.cells[i],
              related: f.lines.map((l) => l.cells[i]),
              actual: money(f.stated),
              expected: money(f.sum),
              data: { group: text(g.line.label), lines: count(f.lines.length), gap: money(f.stated - f.sum) },
              fix: { formula: sumFormula(column, f.lines.map((l) => l.row)) },
              table: table.id,
            });
          }
          const totalCell = side.total?.cells[i];
          const stated = cents(totalCell);
          const sum = sideSum(side, i);
          const rows = sideAddendRows(side, i);
          if (!totalCell || stated === undefined || sum === undefined || rows.length === 0 || stated === sum) continue;
          // The form's last TOTAL, under the 86 / 87 block, may be the whole: the side's TOTAL plus its contributions.
          const parent = side.nature ? (side.kind === "charges" ? table.charges : table.produits) : undefined;
          const whole = parent ? sideAmount(parent, i) : undefined;
          if (whole && stated === whole.cents + sum) continue;
          ctx.report({
            messageId: side.groups.length ? "totalGroupes" : "totalLignes",
            at: totalCell,
            related: rows.map((r) => side.lines.find((l) => l.row === r)!.cells[i]),
            actual: money(stated),
            expected: money(sum),
            data: { total: text(side.total!.label), lines: count(side.groups.length || rows.length), gap: money(stated - sum) },
            fix: { formula: sumFormula(column, rows) },
            table: table.id,
          });
        }
      }
    }
  },
};
