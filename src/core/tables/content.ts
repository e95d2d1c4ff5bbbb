/**
 * What a column holds, for the table finder to decide where header words are missing or
 * ambiguous: numbers or labels, codes shaped like `C05-043A06`, accounts like `65748/93043`,
 * dates. And the arithmetic that names a report's amount columns whatever their headers say:
 * Solde = Disponible − Proposition on most rows.
 */
import type { SheetGrid } from "../grid";
import type { ColumnRole } from "../settings";
import { cents } from "../amounts";
import { headerWords } from "./headers";

export interface ColumnProfile {
  filled: number;
  numbers: number;
  texts: number;
  /** Texts shaped like a code opération (`C05-043A06`, `C01-020Q01`). */
  readonly codes: number;
  /** Texts shaped like an imputation (`65748/93043`, `65748//93043`, `6574 / 93`). */
  readonly imputations: number;
  /** Numbers shown as dates (`dd/mm/yy`, `yyyy-mm-dd`). */
  dates: boolean;
  /** Numbers typed as text with a leading zero (`01`, `0045`): identifiers, not quantities. */
  zeroPadded: boolean;
}

const CODE = /^[A-Z]{1,3}\d{2}[-_ ]?\d{2,4}[A-Z]{0,2}\d{0,3}$/i;
const IMPUTATION = /^\d{2,6}\s*\/{1,2}\s*\d{1,6}(\s*\/{1,2}\s*\d{1,6})?$/;

/**
 * Header words of columns that hold numbers which are not quantities: codes, identifiers,
 * coordinates, populations, years (`INSEECOM`, `id_terr`, `CODGEO`, `LAT`, `pop19`).
 */
const IDENTIFIER_WORDS = /^(code|codes|codgeo|cog|id|ident|identifiant|siret|siren|insee\w*|num|numero|no|ref|reference|postal|dep|commune|epci|lat|latitude|long|longitude|lon|lng|pop|population|annee|exercice|year|telephone|tel)$/;

/** Whether a header names a column of identifiers rather than quantities. */
export function isIdentifierHeader(header: string): boolean {
  return headerWords(header).some((w) => IDENTIFIER_WORDS.test(w));
}

/** Whether a text is shaped like a code opération or an imputation. */
function textShape(text: string): "code" | "imputation" | undefined {
  if (CODE.test(text)) return "code";
  return IMPUTATION.test(text) ? "imputation" : undefined;
}

/**
 * Rows to profile: a list, or every row from `first` to `last` (a whole region, 100 000 rows,
 * without making the list).
 */
export type ProfileRows = readonly number[] | { readonly first: number; readonly last: number };

function rowCount(rows: ProfileRows): number {
  return "first" in rows ? Math.max(0, rows.last - rows.first + 1) : rows.length;
}

/** The list of rows, or undefined for a span (whose `i`-th row is `spanStart + i`). */
function rowList(rows: ProfileRows): readonly number[] | undefined {
  return "first" in rows ? undefined : rows;
}

function spanStart(rows: ProfileRows): number {
  return "first" in rows ? rows.first : 0;
}

/**
 * A column's profile over some rows. Its texts' shapes are read when first asked: only a column
 * whose header names no role asks them, and reading a column's texts (a code per line) is what
 * costs at 100 000 rows, where the counts come from the grid's flags alone.
 */
class Profile implements ColumnProfile {
  filled = 0;
  numbers = 0;
  texts = 0;
  dates = false;
  zeroPadded = false;
  /** Numbers typed as text shaped like an imputation, counted with the others. */
  numberImputations = 0;
  private shapes?: { codes: number; imputations: number };

  constructor(
    private readonly grid: SheetGrid,
    private readonly rows: ProfileRows,
    private readonly column: number,
  ) {}

  get codes(): number {
    return this.textShapes().codes;
  }

  get imputations(): number {
    return this.numberImputations + this.textShapes().imputations;
  }

  private textShapes(): { codes: number; imputations: number } {
    if (this.shapes) return this.shapes;
    const shapes = { codes: 0, imputations: 0 };
    // A column repeats its texts from row to row (an imputation, a libellé): a text's shape is
    // read again only when the text changes.
    let lastText: string | undefined;
    let lastShape: "code" | "imputation" | undefined;
    const list = rowList(this.rows);
    const first = spanStart(this.rows);
    for (let i = 0, n = rowCount(this.rows); i < n; i++) {
      const text = this.grid.text(list ? list[i] : first + i, this.column);
      if (text === "") continue;
      if (text !== lastText) {
        lastText = text;
        lastShape = textShape(text.trim());
      }
      if (lastShape === "code") shapes.codes++;
      else if (lastShape === "imputation") shapes.imputations++;
    }
    return (this.shapes = shapes);
  }
}

