import { columnLetter } from "../address";
import { count, text } from "../format";
import type { GridCell } from "../grid";
import { indexRuns, lineColumn, runs } from "../tables/columns";
import { detailRows, percentFormulas, subtotalWindows, sumFormula } from "../tables/repartition";
import type { RepartitionRow, RepartitionTable } from "../tables/types";
import type { Check, CheckContext } from "./types";

/** A constant holding a number: what a formula would keep right when a figure above it changes. */
const isFrozen = (c: GridCell | undefined) => !!c && !c.formula && c.reading.kind === "number";

/** FORMULE-FIGEE: a Solde, TOTAL or % typed as a constant; one finding per column run. */
export const formuleFigee: Check = {
  id: "FORMULE-FIGEE",
  severity: "info",
  family: "FORMULE",
  scope: "table",
  description: "A Solde, TOTAL or % cell typed as a constant where a formula would keep it right; one finding per column run.",
  help: {
    fr: {
      checks: "Un Solde, un TOTAL, un sous-total ou un pourcentage saisi comme un nombre fixe là où une formule le garderait juste ; une seule remarque par suite de cellules dans une colonne.",
      why: "Le chiffre est peut-être juste aujourd'hui, mais il ne suivra pas si un montant change : c'est ainsi qu'un solde devient faux sans que personne ne le voie.",
      fix: "Remplacez le nombre par la formule proposée : =E2-F2 pour un solde, =SOMME(C3:C9) pour un total, =C3/C$11 pour un pourcentage.",
      example: "Disponible 31 000, Proposition 7 000, Solde saisi 24 000 : juste, mais si la proposition passe à 8 000 le solde restera 24 000, quand la formule =E2-F2 donnerait 23 000.",
    },
    en: {
      checks: "A Solde (balance), TOTAL, sub-total or percentage typed as a fixed number where a formula would keep it right; one finding per run of cells down a column.",
      why: "The figure may be right today, but it will not follow when an amount changes: that is how a balance goes wrong without anyone seeing it.",
      fix: "Replace the number with the suggested formula: =E2-F2 for a balance, =SUM(C3:C9) for a total, =C3/C$11 for a percentage.",
      example: "Disponible 31,000, Proposition 7,000, Solde typed as 24,000: right, but if the proposal becomes 8,000 the balance stays 24,000, where the formula =E2-F2 would give 23,000.",
    },
  },
  messages: {
    soldeFige: {
      fr: "{{count:Solde saisi|Soldes saisis}} en dur ({{range}}) : la formule {{formula}} {{count:le garderait juste|les garderait justes}}.",
      en: "{{count:Solde|Soldes}} typed as {{count:a constant|constants}} ({{range}}): the formula {{formula}} would keep {{count:it|them}} right.",
    },
    totalFige: {
      fr: "{{count:Total saisi|Totaux saisis}} en dur ({{range}}) : une formule comme {{formula}} {{count:le garderait juste|les garderait justes}}.",
      en: "{{count:Total|Totals}} typed as {{count:a constant|constants}} ({{range}}): a formula such as {{formula}} would keep {{count:it|them}} right.",
    },
    pourcentFige: {
      fr: "{{count:Pourcentage saisi|Pourcentages saisis}} en dur ({{range}}) : une formule comme {{formula}} {{count:le garderait juste|les garderait justes}}.",
      en: "{{count:Percentage|Percentages}} typed as {{count:a constant|constants}} ({{range}}): a formula such as {{formula}} would keep {{count:it|them}} right.",
    },
  },
  check(ctx) {
    for (const table of ctx.tables.imputation) {
      const soldes = lineColumn(table, "solde");
      if (!soldes) continue;
      // Read from the grid line by line: a cell is made only for the soldes reported.
      for (const run of indexRuns(soldes, (i) => !soldes.formula(i) && soldes.kind(i) === "number")) {
        const line = table.lines[run[0]];
        if (!line.disponible || !line.proposition) continue;
        report(ctx, "soldeFige", run.map((i) => soldes.cell(i)), `=${line.disponible.address}-${line.proposition.address}`, table.id);
      }
    }
    for (const table of ctx.tables.repartition) {
      const windows = subtotalWindows(table.rows);
      const totals = table.rows.filter((r) => r.kind !== "detail" && isFrozen(r.amount));
      if (totals.length > 0) {
        const first = totals[0];
        const covered = first.kind === "total" ? detailRows(table.rows) : windows.find((w) => w.subtotal === first)!.details;
        if (covered.length > 0) {
          report(ctx, "totalFige", totals.map((t) => t.amount), sumFormula(table.amountColumn, covered.map((d) => d.row)), table.id);
        }
      }
      const rowOf = new Map(table.rows.filter((r) => r.percent).map((r) => [r.percent!, r]));
      const formulaOf = percentFormulas(table);
      for (const run of runs([...rowOf.keys()], isFrozen)) {
        const row = rowOf.get(run[0])!;
        const formula = formulaOf(row);
        const suggested = formula ?? shareFormula(table, row);
        if (suggested) report(ctx, "pourcentFige", run, suggested, table.id, !!formula);
      }
    }
  },
};

/** The share formula to suggest when it cannot be applied as is (text cells, no right TOTAL). */
function shareFormula(table: RepartitionTable, row: RepartitionRow): string | undefined {
  const total = table.rows.find((r) => r.kind === "total");
  if (total) return `=${row.amount.address}/${columnLetter(total.amount.column)}$${total.amount.row + 1}`;
  const details = detailRows(table.rows);
  return details.length ? `=${row.amount.address}/${sumFormula(table.amountColumn, details.map((d) => d.row)).slice(1)}` : undefined;
}

function report(ctx: CheckContext, messageId: string, cells: GridCell[], formula: string, table: string, withFix = true): void {
  const last = cells[cells.length - 1];
  const range = cells.length === 1 ? cells[0].address : last.row === cells[0].row + cells.length - 1 ? `${cells[0].address}:${last.address}` : cells.map((c) => c.address).join(", ");
  ctx.report({
    messageId,
    at: cells[0],
    related: cells.slice(1),
    data: { count: count(cells.length), range: text(range), formula: text(formula) },
    fix: withFix ? { formula } : undefined,
    table,
  });
}
