import { cents } from "../amounts";
import { termCell, termCents } from "../conventions";
import { money, text } from "../format";
import type { GridCell } from "../grid";
import { qualified } from "../address";
import { mainColumn, type BudgetTable } from "../tables/budget";
import type { Check, CheckContext } from "./types";

/** A funder line naming the Département: `Département(s) : Pas-de-Calais`, `Conseil départemental`. */
export function isDepartementLine(label: string): boolean {
  return /d[ée]partement(s|\(s\))?\b|d[ée]partementa(l|le)\b/i.test(label);
}

/** The budget's one Département line in its produits (under 74 when there are groups), with its amount. */
export function departementCell(table: BudgetTable, column = mainColumn(table.produits)): GridCell | undefined {
  const side = table.produits;
  const subventions = side.groups.find((g) => g.line.account === "74");
  const lines = subventions ? subventions.details : side.groups.length ? side.groups.flatMap((g) => g.details) : side.loose;
  const found = lines.filter((l) => isDepartementLine(l.label) && cents(l.cells[column]) !== undefined);
  return found.length === 1 ? found[0].cells[column] : undefined;
}

interface Place {
  cell: GridCell;
  cents: number;
  messageId: "convention" | "depense" | "proposition";
}

/**
 * The subsidy the budget's Département line must state, with XREF-MONTANT's matching: in a dossier
 * (one convention in the workbook) the workbook's single convention, Dépense line or report line;
 * with several conventions, only those on the budget's own sheet. The convention first: it is what
 * XREF-MONTANT checks the others against, so one gap is reported once.
 */
function subsidyFor(ctx: CheckContext, table: BudgetTable): Place | undefined {
  const conventions = ctx.tables.convention.filter((c) => termCents(c, "subvention") !== undefined);
  const here = (sheet: string) => conventions.length <= 1 || sheet === table.sheet;
  const own = conventions.filter((c) => here(c.sheet));
  if (own.length === 1) return { cell: termCell(own[0], "subvention")!, cents: termCents(own[0], "subvention")!, messageId: "convention" };
  if (own.length > 1) return undefined;
  const depenses = ctx.tables.depense.filter((t) => here(t.sheet)).flatMap((t) => t.lines).filter((l) => l.cents("depense") !== undefined);
  if (depenses.length === 1) return { cell: depenses[0].depense!, cents: depenses[0].cents("depense")!, messageId: "depense" };
  const lines = ctx.tables.imputation.filter((t) => here(t.sheet)).flatMap((t) => t.lines).filter((l) => l.cents("proposition") !== undefined);
  if (lines.length === 1) return { cell: lines[0].proposition!, cents: lines[0].cents("proposition")!, messageId: "proposition" };
  return undefined;
}

/** BUD-SUBVENTION: what the budget asks from the Département is the subsidy of its convention, deliberation or report. */
export const budSubvention: Check = {
  id: "BUD-SUBVENTION",
  severity: "error",
  family: "BUD",
  scope: "workbook",
  description: "The amount asked from the Département in 74 must equal the subsidy of the matching convention, deliberation or report line in the workbook.",
  help: {
    fr: {
      checks: "Que le montant demandé au Département dans le budget (ligne « Département(s) » de 74 – Subventions d'exploitation) soit la subvention de la convention, de la délibération (Dépense) ou du rapport (Proposition) du même classeur, rapprochés comme pour XREF-MONTANT : dans un dossier d'une seule convention, c'est la même subvention ; avec plusieurs, celle de la même feuille.",
      why: "Le budget présenté doit financer l'action avec la subvention réellement votée ; sinon il manque de l'argent d'un côté ou de l'autre.",
      fix: "Reportez dans la ligne du Département le montant voté, puis rééquilibrez le budget.",
      example: "Convention : subvention de 7 000 € ; budget de l'action : « Département(s) : Pas-de-Calais 7 500 € » : écart signalé.",
    },
    en: {
      checks: "That the amount asked from the Département in the budget (the “Département(s)” line of 74 – Subventions d'exploitation) is the subsidy of the convention, the deliberation (Dépense) or the report (Proposition) in the same workbook, matched as XREF-MONTANT does: in a dossier with one convention, it is the same subsidy; with several, the one on the same sheet.",
      why: "The budget presented must fund the action with the subsidy actually voted; otherwise money is missing on one side or the other.",
      fix: "Carry the amount voted into the Département's line, then balance the budget again.",
      example: "Convention: a subsidy of €7,000; the action's budget: “Département(s): Pas-de-Calais €7,500”: the gap is reported.",
    },
  },
  messages: {
    convention: {
      fr: "Le budget demande {{actual}} au Département, mais la convention accorde une subvention de {{expected}} ({{other}}).",
      en: "The budget asks the Département for {{actual}}, but the convention grants a subsidy of {{expected}} ({{other}}).",
    },
    depense: {
      fr: "Le budget demande {{actual}} au Département, mais la délibération décide une Dépense de {{expected}} ({{other}}).",
      en: "The budget asks the Département for {{actual}}, but the deliberation decides a Dépense of {{expected}} ({{other}}).",
    },
    proposition: {
      fr: "Le budget demande {{actual}} au Département, mais le rapport propose {{expected}} ({{other}}).",
      en: "The budget asks the Département for {{actual}}, but the report proposes {{expected}} ({{other}}).",
    },
  },
  check(ctx) {
    for (const table of ctx.tables.budget) {
      const cell = departementCell(table);
      const asked = cents(cell);
      if (!cell || asked === undefined) continue;
      const place = subsidyFor(ctx, table);
      if (!place || place.cents === asked) continue;
      ctx.report({
        messageId: place.messageId,
        at: cell,
        related: [place.cell],
        actual: money(asked),
        expected: money(place.cents),
        data: { other: text(qualified(place.cell.sheet, place.cell.address)) },
        table: table.id,
      });
    }
  },
};
