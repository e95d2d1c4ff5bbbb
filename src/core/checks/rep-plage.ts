import { text } from "../format";
import { sumRanges, withRightSum } from "../formula";
import { subtotalWindows, sumFormula } from "../tables/repartition";
import type { RepartitionRow } from "../tables/types";
import type { TotalBlock } from "../tables/totals";
import { totalBlocks } from "../tables/totals";
import type { Check, CheckContext } from "./types";

/** The rows of the amount column a total formula's sums cover; null when it sums nothing or reads elsewhere. */
function coveredRows(table: TotalBlock, formula: string): Set<number> | null {
  const ranges = sumRanges(formula);
  if (!ranges) return null;
  const rows = new Set<number>();
  for (const r of ranges) {
    if (r.sheet !== undefined && r.sheet !== table.sheet) return null;
    if (r.start.column > table.amountColumn || r.end.column < table.amountColumn) return null;
    for (let row = r.start.row; row <= r.end.row; row++) rows.add(row);
  }
  return rows;
}

const rowList = (rows: readonly RepartitionRow[]) => rows.map((r) => `${r.amount.address}${r.label ? ` (${r.label})` : ""}`).join(", ");

/**
 * REP-PLAGE: a TOTAL or sub-total formula whose range leaves out a detail row, or adds the total
 * itself or a sub-total on top of its own rows. A TOTAL that adds the sub-totals instead of their
 * rows covers every row once and is right. The sum may sit inside a larger formula
 * (`=ROUND(SUM(C3:C9),2)`, `=SUM(C3:C9)/2`: the range is judged, the value is REP-TOTAL's); a
 * formula that sums nothing (`=C7/C3`) is not a total formula.
 */
export const repPlage: Check = {
  id: "REP-PLAGE",
  severity: "error",
  family: "REP",
  scope: "table",
  description: "A TOTAL or sub-total formula must cover each detail row of its table exactly once.",
  help: {
    fr: {
      checks: "Qu'une formule de TOTAL ou de sous-total compte chaque ligne de détail de son tableau une fois et une seule : la plage de sa SOMME ne doit oublier aucune ligne, ni inclure sa propre cellule ou un sous-total dont les lignes sont déjà comptées.",
      why: "Une SOMME qui oublie une ligne ne la comptera jamais, même quand son montant change ; une SOMME qui ajoute un sous-total à ses lignes compte ces montants deux fois.",
      fix: "Étendez la plage de la SOMME aux lignes de détail, sans la ligne de total ni les sous-totaux déjà couverts : Pointage propose la formule juste.",
      example: "Lignes de détail en C3:C9, TOTAL en C10 avec =SOMME(C3:C8) : la ligne 9 est oubliée, la formule doit être =SOMME(C3:C9).",
    },
    en: {
      checks: "That a TOTAL or sub-total formula counts each detail row of its table once and only once: the range of its SUM must leave out no row, and include neither its own cell nor a sub-total whose rows are already counted.",
      why: "A SUM that leaves out a row will never count it, even when its amount changes; a SUM that adds a sub-total to its rows counts those amounts twice.",
      fix: "Extend the SUM's range to the detail rows, without the total row or sub-totals already covered: Pointage suggests the right formula.",
      example: "Detail rows in C3:C9, TOTAL in C10 with =SUM(C3:C8): row 9 is left out, the formula must be =SUM(C3:C9).",
    },
  },
  messages: {
    omet: {
      fr: "La formule {{formula}} de « {{label}} » omet {{missing}} : elle devrait être {{expected}}.",
      en: "Formula {{formula}} of “{{label}}” leaves out {{missing}}: it should be {{expected}}.",
    },
    inclutTotal: {
      fr: "La formule {{formula}} de « {{label}} » inclut sa propre cellule : elle devrait être {{expected}}.",
      en: "Formula {{formula}} of “{{label}}” includes its own cell: it should be {{expected}}.",
    },
    inclutSousTotal: {
      fr: "La formule {{formula}} de « {{label}} » compte deux fois des lignes en incluant {{extra}} : elle devrait être {{expected}}.",
      en: "Formula {{formula}} of “{{label}}” counts rows twice by including {{extra}}: it should be {{expected}}.",
    },
  },
  check(ctx) {
    for (const table of totalBlocks(ctx.tables)) {
      const windows = subtotalWindows(table.rows);
      for (const { subtotal, details } of windows) checkFormula(ctx, table, subtotal, details, []);
      const total = table.rows.find((r) => r.kind === "total");
      if (total) {
        const details = table.rows.filter((r) => r.kind === "detail");
        checkFormula(ctx, table, total, details, windows);
      }
    }
  },
};

function checkFormula(
  ctx: CheckContext,
  table: TotalBlock,
  row: RepartitionRow,
  details: RepartitionRow[],
  windows: { subtotal: RepartitionRow; details: RepartitionRow[] }[],
): void {
  const formula = row.amount.formula;
  if (!formula || details.length === 0) return;
  const covered = coveredRows(table, formula);
  if (!covered) return;
  const rightSum = sumFormula(table.amountColumn, details.map((d) => d.row));
  // `=ROUND(SUM(C5:C11),2)` keeps its ROUND; with several SUM calls to choose from, no fix.
  const right = withRightSum(formula, rightSum);
  const expected = text(right ?? rightSum);
  const base = { at: row.amount, table: table.id, fix: right ? { formula: right } : undefined };
  const data = { formula: text(formula), label: row.label || row.amount.address, expected };
  if (covered.has(row.row)) {
    ctx.report({ ...base, messageId: "inclutTotal", data, actual: text(formula), expected });
    return;
  }
  // Sub-totals included: allowed for a TOTAL only when none of their rows is also included.
  const otherTotals = table.rows.filter((r) => r !== row && r.kind !== "detail" && covered.has(r.row));
  const viaSubtotal = new Set<number>();
  const doubled: RepartitionRow[] = [];
  for (const t of otherTotals) {
    const w = windows.find((x) => x.subtotal === t);
    if (!w || w.details.some((d) => covered.has(d.row) || viaSubtotal.has(d.row))) doubled.push(t);
    else w.details.forEach((d) => viaSubtotal.add(d.row));
  }
  if (doubled.length > 0) {
    ctx.report({ ...base, messageId: "inclutSousTotal", related: doubled.map((d) => d.amount), data: { ...data, extra: rowList(doubled) }, actual: text(formula), expected });
    return;
  }
  const missing = details.filter((d) => !covered.has(d.row) && !viaSubtotal.has(d.row));
  if (missing.length > 0) {
    ctx.report({ ...base, messageId: "omet", related: missing.map((d) => d.amount), data: { ...data, missing: rowList(missing) }, actual: text(formula), expected });
  }
}
