/**
 * Row arithmetic inferred from the data (DOMAIN.md, LIGNE-CALCUL): in a table no kind covers, a
 * numeric column that equals the product, quotient, sum or difference of two others on nearly all
 * rows (quantité × prix unitaire = total; subvention ÷ coût = taux; recettes − dépenses = solde).
 *
 * A relation is established only on at least 5 informative rows of which at least 90 % agree, each
 * row compared at the result column's shown precision (half a unit of its last shown decimal:
 * 0,3744 shown with 4 decimals → 0,00005). A row where an operand is empty or zero says nothing
 * (0 × anything = 0) and is not counted; constant columns are never part of a relation (a column of
 * 1 would make every column its own product). Candidates are screened on the first rows, then the
 * survivors counted on all of them, so a 25 000-row list costs a few passes.
 */
import type { GridCell } from "../grid";
import type { ListeColumn } from "./types";

export type RelationOp = "+" | "-" | "*" | "/" | "/100";

export interface Relation {
  /** Index in the table's `numeric` of the column that is computed. */
  target: number;
  op: RelationOp;
  /** Indices in `numeric` of the two operands, in the order of the operation. */
  a: number;
  b: number;
  /** Rows (indices in the table's `rows`) that follow the relation and that break it. */
  agreeing: number;
  informative: number;
  breaking: { index: number; expected: number }[];
  /** Median of tolerance ÷ |value| over the rows: how loose the comparison is (smaller is stricter). */
  slack: number;
}

/** DOMAIN.md: at least 5 rows, 90 % of them agreeing. */
export const MIN_ROWS = 5;
export const MIN_AGREEMENT = 0.9;
/** Rows looked at to screen candidate relations before counting them on every row. */
const SCREEN_ROWS = 200;

function value(cell: GridCell | undefined): number | undefined {
  const r = cell?.reading;
  return r && r.kind === "number" ? r.value : undefined;
}

/** The result of the operation, in the result cell's own scale (a % cell holds a fraction). */
export function apply(op: RelationOp, a: number, b: number): number | undefined {
  switch (op) {
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      return a * b;
    case "/":
      return b === 0 ? undefined : a / b;
    case "/100":
      return b === 0 ? undefined : (a / b) * 100;
  }
}

/** Half a unit of the cell's last shown decimal, in the cell's stored scale. */
function tolerance(cell: GridCell): number {
  const r = cell.reading;
  if (r.kind !== "number") return 0;
  // A % format shows points: 0.00% on 0.3744 shows 2 decimals of 37.44, i.e. 4 of the fraction.
  const decimals = r.percent ? r.shownDecimals + 2 : r.shownDecimals;
  return 0.5 * 10 ** -decimals;
}

/** A text `31,98 %` in a cell reads 31.98 points; compare it with the fraction × 100. */
function stored(cell: GridCell): number | undefined {
  const r = cell.reading;
  if (r.kind !== "number") return undefined;
  return r.fromText && r.percent ? r.value / 100 : r.value;
}

/** Whether the row agrees: |computed − shown| within half a unit of the shown last decimal. */
function agrees(target: GridCell, computed: number): boolean {
  const shown = stored(target);
  if (shown === undefined) return false;
  return Math.abs(shown - computed) <= tolerance(target) + 1e-9 * Math.max(1, Math.abs(computed));
}

interface Candidate {
  target: number;
  op: RelationOp;
  a: number;
  b: number;
}

function isConstant(cells: readonly GridCell[]): boolean {
  let first: number | undefined;
  let seen = 0;
  for (const c of cells) {
    const v = value(c);
    if (v === undefined) continue;
    seen++;
    if (first === undefined) first = v;
    else if (v !== first) return false;
  }
  return seen > 0;
}

/**
 * The relations a table's rows establish. `rows` are the indices (into each column's `cells`) of
 * the detail rows: totals and sub-totals are left out by the caller.
 */