/** The profiles of the columns `from`…`to` over the rows (which the profiles keep: not to be changed). */
export function columnProfiles(grid: SheetGrid, rows: ProfileRows, from: number, to: number): Map<number, ColumnProfile> {
  const profiles: Profile[] = [];
  const dates: number[] = [];
  const padded: number[] = [];
  for (let c = from; c <= to; c++) {
    profiles.push(new Profile(grid, rows, c));
    dates.push(0);
    padded.push(0);
  }
  // Row by row, every column of a row in turn: this visits every cell of every candidate table.
  const list = rowList(rows);
  const first = spanStart(rows);
  for (let i = 0, n = rowCount(rows); i < n; i++) {
    const r = list ? list[i] : first + i;
    for (let k = 0; k < profiles.length; k++) {
      const c = from + k;
      const kind = grid.kind(r, c);
      if (kind === "empty") continue;
      const p = profiles[k];
      p.filled++;
      if (kind === "number") {
        p.numbers++;
        if (grid.isDate(r, c)) dates[k]++;
        // Only numbers typed as text can be zero-padded or shaped like an account.
        if (grid.isNumberText(r, c)) {
          const text = String(grid.value(r, c)).trim();
          if (/^0\d/.test(text)) padded[k]++;
          if (IMPUTATION.test(text)) p.numberImputations++;
        }
      } else if (kind === "text") p.texts++;
      else if (kind === "error") p.numbers++;
    }
  }
  const out = new Map<number, ColumnProfile>();
  profiles.forEach((p, k) => {
    p.dates = p.numbers > 0 && dates[k] >= 0.5 * p.numbers;
    p.zeroPadded = p.numbers > 0 && padded[k] >= 0.5 * p.numbers;
    out.set(from + k, p);
  });
  return out;
}

/**
 * Three amount columns where Solde = Disponible − Proposition on most rows name those roles, and a
 * fourth amount column left of them is the CP. Only used to complete a header that already names
 * a report's CP, Disponible or Proposition, or that has a code or imputation column: a list of
 * Prévu | Réalisé | Écart or Recettes | Dépenses | Solde must not become a report.
 */
export function inferImputationColumns(
  grid: SheetGrid,
  header: { columns: Partial<Record<ColumnRole, number>>; first: number; last: number },
  dataRow: number,
  lastRow: number,
): Partial<Record<ColumnRole, number>> | undefined {
  // A Solde alone is not enough: Recettes | Dépenses | Solde is a balance, not a report.
  const named = (["cp", "disponible", "proposition", "code", "imputation"] as const).filter((r) => header.columns[r] !== undefined);
  if (named.length === 0) return undefined;
  const rows: number[] = [];
  for (let r = dataRow; r <= Math.min(lastRow, dataRow + 60); r++) rows.push(r);
  const amountColumns: number[] = [];
  for (let c = header.first; c <= header.last; c++) {
    const n = rows.filter((r) => grid.kind(r, c) === "number").length;
    if (n > 0 && n >= 0.5 * rows.filter((r) => !grid.isEmpty(r, c)).length) amountColumns.push(c);
  }
  if (amountColumns.length < 3) return undefined;
  let best: { d: number; p: number; s: number; agree: number } | undefined;
  for (const d of amountColumns) {
    for (const p of amountColumns) {
      if (p === d) continue;
      for (const s of amountColumns) {
        if (s === d || s === p || !(d < p && p < s)) continue;
        let agree = 0;
        let seen = 0;
        for (const r of rows) {
          const dv = cents(grid.cell(r, d));
          const pv = cents(grid.cell(r, p));
          const sv = cents(grid.cell(r, s));
          if (dv === undefined || pv === undefined || sv === undefined || pv === 0) continue;
          seen++;
          if (dv - pv === sv) agree++;
        }
        if (seen > 0 && agree >= 0.8 * seen && (!best || agree > best.agree)) best = { d, p, s, agree };
      }
    }
  }
  if (!best) return undefined;
  const out: Partial<Record<ColumnRole, number>> = { disponible: best.d, proposition: best.p, solde: best.s };
  if (header.columns.cp === undefined) {
    const cp = amountColumns.filter((c) => c < best!.d).pop();
    if (cp !== undefined) out.cp = cp;
  }
  return out;
}
