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
import { labelWords } from "../text";
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
function apply(op: RelationOp, a: number, b: number): number | undefined {
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

/** A cell's value in its stored scale: a text `31,98 %` reads 31.98 points, stored as the fraction 0.3198. */
export function storedValue(cell: GridCell): number | undefined {
  const r = cell.reading;
  if (r.kind !== "number") return undefined;
  return r.fromText && r.percent ? r.value / 100 : r.value;
}

/** Whether the row agrees: |computed − shown| within half a unit of the shown last decimal. */
function agrees(target: GridCell, computed: number): boolean {
  const shown = storedValue(target);
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
    const { agreeing, informative } = count(numeric, c, rows, breaking);
    if (informative < MIN_ROWS || agreeing < MIN_AGREEMENT * informative) continue;
    established.push({ ...c, agreeing, informative, breaking });
  }
  // One relation per set of three columns: quantité × prix = total also reads quantité = total ÷
  // prix (which a whole quantity's tolerance, 4 ± 0,5, lets pass on every row), and taux =
  // subvention ÷ coût also reads subvention = coût × taux. The computed column is the one a form
  // computes: a column of formulas (a typed value among `=J2/I2` is the odd one out); a rate
  // (`Taux`, `%`, a % format) as a quotient; a product or sum larger than its operands; the
  // rightmost column; then the plainest operation, then the one most rows follow.
  const score = (r: Relation) => {
    let n = 0;
    if (formulaShare(numeric[r.target], rows) > 0.5) n += 4;
    if ((r.op === "/" || r.op === "/100") && isRate(numeric[r.target], rows)) n += 2;
    if ((r.op === "*" || r.op === "+") && median(numeric[r.target], rows) >= Math.max(median(numeric[r.a], rows), median(numeric[r.b], rows))) n += 1;
    if (numeric[r.target].column > numeric[r.a].column && numeric[r.target].column > numeric[r.b].column) n += 1;
    return n;
  };
  established.sort((p, q) => score(q) - score(p) || opRank(p.op) - opRank(q.op) || q.agreeing / q.informative - p.agreeing / p.informative);
  const kept: Relation[] = [];
  for (const r of established) {
    const set = [r.target, r.a, r.b].sort().join(",");
    if (kept.some((k) => [k.target, k.a, k.b].sort().join(",") === set || k.target === r.target)) continue;
    kept.push(r);
  }
  return kept;
}

/** The plainest reading first: a product, then a difference (solde = recettes − dépenses), a sum, a quotient. */
function opRank(op: RelationOp): number {
  return { "*": 0, "-": 1, "+": 2, "/": 3, "/100": 4 }[op];
}

function formulaShare(col: ListeColumn, rows: readonly number[]): number {
  let n = 0;
  for (const r of rows) if (col.cells[r]?.formula) n++;
  return rows.length ? n / rows.length : 0;
}

/** Header words of a column of rates. */
const RATE_WORDS = /^(taux|pct|%|pourcentage|pourcent|part|levier|ratio|rate|share)$/;

/** A column of rates: a % format or `%` sign on most cells, or a header that says so. */
function isRate(col: ListeColumn, rows: readonly number[]): boolean {
  if (labelWords(col.header).some((w) => RATE_WORDS.test(w))) return true;
  let percent = 0;
  let seen = 0;
  for (const r of rows) {
    const reading = col.cells[r]?.reading;
    if (reading?.kind !== "number") continue;
    seen++;
    if (reading.percent) percent++;
  }
  return seen > 0 && percent > seen / 2;
}

/** The median magnitude of a column's numbers. */
function median(col: ListeColumn, rows: readonly number[]): number {
  const values: number[] = [];
  for (const r of rows) {
    const v = value(col.cells[r]);
    if (v !== undefined) values.push(Math.abs(v));
  }
  values.sort((a, b) => a - b);
  return values.length ? values[values.length >> 1] : 0;
}

function count(numeric: readonly ListeColumn[], c: Candidate, rows: readonly number[], breaking?: Relation["breaking"]): { agreeing: number; informative: number } {
  let agreeing = 0;
  let informative = 0;
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
    // A row says nothing when the result is within the tolerance of nothing, or when an addend
    // is (a rate of 0,33 added to a commune's code changes it by less than its half unit).
    const tol = tolerance(t);
    if (Math.abs(computed) <= tol) continue;
    if ((c.op === "+" || c.op === "-") && (Math.abs(a) <= tol || Math.abs(b) <= tol)) continue;
    informative++;
    if (agrees(t, computed)) agreeing++;
    else breaking?.push({ index: r, expected: computed });
  }
  return { agreeing, informative };
}