export function inferRelations(numeric: readonly ListeColumn[], rows: readonly number[]): Relation[] {
  const usable = numeric.map((col, i) => ({ i, col })).filter(({ col }) => !isConstant(rows.map((r) => col.cells[r])));
  if (usable.length < 3 || rows.length < MIN_ROWS) return [];
  const candidates: Candidate[] = [];
  for (const t of usable) {
    for (const x of usable) {
      if (x.i === t.i) continue;
      for (const y of usable) {
        if (y.i === t.i || y.i === x.i) continue;
        // + and × commute: one order is enough.
        if (x.i < y.i) candidates.push({ target: t.i, op: "+", a: x.i, b: y.i }, { target: t.i, op: "*", a: x.i, b: y.i });
        candidates.push({ target: t.i, op: "-", a: x.i, b: y.i }, { target: t.i, op: "/", a: x.i, b: y.i }, { target: t.i, op: "/100", a: x.i, b: y.i });
      }
    }
  }
  const screen = rows.slice(0, SCREEN_ROWS);
  const survivors = candidates.filter((c) => {
    const { agreeing, informative } = count(numeric, c, screen);
    return informative >= Math.min(MIN_ROWS, screen.length) && agreeing >= MIN_AGREEMENT * informative;
  });
  const established: Relation[] = [];
  for (const c of survivors) {
    const breaking: Relation["breaking"] = [];
    const { agreeing, informative, slack } = count(numeric, c, rows, breaking);
    if (informative < MIN_ROWS || agreeing < MIN_AGREEMENT * informative) continue;
    established.push({ ...c, agreeing, informative, breaking, slack });
  }
  // One relation per set of three columns: quantité × prix = total also reads quantité = total ÷
  // prix, which a whole quantity's half-unit tolerance lets pass on every row. The column that
  // holds formulas is the computed one (a typed value among `=J2/I2` is the odd one out); then
  // the strictest reading wins (the smallest tolerance relative to the values), then the one
  // whose computed column is rightmost (the result column of a form), then the plainest operation.
  const formulas = (i: number) => rows.filter((r) => numeric[i].cells[r]?.formula).length;
  established.sort(
    (p, q) =>
      formulas(q.target) - formulas(p.target) ||
      stricter(p.slack, q.slack) ||
      numeric[q.target].column - numeric[p.target].column ||
      q.agreeing / q.informative - p.agreeing / p.informative ||
      opRank(p.op) - opRank(q.op),
  );
  const kept: Relation[] = [];
  for (const r of established) {
    const set = [r.target, r.a, r.b].sort().join(",");
    if (kept.some((k) => [k.target, k.a, k.b].sort().join(",") === set || k.target === r.target)) continue;
    kept.push(r);
  }
  return kept;
}

/** Prefer the plainest reading when two agree as well: a product over a quotient, a sum over a difference. */
function opRank(op: RelationOp): number {
  return { "*": 0, "+": 1, "/": 2, "-": 3, "/100": 4 }[op];
}

/**
 * Slacks compared only when far apart (a factor of 30): quantité = total ÷ prix at a whole
 * quantity's tolerance is far looser than total = quantité × prix to the cent, while solde =
 * recettes − dépenses and dépenses = recettes − solde are as strict as each other.
 */
function stricter(p: number, q: number): number {
  if (p > 30 * q) return 1;
  if (q > 30 * p) return -1;
  return 0;
}

function count(numeric: readonly ListeColumn[], c: Candidate, rows: readonly number[], breaking?: Relation["breaking"]): { agreeing: number; informative: number; slack: number } {
  let agreeing = 0;
  let informative = 0;
  const slacks: number[] = [];
  const ta = numeric[c.target].cells;
  const ac = numeric[c.a].cells;
  const bc = numeric[c.b].cells;
  for (const r of rows) {
    const a = value(ac[r]);
    const b = value(bc[r]);
    const t = ta[r];
    if (a === undefined || b === undefined || a === 0 || b === 0 || !t || t.reading.kind !== "number") continue;
    const computed = apply(c.op, a, b);
    if (computed === undefined || !Number.isFinite(computed)) continue;
    informative++;
    if (breaking) slacks.push(tolerance(t) / Math.max(Math.abs(computed), 1e-12));
    if (agrees(t, computed)) agreeing++;
    else breaking?.push({ index: r, expected: computed });
  }
  // The median: one small value (a 37,97 difference among thousands) must not make a column look loose.
  slacks.sort((a, b) => a - b);
  return { agreeing, informative, slack: slacks.length ? slacks[slacks.length >> 1] : 0 };
}
