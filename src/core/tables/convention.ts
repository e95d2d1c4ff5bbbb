/**
 * Convention terms (DOMAIN.md, table kind 4): label/value pairs in two adjacent cells, and terms
 * written in a sentence in one cell (« une subvention d'un montant de 7 000 € sur un coût total
 * prévisionnel de 18 695 € », see sentences.ts).
 */
import { withReading, type GridCell, type SheetGrid } from "../grid";
import { labelWords, normalizeLabel } from "../text";
import type { Coverage } from "./coverage";
import { sentenceTerms } from "./sentences";
import type { ConventionTerm, TermKey } from "./types";

const TERMS: Record<TermKey, readonly string[]> = {
  subvention: [
    "montantdelasubvention", "montantsubvention", "subvention", "subventionaccordee", "subventionattribuee",
    "subventiondepartementale", "montantdelaide", "montantaccorde", "montantattribue", "subventionvotee",
  ],
  coutTotal: [
    "couttotalprevisionnel", "couttotal", "coutprevisionnel", "couttotalduprojet", "couttotalprevisionnelduprojet",
    "montanttotalprevisionnel", "budgettotalprevisionnel", "couttotaldelaction", "coutdelaction", "coutduprojet",
  ],
  tauxIntervention: ["tauxdintervention", "tauxintervention", "taux", "tauxdaide", "tauxdefinancement", "tauxdeparticipation"],
  plafond: ["plafond", "montantplafond", "plafonddelasubvention", "montantmaximum", "plafondsubvention"],
  tauxPlafond: ["tauxplafond", "tauxmaximum", "tauxmaximal", "plafonddutaux", "tauxdinterventionmaximum", "tauxmaximumdintervention"],
  depensesRealisees: [
    "depensesrealisees", "depensesreelles", "realise", "montantrealise", "couttotalrealise", "depensesjustifiees",
    "coutrealise", "depensesrealiseesjustifiees",
  ],
  montantVerse: ["montantverse", "verse", "sommesversees", "montantdejaverse", "subventionversee", "montantsverses"],
  subventionDue: ["subventiondue", "montantdu", "subventionrecalculee", "montantdefinitif", "subventiondefinitive", "montantdelasubventiondue"],
  reversement: ["reversement", "montantareverser", "areverser", "tropperçu", "tropercu", "montantdureversement"],
};

const BY_LABEL = new Map<string, TermKey>();
for (const [key, labels] of Object.entries(TERMS) as [TermKey, readonly string[]][]) for (const l of labels) BY_LABEL.set(l, key);

/**
 * Labels that say by themselves they are a convention's term: one of them alone is a convention.
 * A bare `Subvention`, `Taux`, `Coût total` or `Versé` may be any table's line.
 */
const UNAMBIGUOUS = new Set([
  "montantdelasubvention", "montantsubvention", "subventionaccordee", "subventionattribuee", "subventiondepartementale",
  "subventionvotee", "montantdelaide", "couttotalprevisionnel", "couttotalprevisionnelduprojet", "montanttotalprevisionnel",
  "budgettotalprevisionnel", "coutprevisionnel", "tauxdintervention", "plafonddelasubvention", "subventiondue",
  "montantdelasubventiondue", "subventionrecalculee", "subventiondefinitive", "montantareverser", "montantdureversement",
]);

/** Words that may follow a term's label without changing what it names: `Coût total (TTC)`, `Taux d'intervention du Département`. */
const QUALIFIERS = new Set([
  "du", "de", "des", "la", "le", "l", "d", "en", "departement", "departemental", "departementale", "ttc", "ht", "eur", "euros",
  "aide", "action", "projet", "operation", "programme", "retenu", "retenue", "accorde", "accordee", "maximum", "maximal", "max",
]);

/**
 * The term a label names, if any: its folded words as listed, or a listed label followed by words
 * that only qualify it (`Taux d'intervention du Département`, `Montant plafond de l'aide`).
 */
