import { cents } from "../amounts";
import { termCell, termCents } from "../conventions";
import { money, text } from "../format";
import type { GridCell } from "../grid";
import { qualified } from "../address";
import { detailRows, sumCents } from "../tables/repartition";
import type { ConventionTable, RepartitionTable } from "../tables/types";
import type { Check, CheckContext } from "./types";

interface Place {
  cell: GridCell;
  cents: number;
  what: "depense" | "proposition" | "total";
  /** For a breakdown whose TOTAL is wrong (REP-TOTAL): the TOTAL it states; `cents` is then the detail sum. */
  wrongTotal?: number;
}

/**
 * The amount a breakdown stands for: its TOTAL, or the sum of its detail rows when the TOTAL is
 * itself wrong (REP-TOTAL's finding): the user is never asked to match a figure known to be wrong.
 */
function breakdownPlace(table: RepartitionTable): Place | undefined {
  const cell = table.rows.find((r) => r.kind === "total")?.amount;
  const stated = cents(cell);
  if (!cell || stated === undefined) return undefined;
  const details = detailRows(table.rows);
  const sum = details.length ? sumCents(details) : undefined;
  if (sum === undefined || sum === stated) return { cell, cents: stated, what: "total" };
  return { cell, cents: sum, what: "total", wrongTotal: stated };
}

/**
 * The places that state the amount of the convention's subsidy. In a dossier (one convention in the
 * workbook) they are the workbook's single Dépense line, single report line and single breakdown;
 * with several conventions, only those on the convention's own sheet. A breakdown whose TOTAL (or
 * detail sum) is the coût total prévisionnel is the project's budget, not the subsidy's (2023:
 * 18 695 for 7 000).
 */
function placesFor(ctx: CheckContext, convention: ConventionTable, single: boolean): Place[] {
  const here = (sheet: string) => single || sheet === convention.sheet;
  const places: Place[] = [];
  const depenses = ctx.tables.depense.filter((t) => here(t.sheet)).flatMap((t) => t.lines).filter((l) => l.cents("depense") !== undefined);
  if (depenses.length === 1) places.push({ cell: depenses[0].depense!, cents: depenses[0].cents("depense")!, what: "depense" });
  const lines = ctx.tables.imputation.filter((t) => here(t.sheet)).flatMap((t) => t.lines).filter((l) => l.cents("proposition") !== undefined);
  if (lines.length === 1) places.push({ cell: lines[0].proposition!, cents: lines[0].cents("proposition")!, what: "proposition" });
  const coutTotal = termCents(convention, "coutTotal");
  const totals = ctx.tables.repartition
    .filter((t) => here(t.sheet))
    .map(breakdownPlace)
    .filter((p): p is Place => p !== undefined && p.cents !== coutTotal && p.wrongTotal !== coutTotal);
  if (totals.length === 1) places.push(totals[0]);
  return places;
}

/** XREF-MONTANT: the convention, the deliberation, the report and the breakdown state one subsidy amount. */
export const xrefMontant: Check = {
  id: "XREF-MONTANT",
  severity: "error",
  family: "XREF",
  scope: "workbook",
  description: "The subsidy amount must agree between the convention, the Dépense/Proposition line and the subsidy's breakdown (its TOTAL, or its detail sum when the TOTAL is wrong).",
  help: {
    fr: {
      checks: "Que le montant de la subvention soit le même partout où il figure : le « Montant de la subvention » de la convention, la Dépense de la délibération ou la Proposition du rapport, et le TOTAL de la répartition de la subvention (ou la somme de ses lignes quand ce TOTAL est faux) ; une répartition dont le TOTAL est le coût total prévisionnel est le budget du projet et n'est pas comparée.",
      why: "La convention, la délibération et le rapport engagent le même argent : s'ils ne disent pas le même montant, on ne sait plus lequel sera versé.",
      fix: "Retrouvez le montant voté et reportez-le dans chaque document du dossier.",
      example: "Convention : subvention de 7 000 € ; délibération : Dépense 7 500 € : l'écart est signalé. Le budget du projet, 18 695 € (le coût total), n'est pas comparé aux 7 000 €.",
    },
    en: {
      checks: "That the subsidy amount is the same wherever it appears: the convention's “Montant de la subvention”, the deliberation's Dépense or the report's Proposition, and the TOTAL of the subsidy's breakdown (or the sum of its rows when that TOTAL is wrong); a breakdown whose TOTAL is the total forecast cost is the project's budget and is not compared.",
      why: "The convention, the deliberation and the report commit the same money: if they do not state the same amount, nobody knows which one will be paid.",
      fix: "Find the amount voted and carry it into every document of the dossier.",
      example: "Convention: a subsidy of €7,000; deliberation: Dépense €7,500: the difference is reported. The project's budget, €18,695 (the total cost), is not compared with the €7,000.",
    },
  },
  messages: {
    montantDiffere: {
      fr: "Le montant de la subvention {{actual}} de la convention diffère de {{expected}} ({{place}}, {{other}}).",
      en: "The convention's subsidy amount {{actual}} differs from {{expected}} ({{place}}, {{other}}).",
    },
    montantDiffereDetail: {
      fr: "Le montant de la subvention {{actual}} de la convention diffère de {{expected}}, la somme des lignes de la répartition : son TOTAL {{total}} ({{other}}) est lui-même faux.",
      en: "The convention's subsidy amount {{actual}} differs from {{expected}}, the sum of the breakdown's rows: its TOTAL {{total}} ({{other}}) is itself wrong.",
    },
  },
  check(ctx) {
    const conventions = ctx.tables.convention.filter((c) => termCents(c, "subvention") !== undefined);
    for (const convention of conventions) {
      const subvention = termCents(convention, "subvention")!;
      for (const place of placesFor(ctx, convention, conventions.length === 1)) {
        // A wrong TOTAL whose rows add up to the convention's amount: REP-TOTAL says it all.
        if (place.cents === subvention) continue;
        const other = text(qualified(place.cell.sheet, place.cell.address));
        const base = { at: termCell(convention, "subvention")!, related: [place.cell], actual: money(subvention), expected: money(place.cents), table: convention.id };
        if (place.wrongTotal !== undefined) {
          ctx.report({ ...base, messageId: "montantDiffereDetail", data: { total: money(place.wrongTotal), other } });
        } else {
          ctx.report({ ...base, messageId: "montantDiffere", data: { place: text(PLACE_NAMES[place.what]), other } });
        }
      }
    }
  },
};

/** Named in the document's words; the same in both languages as they are the tables' own headers. */
const PLACE_NAMES: Record<Place["what"], string> = { depense: "Dépense", proposition: "Proposition", total: "TOTAL" };
