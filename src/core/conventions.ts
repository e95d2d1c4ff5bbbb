/** Reading a convention's terms for the CONV and XREF checks. */
import { cents, percentPoints } from "./amounts";
import type { GridCell } from "./grid";
import type { ConventionTable, TermKey } from "./tables/types";

/** The term's value cell, if the convention states it. */
export function termCell(c: ConventionTable, key: TermKey): GridCell | undefined {
  return c.terms[key]?.value;
}

/** The term's amount in cents, if it states a number. */
export function termCents(c: ConventionTable, key: TermKey): number | undefined {
  return cents(termCell(c, key));
}

/**
 * A rate term in points with its shown decimals: `37,44%` as text or in a sentence (2 decimals),
 * 0.3744 with a % format, or a plain 0.3744 / 37.44 (≤ 1 is read as a fraction).
 */
export function ratePoints(c: ConventionTable, key: "tauxIntervention" | "tauxPlafond"): { points: number; decimals: number } | undefined {
  const cell = termCell(c, key);
  const r = cell?.reading;
  if (!r || r.kind !== "number") return undefined;
  const scale = r.fromText || r.percent ? "points" : Math.abs(r.value) <= 1 ? "fraction" : "points";
  return percentPoints(cell, scale);
}

/** The taux d'intervention in points with its shown decimals (see `ratePoints`). */
export function tauxPoints(c: ConventionTable): { points: number; decimals: number } | undefined {
  return ratePoints(c, "tauxIntervention");
}

/** True when the term was read in a sentence: a formula may not be written over its cell or point at it. */
export function inText(c: ConventionTable, key: TermKey): boolean {
  return c.terms[key]?.inText === true;
}