export function termKey(label: string): TermKey | undefined {
  const exact = BY_LABEL.get(normalizeLabel(label));
  if (exact) return exact;
  // Labels are short: a long text is prose (sentences.ts reads it), not a term's label.
  if (label.length > 80) return undefined;
  const words = labelWords(label)
    .map((w) => w.replace(/\//g, ""))
    .filter((w) => w !== "" && !/^\d+$/.test(w));
  let prefix = words.join("");
  for (let n = words.length - 1; n >= 1; n--) {
    prefix = prefix.slice(0, prefix.length - words[n].length);
    const key = BY_LABEL.get(prefix);
    if (!key) continue;
    // A one-word label (`Subvention`, `Taux`) only with qualifying words after it: `Subvention
    // Région` is a funder's line, not the subsidy.
    if (n >= 2 || words.slice(n).every((w) => QUALIFIERS.has(w))) return key;
    return undefined;
  }
  return undefined;
}

/** How far right of its label a term's value may sit (merged or spaced-out cells). */
const VALUE_REACH = 3;

/** A term as found, with whether it says by itself it belongs to a convention. */
interface FoundTerm extends ConventionTerm {
  explicit: boolean;
  /** A cap noted beside the amount: left out when the convention already states its cap. */
  aside?: boolean;
}

/**
 * Term pairs and sentences on a sheet, outside the cells of other tables, grouped into
 * conventions: a new one starts where a term repeats. Terms stated in two cells or more are a
 * convention, as `Subvention | 7 000` over `Taux | 37,44 %`. One cell alone (a pair, or a sentence
 * however many terms it states) is a convention only when its words are unambiguous (`Montant de
 * la subvention`, « une subvention d'un montant de 7 000 € »), or when the sheet's name or a title
 * above it says it is one (`Convention 2025`, `Article 4 – Montant de la subvention`): a report's
 * « une subvention de 7 000 €, soit 37,44 % du budget » is not.
 */
export function conventionGroups(grid: SheetGrid, taken: Coverage): ConventionTerm[][] {
  const groups: FoundTerm[][] = [];
  let current: FoundTerm[] = [];
  const add = (term: FoundTerm) => {
    if (current.some((t) => t.key === term.key)) {
      if (term.aside) return;
      groups.push(current);
      current = [];
    }
    current.push(term);
  };
  // Terms are read in streams, one per label column: two conventions side by side are two
  // streams, each grouped on its own (a new convention starts where a term repeats).
  const streams = new Map<number, FoundTerm[][]>();
  for (let row = grid.firstRow; row < grid.endRow; row++) {
    for (let column = grid.firstColumn; column < grid.endColumn; column++) {
      if (grid.kind(row, column) !== "text") continue;
      // Another table's run of cells on this row is stepped over at once.
      const takenTo = taken.coveredTo(row, column);
      if (takenTo >= column) {
        column = takenTo;
        continue;
      }
      const terms = termsAt(grid, row, column, taken);
      if (terms.length === 0) continue;
      const stream = streams.get(column) ?? [];
      stream.push(terms);
      streams.set(column, stream);
      // Another term may follow on the row, right of this one's value (a second convention).
      column = Math.max(column, ...terms.map((t) => t.value.column));
    }
  }
  for (const column of [...streams.keys()].sort((a, b) => a - b)) {
    for (const terms of streams.get(column)!) terms.forEach(add);
    groups.push(current);
    current = [];
  }
  groups.push(current);
  const sheetSays = isConventionName(grid.name);
  let titleRow: number | undefined | null = null; // looked for once, when a lone term needs it
  const titled = (row: number) => {
    if (titleRow === null) titleRow = firstTitleRow(grid, taken);
    return titleRow !== undefined && titleRow < row;
  };
  return groups
    .filter((g) => g.length > 0 && (cellsOf(g) >= 2 || g.some((t) => t.explicit) || sheetSays || titled(g[0].label.row)))
    .map((g) => g.map(({ explicit: _explicit, aside: _aside, ...term }) => term));
}

/** How many cells state the group's terms: the terms of one sentence are one cell's words. */
function cellsOf(group: readonly FoundTerm[]): number {
  return new Set(group.map((t) => t.label.address)).size;
}

/** The terms a text cell states: a label with its value beside it (and a cap after that), or a sentence. */
function termsAt(grid: SheetGrid, row: number, column: number, taken: Coverage): FoundTerm[] {
  const text = grid.text(row, column);
  const key = termKey(text);
  if (!key) {
    const said = sentenceTerms(text);
    // The label's cell is made only for a text that states terms: most texts state none.
    if (said.length === 0) return [];
    const label = grid.cell(row, column);
    return said.map((t) => ({ key: t.key, label, value: withReading(label, t.reading), inText: true, explicit: t.explicit }));
  }
  const value = valueBeside(grid, row, column, taken);
  if (!value) return [];
  const label = grid.cell(row, column);
  const terms: FoundTerm[] = [{ key, label, value, explicit: UNAMBIGUOUS.has(normalizeLabel(text)) }];
  // `Montant de la subvention | 7 000 € | plafonnée à 8 000 €`: a cap stated beside the amount.
  const cap = key === "subvention" ? capBeside(grid, label.row, value.column, taken) : undefined;
  if (cap) terms.push({ ...cap, explicit: false, aside: true });
  return terms;
}

/** A sheet named for a convention: `Convention 2025`, `Conv. Lianes`. */
function isConventionName(name: string): boolean {
  return labelWords(name).some((w) => w === "convention" || w === "conventions" || w === "conv");
}

/** Words after `Article 4` that make it a convention's article on money. */
const ARTICLE_WORDS = new Set(["montant", "subvention", "participation", "aide", "financement", "financiere", "ajustement"]);

/**
 * A title saying what follows is a convention: `CONVENTION DE PARTENARIAT`, `Convention 2025`,
 * `Annexe à la convention`, `Article 4 – Montant de la subvention`; short, unlike the prose of
 * a deliberation's `Article 3 : La dépense versée en application de l'article 1 sera imputée…`.
 */
export function isConventionTitle(text: string): boolean {
  const words = labelWords(text);
  if (words.length === 0 || words.length > 12) return false;
  if (words[0] === "convention" || words[0] === "conventions" || words[0] === "avenant") return true;
  if (words.includes("convention") && words.length <= 6) return true;
  return words[0] === "article" && /^\d+$/.test(words[1] ?? "") && words.slice(2).some((w) => ARTICLE_WORDS.has(w));
}

/** The first row holding a convention's title, outside other tables; undefined when none does. */
function firstTitleRow(grid: SheetGrid, taken: Coverage): number | undefined {
  for (let r = grid.firstRow; r < grid.endRow; r++) {
    for (let c = grid.firstColumn; c < grid.endColumn; c++) {
      if (grid.kind(r, c) !== "text") continue;
      const takenTo = taken.coveredTo(r, c);
      if (takenTo >= c) {
        c = takenTo;
        continue;
      }
      if (isConventionTitle(grid.text(r, c))) return r;
    }
  }
  return undefined;
}

/**
 * A cap written in the cell after a subsidy's amount (`plafonnée à 8 000 €`, `dans la limite de
 * 80 %`), read as a sentence; undefined when the cell says nothing of a cap.
 */
function capBeside(grid: SheetGrid, row: number, valueColumn: number, taken: Coverage): ConventionTerm | undefined {
  for (let c = valueColumn + 1; c <= valueColumn + VALUE_REACH && c < grid.endColumn; c++) {
    if (taken.has(row, c)) return undefined;
    const cell = grid.cell(row, c);
    if (cell.reading.kind === "empty") continue;
    if (cell.reading.kind !== "text") return undefined;
    // Beside an amount, a cap may leave its unit out: `dans la limite de 46 200,00`.
    const cap = sentenceTerms(cell.reading.text, { bare: true }).find((t) => t.key === "plafond" || t.key === "tauxPlafond");
    return cap ? { key: cap.key, label: cell, value: withReading(cell, cap.reading), inText: true } : undefined;
  }
  return undefined;
}

function valueBeside(grid: SheetGrid, row: number, column: number, taken: Coverage): GridCell | undefined {
  for (let c = column + 1; c <= column + VALUE_REACH && c < grid.endColumn; c++) {
    if (taken.has(row, c)) return undefined;
    const k = grid.kind(row, c);
    if (k === "empty") continue;
    return k === "number" || k === "error" ? grid.cell(row, c) : undefined;
  }
  return undefined;
}
