import { cents } from "../amounts";
import { termCell, termCents } from "../conventions";
import { money, text } from "../format";
import type { GridCell } from "../grid";
import { qualified } from "../address";
import type { ConventionTable } from "../tables/types";
import type { Check, CheckContext } from "./types";

interface Place {
  cell: GridCell;
  cents: number;
  what: "depense" | "proposition" | "total";
}

/**
 * The places that state the amount of the convention's subsidy. In a dossier (one convention in the
 * workbook) they are the workbook's single Dépense line, single report line and single breakdown;
 * with several conventions, only those on the convention's own sheet. A breakdown whose TOTAL is
 * the coût total prévisionnel is the project's budget, not the subsidy's (2023: 18 695 for 7 000).
 */
function placesFor(ctx: CheckContext, convention: ConventionTable, single: boolean): Place[] {
  const here = (sheet: string) => single || sheet === convention.sheet;
  const places: Place[] = [];
  const depenses = ctx.tables.depense.filter((t) => here(t.sheet)).flatMap((t) => t.lines).filter((l) => cents(l.depense) !== undefined);
  if (depenses.length === 1) places.push({ cell: depenses[0].depense!, cents: cents(depenses[0].depense)!, what: "depense" });
  const lines = ctx.tables.imputation.filter((t) => here(t.sheet)).flatMap((t) => t.lines).filter((l) => cents(l.proposition) !== undefined);
  if (lines.length === 1) places.push({ cell: lines[0].proposition!, cents: cents(lines[0].proposition)!, what: "proposition" });
  const coutTotal = termCents(convention, "coutTotal");
  const totals = ctx.tables.repartition
    .filter((t) => here(t.sheet))
    .map((t) => t.rows.find((r) => r.kind === "total")?.amount)
    .filter((c): c is GridCell => cents(c) !== undefined && cents(c) !== coutTotal);
  if (totals.length === 1) places.push({ cell: totals[0], cents: cents(totals[0])!, what: "total" });
  return places;
}

/** XREF-MONTANT: the convention, the deliberation, the report and the breakdown state one subsidy amount. */
export const xrefMontant: Check = {
  id: "XREF-MONTANT",
  severity: "error",
  family: "XREF",
  scope: "workbook",
  description: "The subsidy amount must agree between the convention, the Dépense/Proposition line and the subsidy's breakdown TOTAL.",
  messages: {
    montantDiffere: {
      fr: "Le montant de la subvention {{actual}} de la convention diffère de {{expected}} ({{place}}, {{other}}).",
      en: "The convention's subsidy amount {{actual}} differs from {{expected}} ({{place}}, {{other}}).",
    },
  },
  check(ctx) {
    const conventions = ctx.tables.convention.filter((c) => termCents(c, "subvention") !== undefined);
    for (const convention of conventions) {
      const subvention = termCents(convention, "subvention")!;
      for (const place of placesFor(ctx, convention, conventions.length === 1)) {
        if (place.cents === subvention) continue;
        ctx.report({
          messageId: "montantDiffere",
          at: termCell(convention, "subvention")!,
          related: [place.cell],
          actual: money(subvention),
          expected: money(place.cents),
          data: { place: text(PLACE_NAMES[place.what]), other: text(qualified(place.cell.sheet, place.cell.address)) },
          table: convention.id,
        });
      }
    }
  },
};

/** Named in the document's words; the same in both languages as they are the tables' own headers. */
const PLACE_NAMES: Record<Place["what"], string> = { depense: "Dépense", proposition: "Proposition", total: "TOTAL" };
