import { cents } from "../amounts";
import { count, money, text } from "../format";
import { additiveColumns, budgetSides, groupFigure, lineCents, sideAddendRows, sideAmount, sideSum, subtotalWindows, type BudgetLine } from "../tables/budget";
import { sumFormula } from "../tables/repartition";
import type { Check } from "./types";

/** Sum of some lines' cents in one column, the empty ones aside; undefined when one is not an amount. */
function sumLines(lines: readonly BudgetLine[], column: number): { cents: number; lines: BudgetLine[] } | undefined {
  let sum = 0;
  const counted: BudgetLine[] = [];
  for (const l of lines) {
    const c = lineCents(l, column);
    if (c === null) return undefined;
    if (c === undefined) continue;
    sum += c;
    counted.push(l);
  }
  return { cents: sum, lines: counted };
}

/**
 * BUD-GROUPE: in an association budget, each account group's amount is the sum of its lines (the
 * funders under 74, the accounts under 60), each side's TOTAL is the sum of exactly its groups
 * (a group's lines and `dont` lines are never added again), each `Sous-total` the sum of the
 * groups since the previous one (as REP-SOUS-TOTAL reads a breakdown), and a funder written on
 * two levels (`Département(s)`, then `- Pas-de-Calais` under it) the sum of the lines under it.
 */
export const budGroupe: Check = {
  id: "BUD-GROUPE",
  severity: "error",
  family: "BUD",
  scope: "table",
  description: "In an association budget, an account group's amount must equal the sum of its detail lines, and each TOTAL the sum of exactly its groups.",
  help: {
    fr: {
      checks: "Dans un budget d'association (cerfa 12156, compte rendu 15059, budget d'un événement), que le montant d'un groupe de comptes (« 74 – Subventions d'exploitation ») soit la somme de ses lignes (les financeurs : État, Région, Département, Commune…), et que le TOTAL DES CHARGES ou DES PRODUITS soit la somme des groupes, sans ajouter deux fois leurs lignes ni les lignes « dont ». Un sous-total (« Sous-total », « Total charges directes ») est la somme des groupes depuis le sous-total précédent ; un financeur écrit sur deux niveaux (« Département(s) » puis « Pas-de-Calais » dessous, du même montant) n'est compté qu'une fois, et les lignes écrites en retrait dessous doivent faire son montant.",
      why: "Un groupe qui ne fait pas la somme de ses lignes, ou un total qui oublie un groupe, fausse le montant demandé aux financeurs.",
      fix: "Recalculez le montant du groupe par la SOMME de ses lignes, et le total par la SOMME des groupes (Pointage propose la formule).",
      example: "74 – Subventions d'exploitation 6 500 €, avec Département(s) : Pas-de-Calais 4 000 € et Commune(s) : Lens 2 000 € : le groupe devrait faire 6 000 €.",
    },
    en: {
      checks: "In an association budget (cerfa 12156, financial report 15059, an event's budget), that an account group's amount (“74 – Subventions d'exploitation”) is the sum of its lines (the funders: State, Region, Département, municipality…), and that the TOTAL DES CHARGES or DES PRODUITS is the sum of the groups, without adding their lines or the “dont” lines twice. A sub-total (“Sous-total”, “Total charges directes”) is the sum of the groups since the previous sub-total; a funder written on two levels (“Département(s)”, then “Pas-de-Calais” under it with the same amount) is counted once, and the lines indented under it must add up to its amount.",
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
    sousTotalFaux: {
      fr: "Le sous-total « {{total}} » indique {{actual}}, mais les {{lines}} lignes qu'il reprend (depuis le sous-total précédent ou l'en-tête) font {{expected}} (écart {{gap}}).",
      en: "Sub-total “{{total}}” states {{actual}}, but the {{lines}} lines it covers (since the previous sub-total or the header) add up to {{expected}} (gap {{gap}}).",
    },
    financeurFaux: {
      fr: "« {{line}} » indique {{actual}}, mais les {{lines}} lignes écrites en dessous font {{expected}} (écart {{gap}}).",
      en: "“{{line}}” states {{actual}}, but the {{lines}} lines written under it add up to {{expected}} (gap {{gap}}).",
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
          // A funder on two levels whose lines are written under it (indented): they must add up to it.
          for (const head of side.lines) {
            if (!head.subLines || !head.subLinesIndented) continue;
            const stated = lineCents(head, i);
            const sum = sumLines(head.subLines, i);
            if (typeof stated !== "number" || !sum || sum.lines.length === 0 || sum.cents === stated) continue;
            ctx.report({
              messageId: "financeurFaux",
              at: head.cells[i],
              related: sum.lines.map((l) => l.cells[i]),
              actual: money(stated),
              expected: money(sum.cents),
              data: { line: text(head.label), lines: count(sum.lines.length), gap: money(stated - sum.cents) },
              fix: { formula: sumFormula(column, sum.lines.map((l) => l.row)) },
              table: table.id,
            });
          }
          for (const w of subtotalWindows(side, i)) {
            const stated = lineCents(w.subtotal, i);
            const addends = w.rows.map((r) => side.lines.find((l) => l.row === r)!);
            const sum = sumLines(addends, i);
            if (typeof stated !== "number" || !sum || sum.lines.length === 0 || sum.cents === stated) continue;
            ctx.report({
              messageId: "sousTotalFaux",
              at: w.subtotal.cells[i],
              related: sum.lines.map((l) => l.cells[i]),
              actual: money(stated),
              expected: money(sum.cents),
              data: { total: text(w.subtotal.label), lines: count(sum.lines.length), gap: money(stated - sum.cents) },
              fix: { formula: sumFormula(column, sum.lines.map((l) => l.row)) },
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
