import { text, count } from "../format";
import type { GridCell } from "../grid";
import { cellsColumn, indexRuns, numberColumns, type NumberColumn } from "../tables/columns";
import type { Check } from "./types";

/** A convention's terms are one column per term; their values stacked in one sheet column are one run. */
function physicalColumns(columns: readonly NumberColumn[]): NumberColumn[] {
  const out = new Map<string, NumberColumn | { first: NumberColumn; cells: GridCell[] }>();
  for (const col of columns) {
    if (col.table.kind !== "convention") {
      // A budget's two sides have columns of the same role: each sheet column is its own.
      const first = col.length ? col.cell(0) : undefined;
      out.set(`${col.table.id}|${col.role}|${first?.column ?? ""}|${first?.row ?? ""}`, col);
      continue;
    }
    for (let i = 0; i < col.length; i++) {
      const cell = col.cell(i);
      const key = `${col.table.id}|@${cell.column}`;
      const existing = out.get(key);
      if (existing && "first" in existing) existing.cells = [...existing.cells, cell].sort((a, b) => a.row - b.row);
      else out.set(key, { first: col, cells: [cell] });
    }
  }
  return [...out.values()].map((c) => ("first" in c ? cellsColumn(c.first.table, c.first.role, c.first.header, c.first.unit, c.cells) : c));
}

/**
 * NUM-TEXTE: numbers stored as text are read and checked, but Excel's own sums skip them. A text
 * that is not an amount (`80%` under Montant, a figure too large for cents) is NUM-ILLISIBLE's.
 */
export const numTexte: Check = {
  id: "NUM-TEXTE",
  severity: "info",
  family: "NUM",
  scope: "table",
  description: "Numbers stored as text (still read and checked); one finding per column run.",
  help: {
    fr: {
      checks: "Des nombres enregistrés comme texte, souvent collés depuis un PDF (« 43 056,00 », « 9 380,00 € ») ; Pointage les lit et les contrôle quand même ; une seule remarque par suite de cellules dans une colonne.",
      why: "Les formules d'Excel comme SOMME ignorent ces cellules : un total calculé par Excel sur cette colonne sera trop bas sans rien afficher.",
      fix: "Convertissez-les en nombres : sélectionnez les cellules, puis le losange d'avertissement d'Excel et « Convertir en nombre ».",
      example: "Une colonne CP où 43 056,00 est du texte : =SOMME(D2:D5) ne le compte pas et le total est trop bas de 43 056,00.",
    },
    en: {
      checks: "Numbers stored as text, often pasted from a PDF (“43 056,00”, “9 380,00 €”); Pointage still reads and checks them; one finding per run of cells down a column.",
      why: "Excel's formulas such as SUM skip these cells: a total Excel computes over the column will be too low without any warning.",
      fix: "Convert them to numbers: select the cells, then Excel's warning sign and “Convert to Number”.",
      example: "A CP column where 43,056.00 is text: =SUM(D2:D5) does not count it and the total is 43,056.00 too low.",
    },
  },
  messages: {
    nombresTexte: {
      fr: "Colonne « {{column}} » : {{count}} {{count:nombre saisi|nombres saisis}} comme texte ({{range}}), {{count:lu et contrôlé|lus et contrôlés}} quand même ; les formules d'Excel {{count:l'ignorent|les ignorent}}.",
      en: "Column “{{column}}”: {{count}} {{count:number|numbers}} stored as text ({{range}}), still read and checked; Excel's formulas skip {{count:it|them}}.",
    },
    termesTexte: {
      fr: "Convention : {{count}} {{count:valeur saisie|valeurs saisies}} comme texte ({{range}}), {{count:lue et contrôlée|lues et contrôlées}} quand même ; les formules d'Excel {{count:l'ignorent|les ignorent}}.",
      en: "Convention: {{count}} {{count:value|values}} stored as text ({{range}}), still read and checked; Excel's formulas skip {{count:it|them}}.",
    },
  },
  check(ctx) {
    for (const column of physicalColumns(numberColumns(ctx.tables))) {
      // A number typed as text is no plain amount: only the column's unusual cells are looked at.
      const stored = indexRuns(
        column,
        (i) => {
          const r = column.reading(i);
          // A number that is not an amount has no cents (`amountIssue`): NUM-ILLISIBLE's.
          return r.kind === "number" && r.fromText && !(column.unit === "money" && column.cents(i) === undefined);
        },
        column.unusual(),
      );
      for (const run of stored.map((r) => r.map((i) => column.cell(i)))) {
        const last = run[run.length - 1];
        ctx.report({
          messageId: column.table.kind === "convention" ? "termesTexte" : "nombresTexte",
          at: run[0],
          related: run.slice(1),
          data: { column: column.header, count: count(run.length), range: text(run.length > 1 ? `${run[0].address}:${last.address}` : run[0].address) },
          table: column.table.id,
        });
      }
    }
  },
};
