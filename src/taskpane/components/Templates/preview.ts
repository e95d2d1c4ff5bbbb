/**
 * What the preview shows beside each resolved field: the whole text its cell will hold, when the
 * placeholder sits in a sentence (« … à hauteur de {proposition|euros}. » → the sentence with
 * 9 380 €), so that the user reads the sentence as it will be written, not only the figure.
 */
import { parseA1 } from "../../../core/address";
import type { FillPlan } from "../../../core/fill";

/** Where a template row ends up once the plan's row operations are applied; undefined when it is deleted. */
export function finalRow(plan: FillPlan, row: number): number | undefined {
  let r = row;
  for (const op of plan.rowOperations) {
    if (op.kind === "insertRows") {
      if (r >= op.before) r += op.count;
    } else if (r >= op.start + op.count) r -= op.count;
    else if (r >= op.start) return undefined;
  }
  return r;
}

/**
 * The sentence the plan writes for a field that sits in a text: the first text cell of the
 * field's column, at or below where its template row ends up, that holds the field's value
 * within more text. « At or below »: a built-in's plan is laid out already (its list rows
 * written out, no row operation), so its cells are only ever pushed down from the template's.
 */
export function sentenceOf(plan: FillPlan, field: { cell: string; shown: string }): string | undefined {
  const at = parseA1(field.cell);
  if (!at || field.shown === "") return undefined;
  const from = finalRow(plan, at.row);
  if (from === undefined) return undefined;
  let best: { row: number; text: string } | undefined;
  for (const b of plan.blocks) {
    const j = at.column - b.column;
    b.cells.forEach((cells, i) => {
      const c = cells[j];
      const row = b.row + i;
      if (row < from || c?.kind !== "text" || c.text === field.shown || !c.text.includes(field.shown)) return;
      if (!best || row < best.row) best = { row, text: c.text };
    });
  }
  return best?.text;
}
