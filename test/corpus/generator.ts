/**
 * A seeded corpus of budget workbooks that grades the engine from outside (DOMAIN.md). Each
 * workbook comes in two twins: one with injected mistakes (listed in `expected`, rule + sheet +
 * A1 cell) and the same workbook without them (`clean`), which must give no error and no warning.
 *
 * Independent of the engine on purpose: this file imports nothing from `src/` (not even types).
 * Its snapshot types copy the shape of `WorkbookSnapshot` (src/core/model.ts). Every amount is
 * generated as integer cents and written from them; every % is rounded half-up on the exact
 * fraction, in BigInt, at the decimals it is shown with.
 */

// ---------------------------------------------------------------------------------------------
// Snapshot shape (plain copies of src/core/model.ts, declared here)

export type CellValue = string | number | boolean;
export type ValueType = "Empty" | "String" | "Double" | "Boolean";

export interface CorpusSheet {
  name: string;
  origin: { row: number; column: number };
  values: CellValue[][];
  formulas: CellValue[][];
  numberFormats: string[][];
  valueTypes: ValueType[][];
  listObjects?: { name: string; range: string }[];
  merges?: string[];
}

export interface CorpusSnapshot {
  sheets: CorpusSheet[];
}

export interface ExpectedFinding {
  rule: string;
  sheet: string;
  /** A1, without the sheet. */
  cell: string;
}

/** What ExcelJS's `ws.addTable` needs to write an Excel table the snapshot lists. */
export interface XlsxTable {
  sheet: string;
  name: string;
  /** A1 range, header row (and totals row) included. */
  range: string;
  totalsRow: boolean;
  columns: { name: string; totalsRowLabel?: string; totalsRowFunction?: "sum" | "none" }[];
}

export type Kind = "imputation" | "depense" | "repartition" | "convention" | "liste";
export type Mistake =
  | "IMP-SOLDE"
  | "IMP-DEPASSEMENT"
  | "IMP-DISPO-CP"
  | "IMP-CUMUL"
  | "DEL-CP"
  | "REP-TOTAL"
  | "REP-POURCENT"
  | "REP-SOUS-TOTAL"
  | "CONV-TAUX"
  | "CONV-PLAFOND"
  | "LIGNE-PRODUIT"
  | "LIGNE-QUOTIENT"
  | "LIGNE-DIFFERENCE"
  | "LIGNE-SOMME";
export type Layout =
  | "simple"
  | "decale"
  | "deux-lignes"
  | "cote-a-cote"
  | "empiles"
  | "tableau-excel"
  | "colonnes-extra"
  | "ordre"
  | "dossier"
  | "deux-feuilles";

/** The arithmetic facts of one generated table, by absolute `Sheet!A1` cells, for the self-test. */
export type Truth =
  | { kind: "imputation"; sheet: string; lines: { code: string; cp: string; disponible: string; proposition: string; solde: string }[] }
  | { kind: "depense"; sheet: string; lines: { code: string; cp: string; depense: string }[] }
  | {
      kind: "repartition";
      sheet: string;
      details: { amount: string; percent?: string }[];
      subtotals: { amount: string; percent?: string; details: string[] }[];
      total: { amount: string; percent?: string };
      /** `dont …` rows: parts of the line above, in no sum. */
      parts: string[];
    }
  | { kind: "convention"; sheet: string; subvention: string; coutTotal: string; taux: string; plafond?: string }
  | { kind: "liste"; sheet: string; relation: "produit" | "quotient" | "difference" | "somme"; rows: { a: string; b: string; result: string }[] };

export interface CorpusWorkbook {
  /** Unique; the twins share a stem: `…-erreur` and `…-propre`. */
  name: string;
  kind: Kind;
  mistake: Mistake;
  layout: Layout;
  /** How the amounts are written (`nombre`, `texte-insecable`, …) and, for breakdowns, the %. */
  form: string;
  /** `kind × layout`: how failures are grouped. */
  category: string;
  /** What else the workbook holds (`dont`, `sous-totaux`, `% texte 2 déc.`…), the same in both twins. */
  features: string[];
  clean: boolean;
  /** Name of the other twin. */
  twin: string;
  snapshot: CorpusSnapshot;
  /** The injected mistakes; empty for the clean twin. */
  expected: ExpectedFinding[];
  truths: Truth[];
  xlsxTables: XlsxTable[];
  /** Also written as a real .xlsx and read back by the corpus test (about one in six). */
  xlsx: boolean;
}

// ---------------------------------------------------------------------------------------------
// PRNG and small helpers

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  constructor(private readonly next: () => number) {}
  float(): number {
    return this.next();
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}

export function columnLetter(column: number): string {
  let s = "";
  let n = column + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function a1(row: number, column: number): string {
  return `${columnLetter(column)}${row + 1}`;
}

/** round(n ÷ d) half-up, for n ≥ 0, d > 0, exactly. */
export function divHalfUp(n: bigint, d: bigint): bigint {
  return (2n * n + d) / (2n * d);
}

/** A share in units of 10^-decimals points: round(part × 100 ÷ whole) half-up. */
export function shareUnits(part: number, whole: number, decimals: number): number {
  return Number(divHalfUp(BigInt(part) * 100n * 10n ** BigInt(decimals), BigInt(whole)));
}

// ---------------------------------------------------------------------------------------------
// Cells and sheets

interface Cell {
  v: CellValue;
  f?: string;
  fmt?: string;
}

class SheetBuilder {
  readonly cells = new Map<string, { row: number; column: number; cell: Cell }>();
  readonly merges: string[] = [];
  readonly listObjects: { name: string; range: string }[] = [];
  readonly xlsxTables: XlsxTable[] = [];
  constructor(readonly name: string) {}

  set(row: number, column: number, cell: Cell | CellValue | null): void {
    if (cell === null) return;
    const c: Cell = typeof cell === "object" ? cell : { v: cell };
    if (c.v === "" && !c.f) return;
    this.cells.set(`${row},${column}`, { row, column, cell: c });
  }

  merge(r1: number, c1: number, r2: number, c2: number): void {
    if (r1 === r2 && c1 === c2) return;
    this.merges.push(`${a1(r1, c1)}:${a1(r2, c2)}`);
  }

  snapshot(): CorpusSheet {
    const all = [...this.cells.values()];
    const minRow = Math.min(...all.map((x) => x.row));
    const minCol = Math.min(...all.map((x) => x.column));
    const maxRow = Math.max(...all.map((x) => x.row));
    const maxCol = Math.max(...all.map((x) => x.column));
    const h = maxRow - minRow + 1;
    const w = maxCol - minCol + 1;
    const values: CellValue[][] = [];
    const formulas: CellValue[][] = [];
    const numberFormats: string[][] = [];
    const valueTypes: ValueType[][] = [];
    for (let i = 0; i < h; i++) {
      values.push(new Array<CellValue>(w).fill(""));
      formulas.push(new Array<CellValue>(w).fill(""));
      numberFormats.push(new Array<string>(w).fill("General"));
      valueTypes.push(new Array<ValueType>(w).fill("Empty"));
    }
    for (const { row, column, cell } of all) {
      const i = row - minRow;
      const j = column - minCol;
      values[i][j] = cell.v;
      formulas[i][j] = cell.f ?? cell.v;
      numberFormats[i][j] = cell.fmt ?? "General";
      valueTypes[i][j] = typeof cell.v === "number" ? "Double" : typeof cell.v === "boolean" ? "Boolean" : cell.v === "" ? "Empty" : "String";
    }
    const sheet: CorpusSheet = { name: this.name, origin: { row: minRow, column: minCol }, values, formulas, numberFormats, valueTypes };
    if (this.listObjects.length) sheet.listObjects = [...this.listObjects];
    if (this.merges.length) sheet.merges = [...this.merges];
    return sheet;
  }
}

// ---------------------------------------------------------------------------------------------
// Number forms (DOMAIN.md, "Reading numbers")

export const MONEY_FORMS = [
  "nombre",
  "nombre-format-euro",
  "texte-espace",
  "texte-insecable",
  "texte-fine",
  "texte-euro",
  "texte-euro-colle",
  "texte-entier-euro",
  "texte-anglais",
] as const;
export type MoneyForm = (typeof MONEY_FORMS)[number];

export const PERCENT_FORMS = ["fraction-format", "points", "texte", "formule"] as const;
export type PercentForm = (typeof PERCENT_FORMS)[number];

interface MoneyWriter {
  form: MoneyForm;
  /** Real numbers (formulas can compute on them). */
  numeric: boolean;
  write(cents: number): Cell;
}

const SPACES = [" ", "\u00a0", "\u202f"];

function grouped(n: number, sep: string): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

function frenchMoney(cents: number, sep: string, suffix: string, negative: "minus" | "parens" = "minus"): string {
  const abs = Math.abs(cents);
  const body = `${grouped(Math.floor(abs / 100), sep)},${String(abs % 100).padStart(2, "0")}`;
  if (cents >= 0) return body + suffix;
  return negative === "parens" ? `(${body})${suffix}` : `-${body}${suffix}`;
}

function moneyWriter(rng: Rng, form: MoneyForm): MoneyWriter {
  const sep = rng.pick(SPACES);
  const euroSpace = rng.pick(SPACES);
  const negative = rng.pick(["minus", "parens"] as const);
  const fmtPlain = rng.pick(["#,##0.00", "0.00", "General", "#,##0.00_ ;-#,##0.00 "]);
  const fmtEuro = rng.pick(['#,##0.00 "€"', '#,##0.00\\ "€"', "#,##0.00 [$€-40C]", '# ##0.00 "€"']);
  const groupWhole = rng.chance(0.5);
  switch (form) {
    case "nombre":
      return { form, numeric: true, write: (c) => ({ v: c / 100, fmt: fmtPlain }) };
    case "nombre-format-euro":
      return { form, numeric: true, write: (c) => ({ v: c / 100, fmt: fmtEuro }) };
    case "texte-espace":
      return { form, numeric: false, write: (c) => ({ v: frenchMoney(c, " ", "", negative) }) };
    case "texte-insecable":
      return { form, numeric: false, write: (c) => ({ v: frenchMoney(c, "\u00a0", "", negative) }) };
    case "texte-fine":
      return { form, numeric: false, write: (c) => ({ v: frenchMoney(c, "\u202f", "", negative) }) };
    case "texte-euro":
      return { form, numeric: false, write: (c) => ({ v: frenchMoney(c, sep, `${euroSpace}€`, negative) }) };
    case "texte-euro-colle":
      return { form, numeric: false, write: (c) => ({ v: frenchMoney(c, sep, "€", negative) }) };
    case "texte-entier-euro":
      // `4500 €`, `3 750 €`: whole euros written without cents; cents when there are some.
      return {
        form,
        numeric: false,
        write: (c) => {
          if (c % 100 !== 0) return { v: frenchMoney(c, sep, `${euroSpace}€`, "minus") };
          const euros = Math.abs(c) / 100;
          return { v: `${c < 0 ? "-" : ""}${groupWhole ? grouped(euros, sep) : String(euros)}${euroSpace}€` };
        },
      };
    case "texte-anglais":
      return {
        form,
        numeric: false,
        write: (c) => {
          const abs = Math.abs(c);
          return { v: `${c < 0 ? "-" : ""}${grouped(Math.floor(abs / 100), ",")}.${String(abs % 100).padStart(2, "0")}` };
        },
      };
  }
}

interface PercentWriter {
  form: PercentForm;
  decimals: number;
  /** `units` is the % in units of 10^-decimals points (3198 = 31,98 % at 2 decimals). */
  write(units: number): Cell;
}

function percentWriter(rng: Rng, form: PercentForm, decimals: number): PercentWriter {
  const space = rng.pick(["", " ", "\u00a0", "\u202f"]);
  const d = decimals;
  const fmtFraction = d === 0 ? "0%" : `0.${"0".repeat(d)}%`;
  const fmtPoints = d === 0 ? "0" : `0.${"0".repeat(d)}`;
  return {
    form,
    decimals,
    write(units) {
      if (form === "points") return { v: units / 10 ** d, fmt: fmtPoints };
      if (form === "texte") {
        const int = Math.floor(units / 10 ** d);
        const frac = d === 0 ? "" : `,${String(units % 10 ** d).padStart(d, "0")}`;
        return { v: `${int}${frac}${space}%` };
      }
      // fraction-format (formulas are written by the table, which knows the cells)
      return { v: units / 10 ** (d + 2), fmt: fmtFraction };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Header wordings: what French finance officers type (at least 8 per role)

export const HEADERS = {
  numero: ["N°", "N° ", "n°", "No", "N°\nligne", "Réf.", "#", "Ligne"],
  commentaire: ["Observations", "Commentaire", "Commentaires", "Remarques", "OBSERVATIONS", "Obs.", "Note", "Précisions"],
  code: ["Code Opération", "Code opération", "Code opé.", "CODE OPÉRATION", "Code op.", "Code\nopération", "Code opération ", "Code de l'opération", "N° d'opération"],
  imputation: ["Imputation budgétaire", "Imputation Budgétaire", "Imputation", "IMPUTATION BUDGÉTAIRE", "Imput.", "Imputation\nbudgétaire", "Nature / Fonction", "Imputation budgétaire ", "Imputation comptable"],
  libelle: ["Libellé Opération", "Libellé opération", "Libellé", "LIBELLÉ OPÉRATION", "Libellé de l'opération", "Intitulé de l'opération", "Libellé\nopération", "Intitulé", "Libellé opération "],
  cp: ["CP", "CP 2026", "CP 2026 (€)", "CP (€)", "Crédits de paiement", "Crédits de paiement votés", "CP votés", "СР", "C.P.", "Crédits\nde paiement", "CP ouverts"],
  cpDepense: ["CP €", "CP€", "CP (€)", "CP 2026 €", "Crédits de paiement €", "CP", "C.P. (€)", "CP\n€", "Crédits de paiement (en €)"],
  disponible: ["Disponible", "Dispo.", "DISPONIBLE", "Disponible (€)", "Montant disponible", "Crédits disponibles", "Disponible avant proposition", "Disponible ", "Disponible\navant"],
  proposition: ["Proposition", "Prop.", "Mt proposé", "Montant proposé", "PROPOSITION", "Proposition (€)", "Proposition 2026", "Montant de la proposition", "Proposition\n(€)"],
  solde: ["Solde", "SOLDE", "Solde (€)", "Reste disponible", "Solde après proposition", "Solde disponible", "Reste", "Solde ", "Solde\naprès"],
  depense: ["Dépense €", "Dépense", "Dépense (€)", "DÉPENSE €", "Montant de la dépense", "Dépense 2026", "Dépense\n€", "Dépense (en €)", "Dépense € "],
  labelRep: ["Intitulé de l'action", "Action", "Actions", "Poste", "Postes de dépenses", "Axe", "Nature", "Dépenses", "Charges", "Libellé", "Désignation", "ACTIONS"],
  labelRep2: ["Description", "Détail", "Contenu", "Actions", "Modalités", "Précisions", "Objet", "Description de l'action"],
  montant: ["Montant", "Montant alloué (€)", "Montant (en €)", "BP", "BP 2026", "Budget", "Budget prévisionnel", "Coût", "Montant prévu", "MONTANT", "Montant\n(€)", "Coût (€) ", "Montant TTC"],
  pourcent: ["%", "Part", "Pourcentage", "% du total", "Part en %", "Part (%)", "% du budget", "PART", "Répartition (%)"],
  total: ["TOTAL", "Total", "TOTAL GÉNÉRAL", "Total général", "TOTAL DES DÉPENSES", "Total du projet", "TOTAL ", "Total budget"],
  sousTotal: ["Sous-total", "Sous-total axe", "S/Total", "Total axe", "SOUS-TOTAL", "Sous total", "Sous-total action", "Total partie"],
} as const;

const CONVENTION_LABELS = {
  subvention: ["Montant de la subvention", "Montant de la subvention :", "Subvention accordée", "Montant de l'aide", "Subvention départementale", "MONTANT DE LA SUBVENTION", "Subvention attribuée", "Montant attribué", "Subvention (€)"],
  coutTotal: ["Coût total prévisionnel", "Coût total prévisionnel :", "Coût total du projet", "Budget total prévisionnel", "Coût prévisionnel", "COÛT TOTAL PRÉVISIONNEL", "Coût total de l'action", "Montant total prévisionnel", "Coût total (TTC)"],
  taux: ["Taux d'intervention", "Taux d'intervention :", "Taux", "Taux d'aide", "Taux de financement", "TAUX D'INTERVENTION", "Taux de participation", "Taux d'intervention (%)", "Taux d'intervention du Département"],
  plafond: ["Plafond", "Plafond de la subvention", "Montant plafond", "Montant maximum", "PLAFOND", "Plafond :", "Plafond de l'aide", "Plafond (€)", "Montant plafond de l'aide"],
} as const;

const LISTE_HEADERS = {
  produit: {
    label: ["Désignation", "Article", "Fourniture", "Prestation", "Libellé", "DÉSIGNATION", "Poste", "Matériel"],
    a: ["Quantité", "Qté", "Qté.", "Nombre", "Nb", "QUANTITÉ", "Quantités", "Nombre d'unités"],
    b: ["Prix unitaire", "PU", "P.U. (€)", "Prix unitaire HT", "Coût unitaire", "Prix unit.", "Tarif unitaire", "PRIX UNITAIRE"],
    result: ["Total", "Montant", "Total HT", "Montant total", "Coût total", "Total (€)", "TOTAL", "Montant HT"],
  },
  quotient: {
    label: ["Projet", "Bénéficiaire", "Association", "Porteur de projet", "Structure", "Intitulé du projet", "Commune", "BÉNÉFICIAIRE"],
    a: ["Coût total", "Coût total prévisionnel", "Budget du projet", "Dépense subventionnable", "Assiette", "Coût (€)", "Montant du projet", "Coût TTC"],
    b: ["Subvention", "Subvention proposée", "Aide", "Montant de l'aide", "Subvention (€)", "Participation", "Aide départementale", "Montant attribué"],
    result: ["Taux", "Taux d'aide", "Taux (%)", "Taux d'intervention", "Taux de financement", "TAUX", "Taux\nd'aide", "Taux de subvention"],
  },
  difference: {
    label: ["Manifestation", "Mois", "Période", "Action", "Site", "Antenne", "Événement", "MANIFESTATION"],
    a: ["Recettes", "Produits", "Recettes (€)", "Total recettes", "Encaissements", "RECETTES", "Recettes réalisées", "Entrées"],
    b: ["Dépenses", "Charges", "Dépenses (€)", "Total dépenses", "Décaissements", "DÉPENSES", "Dépenses réalisées", "Sorties"],
    result: ["Solde", "Résultat", "Écart", "Solde (€)", "Différence", "SOLDE", "Résultat net", "Excédent"],
  },
  somme: {
    label: ["Prestation", "Fournisseur", "Désignation", "Lot", "Objet", "Marché", "Nature de la dépense", "PRESTATION"],
    a: ["Montant HT", "HT", "Total HT", "Prix HT", "Montant H.T.", "Montant HT (€)", "Base HT", "MONTANT HT"],
    b: ["TVA", "Montant TVA", "TVA (20 %)", "T.V.A.", "TVA 20%", "Montant de la TVA", "TVA (€)", "Taxe"],
    result: ["Montant TTC", "TTC", "Total TTC", "Prix TTC", "Montant T.T.C.", "Montant TTC (€)", "MONTANT TTC", "Coût TTC"],
  },
} as const;

const LISTE_LABELS = {
  produit: ["Chaises pliantes", "Tables de réunion", "Vidéoprojecteur", "Ramettes de papier", "Kakémonos", "Badges", "Location de salle (jour)", "Repas intervenants", "Nuitées", "Cartouches d'encre", "Tentes 3x3", "Barrières", "Sonorisation (jour)", "Affiches A3"],
  quotient: ["Lianes coopération", "APES Hauts-de-France", "Comité des fêtes d'Arras", "Maison de l'ESS", "Foyer rural de Lens", "Club de football de Liévin", "Les Amis du patrimoine", "Radio Plus", "Culture en campagne", "Jardins partagés", "Mission locale", "Réseau Solidarité", "Théâtre du Nord", "Vélo pour tous"],
  difference: ["Janvier", "Février", "Mars", "Avril", "Mai", "Juin", "Juillet", "Août", "Septembre", "Octobre", "Novembre", "Décembre", "Fête d'été", "Marché de Noël"],
  somme: ["Traiteur", "Impression", "Location de matériel", "Transport", "Communication", "Sécurité", "Nettoyage", "Animation", "Assurance", "Hébergement", "Formation", "Maintenance", "Conseil juridique", "Graphisme"],
} as const;

const ACTIONS = [
  "Mise en place du parcours d'accompagnement à la mobilité",
  "Appui-conseil auprès des porteurs de projet",
  "Animation de 2 ateliers collectifs",
  "Appui au pôle ingénierie",
  "Valorisation des dispositifs et jumelage",
  "Frais de coordination",
  "Administratif et coûts indirects",
  "Frais de déplacement et petit matériel",
  "3 petits déjeuners thématiques",
  "Ateliers de co-développement",
  "Soutenir les acteurs en situation de fragilité",
  "Appui aux dynamiques collectives",
  "Amélioration continue des pratiques",
  "Communication et supports",
  "Études et diagnostics",
  "Formation des bénévoles",
  "Location de salles",
  "Évaluation du programme",
];

const DESCRIPTIONS = [
  "Animation des modules, supports pédagogiques",
  "Entretiens, fiches-conseil, suivi personnalisé",
  "Organisation, animation, logistique",
  "Soutien technique, administratif",
  "Création de contenus, diffusion",
  "Réunions, pilotage global, rapports",
  "Gestion administrative et financière",
  "Déplacements terrain, matériel",
];

const LIBELLES = [
  "Actions européennes et internationales",
  "Mission ESS - Autres participations",
  "Soutien aux associations culturelles",
  "Politique de la ville",
  "Insertion par l'activité économique",
  "Jeunesse et citoyenneté",
  "Développement rural",
  "Sport pour tous",
  "Économie sociale et solidaire",
  "Coopération décentralisée",
];

const TITLES = [
  "Commission Permanente du 3 mars 2026",
  "Rapport n° 12 - Direction de l'Attractivité",
  "ANNEXE 2",
  "Budget prévisionnel de l'action",
  "Article 3",
  "Tableau récapitulatif",
  "Direction des Finances - Pôle budget",
  "Exercice 2026",
];

const NOTES = [
  "Montants exprimés en euros.",
  "Source : délibération du Conseil départemental.",
  "(1) Sous réserve du vote des crédits.",
  "Document de travail - ne pas diffuser",
  "Visa du contrôle de gestion : OK",
  "Établi par le service instructeur.",
];

// ---------------------------------------------------------------------------------------------
// Workbook-wide context: fresh operation codes, Excel table names

interface Operation {
  code: string;
  imputation: string;
  libelle: string;
}

class Context {
  private codes = new Set<string>();
  /** What the workbook holds beyond its layout (`dont`, `sous-totaux`, `formules`…), to group failures. */
  readonly features = new Set<string>();
  private tables = 0;
  constructor(readonly rng: Rng) {}
  operation(): Operation {
    const r = this.rng;
    let code: string;
    do {
      code = `C${String(r.int(1, 9)).padStart(2, "0")}-${String(r.int(1, 999)).padStart(3, "0")}${String.fromCharCode(65 + r.int(0, 25))}${String(r.int(1, 99)).padStart(2, "0")}`;
    } while (this.codes.has(code));
    this.codes.add(code);
    const nature = r.pick(["65748", "6568", "65734", "6574", "204182", "65738"]);
    const fonction = r.pick(["93043", "9365", "9338", "9311", "93048", "9358"]);
    return { code, imputation: `${nature}${r.chance(0.2) ? "//" : "/"}${fonction}`, libelle: r.pick(LIBELLES) };
  }
  tableName(stem: string): string {
    this.tables++;
    return `${stem}${this.tables}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Table specs: relative grids placed on a sheet by `place`

type At = (bodyRow: number, column: number) => string;
type CellSpec = Cell | ((at: At) => Cell) | null;

interface GridSpec {
  header: (Cell | CellValue | null)[][];
  /** Merges inside the header, relative: [r1, c1, r2, c2]. */
  headerMerges: [number, number, number, number][];
  body: CellSpec[][];
  bodyMerges?: [number, number, number, number][];
  width: number;
  listObject?: { name: string; totalsRow: boolean; columns: XlsxTable["columns"] };
  /** Injected mistakes, body-relative. */
  expected: { rule: string; row: number; column: number }[];
  truth(at: At, sheet: string): Truth;
}

function height(g: GridSpec): number {
  return g.header.length + g.body.length;
}

interface Placed {
  expected: ExpectedFinding[];
  truths: Truth[];
}

function place(sb: SheetBuilder, g: GridSpec, top: number, left: number): Placed {
  g.header.forEach((row, i) => row.forEach((cell, j) => sb.set(top + i, left + j, cell)));
  for (const [r1, c1, r2, c2] of g.headerMerges) sb.merge(top + r1, left + c1, top + r2, left + c2);
  const bodyTop = top + g.header.length;
  const at: At = (r, c) => a1(bodyTop + r, left + c);
  g.body.forEach((row, i) =>
    row.forEach((spec, j) => {
      if (spec === null) return;
      sb.set(bodyTop + i, left + j, typeof spec === "function" ? spec(at) : spec);
    }),
  );
  for (const [r1, c1, r2, c2] of g.bodyMerges ?? []) sb.merge(bodyTop + r1, left + c1, bodyTop + r2, left + c2);
  if (g.listObject) {
    const range = `${a1(top, left)}:${a1(bodyTop + g.body.length - 1, left + g.width - 1)}`;
    sb.listObjects.push({ name: g.listObject.name, range });
    sb.xlsxTables.push({ sheet: sb.name, name: g.listObject.name, range, totalsRow: g.listObject.totalsRow, columns: g.listObject.columns });
  }
  return {
    expected: g.expected.map((e) => ({ rule: e.rule, sheet: sb.name, cell: at(e.row, e.column) })),
    truths: [g.truth(at, sb.name)],
  };
}

/** Options every table planner takes. */
interface TableOptions {
  ctx: Context;
  /** The mistake to inject in this table (null: none, e.g. the other tables of a dossier). */
  mistake: Mistake | null;
  inject: boolean;
  twoRow: boolean;
  listObject: boolean;
  extra: boolean;
  reorder: boolean;
  money: MoneyForm;
  percent: PercentForm;
}

function headerWords(rng: Rng, roles: string[], pool: Record<string, readonly string[]>, forTable: boolean): string[] {
  const out: string[] = [];
  for (const role of roles) {
    let choices = pool[role].filter((h) => !forTable || !h.includes("\n"));
    if (forTable) choices = choices.filter((h) => !out.some((o) => o.trim().toLowerCase() === h.trim().toLowerCase()));
    let word = rng.pick(choices);
    if (forTable) word = word.trim();
    out.push(word);
  }
  return out;
}

function euros(rng: Rng, lo: number, hi: number, centsChance = 0.25): number {
  const whole = rng.int(lo, hi) * 100;
  return whole + (rng.chance(centsChance) ? rng.int(1, 99) : 0);
}

// ---------------------------------------------------------------------------------------------
// Imputation (report form) and Dépense (Article 3) tables

interface ImpLine extends Operation {
  cp: number;
  disponible: number;
  proposition: number;
  /** The stated solde (wrong when IMP-SOLDE is injected on the line). */
  solde: number;
  /** Solde as a live formula `=E5-F5`. */
  soldeFormula: boolean;
  mistake?: Mistake;
}

/** A line given from outside (IMP-CUMUL's shared line; a dossier's line). */
type ForcedLine = Omit<ImpLine, "soldeFormula">;

function imputationLines(o: TableOptions, formulas: boolean, forced?: ForcedLine, alone = false): ImpLine[] {
  const r = o.ctx.rng;
  const n = alone ? 1 : forced ? r.int(1, 3) : r.int(1, 4);
  const at = forced ? r.int(0, n - 1) : -1;
  const mistakeLine = r.int(0, n - 1);
  const lines: ImpLine[] = [];
  for (let i = 0; i < n; i++) {
    const op = o.ctx.operation();
    const cp = euros(r, 5_000, 600_000);
    const disponible = r.chance(0.3) ? cp : Math.floor(cp * (0.2 + 0.8 * r.float()));
    const proposition = Math.max(100, Math.floor((disponible * (0.05 + 0.85 * r.float())) / 100) * 100 + (r.chance(0.2) ? r.int(0, 99) : 0));
    const line: ImpLine = { ...op, cp, disponible, proposition: Math.min(proposition, disponible), solde: 0, soldeFormula: formulas && r.chance(0.7) };
    if (line.soldeFormula) o.ctx.features.add("soldes en formule");
    line.solde = line.disponible - line.proposition;
    // Parameters of every mistake, drawn whether or not it is injected (the twins share draws).
    const variant = r.int(0, 3);
    const excess = euros(r, 1, 20_000, 0.3);
    const bump = r.pick([100, 1000, 10000, 100000]) * r.pick([1, -1]);
    if (i === at && forced) {
      lines.push({ ...forced, soldeFormula: line.soldeFormula && forced.mistake !== "IMP-SOLDE" });
      continue;
    }
    if (o.inject && i === mistakeLine && o.mistake) {
      if (o.mistake === "IMP-SOLDE") {
        const wrong = [line.disponible + line.proposition, line.cp - line.proposition, line.solde + bump, line.proposition - line.disponible][variant];
        line.solde = wrong === line.solde || wrong < 0 ? line.solde + Math.abs(bump) : wrong;
        line.soldeFormula = false;
        line.mistake = "IMP-SOLDE";
      } else if (o.mistake === "IMP-DEPASSEMENT") {
        line.proposition = line.disponible + excess;
        line.solde = line.disponible - line.proposition;
        line.mistake = "IMP-DEPASSEMENT";
      } else if (o.mistake === "IMP-DISPO-CP") {
        line.disponible = line.cp + excess;
        line.solde = line.disponible - line.proposition;
        line.mistake = "IMP-DISPO-CP";
      }
    }
    lines.push(line);
  }
  return lines;
}

/** Where each imputation mistake is reported (the check modules' `at`). */
const IMP_CELL: Partial<Record<Mistake, OpRole>> = {
  "IMP-SOLDE": "solde",
  "IMP-DEPASSEMENT": "proposition",
  "IMP-DISPO-CP": "disponible",
  "IMP-CUMUL": "proposition",
};

type OpRole = "numero" | "code" | "imputation" | "libelle" | "cp" | "cpDepense" | "disponible" | "proposition" | "solde" | "depense" | "commentaire";

function operationColumns(o: TableOptions, amounts: OpRole[]): OpRole[] {
  const r = o.ctx.rng;
  const order = r.int(0, 2);
  const leading: OpRole[] = o.reorder ? (order === 0 ? ["libelle", "code", "imputation"] : order === 1 ? ["code", "libelle", "imputation"] : ["imputation", "code", "libelle"]) : ["code", "imputation", "libelle"];
  const numero = o.extra && r.chance(0.6);
  const comment = o.extra && (!numero || r.chance(0.5));
  return [...(numero ? (["numero"] as OpRole[]) : []), ...leading, ...amounts, ...(comment ? (["commentaire"] as OpRole[]) : [])];
}

const COMMENTS = ["", "Vu", "Reconduction", "Nouvelle action", "Cf. rapport", "", "À confirmer en CP", "Avis favorable"];

function operationHeader(o: TableOptions, roles: OpRole[], topWord: string): Pick<GridSpec, "header" | "headerMerges"> {
  const r = o.ctx.rng;
  const words = headerWords(r, roles, HEADERS as unknown as Record<string, readonly string[]>, o.listObject);
  const variant = r.int(0, 1);
  if (!o.twoRow || o.listObject) return { header: [words], headerMerges: [] };
  const firstAmount = roles.findIndex((x) => x === "cp" || x === "cpDepense");
  const lastAmount = roles.length - 1 - [...roles].reverse().findIndex((x) => x === "solde" || x === "depense");
  const top: (string | null)[] = roles.map(() => null);
  const bottom: (string | null)[] = [...words];
  const merges: [number, number, number, number][] = [[0, firstAmount, 0, lastAmount]];
  top[firstAmount] = topWord;
  if (variant === 0) {
    // `Opération` over the label columns too.
    top[0] = "Opération";
    merges.push([0, 0, 0, firstAmount - 1]);
  } else {
    // The label headers stand in the top row, merged down over the two rows.
    for (let c = 0; c < roles.length; c++) {
      if (c >= firstAmount && c <= lastAmount) continue;
      top[c] = words[c];
      bottom[c] = null;
      merges.push([0, c, 1, c]);
    }
  }
  return { header: [top, bottom], headerMerges: merges };
}

function listObjectColumns(header: (Cell | CellValue | null)[]): XlsxTable["columns"] {
  return header.map((h) => ({ name: String(h && typeof h === "object" ? h.v : h) }));
}

function imputationTable(o: TableOptions, forced?: ForcedLine, alone = false): GridSpec {
  const r = o.ctx.rng;
  const money = moneyWriter(r, o.money);
  const formulas = money.numeric;
  const lines = imputationLines(o, formulas, forced, alone);
  const roles = operationColumns(o, ["cp", "disponible", "proposition", "solde"]);
  const { header, headerMerges } = operationHeader(o, roles, r.pick(["Crédits", "Crédits (€)", "Montants en €", "CRÉDITS 2026"]));
  const col = (role: OpRole) => roles.indexOf(role);
  const comments = lines.map(() => r.pick(COMMENTS));
  const body: CellSpec[][] = lines.map((line, i) =>
    roles.map((role): CellSpec => {
      switch (role) {
        case "numero":
          return { v: i + 1 };
        case "code":
          return { v: line.code };
        case "imputation":
          return { v: line.imputation };
        case "libelle":
          return { v: line.libelle };
        case "cp":
          return money.write(line.cp);
        case "disponible":
          return money.write(line.disponible);
        case "proposition":
          return money.write(line.proposition);
        case "solde":
          if (line.soldeFormula) {
            return (at) => ({ ...money.write(line.solde), f: `=${at(i, col("disponible"))}-${at(i, col("proposition"))}` });
          }
          return money.write(line.solde);
        case "commentaire":
          return comments[i] ? { v: comments[i] } : null;
        default:
          return null;
      }
    }),
  );
  const expected = lines.flatMap((line, i) => (line.mistake ? [{ rule: line.mistake, row: i, column: col(IMP_CELL[line.mistake]!) }] : []));
  return {
    header,
    headerMerges,
    body,
    width: roles.length,
    listObject: o.listObject ? { name: o.ctx.tableName("Imputations"), totalsRow: false, columns: listObjectColumns(header[0]) } : undefined,
    expected,
    truth: (at, sheet) => ({
      kind: "imputation",
      sheet,
      lines: lines.map((l, i) => ({ code: l.code, cp: at(i, col("cp")), disponible: at(i, col("disponible")), proposition: at(i, col("proposition")), solde: at(i, col("solde")) })),
    }),
  };
}

interface DepLine extends Operation {
  cp: number;
  depense: number;
  mistake?: Mistake;
}

function depenseTable(o: TableOptions, forced?: DepLine): GridSpec {
  const r = o.ctx.rng;
  const money = moneyWriter(r, o.money);
  const n = forced ? 1 : r.int(1, 4);
  const mistakeLine = r.int(0, n - 1);
  const lines: DepLine[] = [];
  for (let i = 0; i < n; i++) {
    const op = o.ctx.operation();
    const cp = euros(r, 5_000, 600_000);
    const depense = Math.max(100, Math.floor((cp * (0.05 + 0.9 * r.float())) / 100) * 100);
    const excess = euros(r, 1, 20_000, 0.3);
    const line: DepLine = forced ? { ...forced } : { ...op, cp, depense };
    if (o.inject && o.mistake === "DEL-CP" && i === mistakeLine) {
      if (forced) line.cp = Math.max(100, line.depense - excess);
      else line.depense = line.cp + excess;
      line.mistake = "DEL-CP";
    }
    lines.push(line);
  }
  const roles = operationColumns(o, ["cpDepense", "depense"]);
  const { header, headerMerges } = operationHeader(o, roles, r.pick(["Montants", "Crédits (€)", "Article 3 - montants", "EN EUROS"]));
  const col = (role: OpRole) => roles.indexOf(role);
  const comments = lines.map(() => r.pick(COMMENTS));
  const body: CellSpec[][] = lines.map((line, i) =>
    roles.map((role): CellSpec => {
      switch (role) {
        case "numero":
          return { v: i + 1 };
        case "code":
          return { v: line.code };
        case "imputation":
          return { v: line.imputation };
        case "libelle":
          return { v: line.libelle };
        case "cpDepense":
          return money.write(line.cp);
        case "depense":
          return money.write(line.depense);
        case "commentaire":
          return comments[i] ? { v: comments[i] } : null;
        default:
          return null;
      }
    }),
  );
  return {
    header,
    headerMerges,
    body,
    width: roles.length,
    listObject: o.listObject ? { name: o.ctx.tableName("Article3_"), totalsRow: false, columns: listObjectColumns(header[0]) } : undefined,
    expected: lines.flatMap((l, i) => (l.mistake ? [{ rule: "DEL-CP", row: i, column: col("depense") }] : [])),
    truth: (at, sheet) => ({ kind: "depense", sheet, lines: lines.map((l, i) => ({ code: l.code, cp: at(i, col("cpDepense")), depense: at(i, col("depense")) })) }),
  };
}

// ---------------------------------------------------------------------------------------------
// Répartition (breakdown)

type RepRowKind = "detail" | "part" | "heading" | "subtotal" | "total";

interface RepRow {
  kind: RepRowKind;
  label: string;
  label2: string;
  amount: number;
  /** Stated % in units (undefined: empty cell). */
  percent?: number;
  /** Indexes (in rows) of the detail rows a sub-total / the total covers. */
  covers: number[];
  /** `Axe 1 :` on the first detail row of a group (two label columns headed AXES | ACTIONS). */
  axis?: string;
}

function repartitionTable(o: TableOptions, forcedTotal?: number): GridSpec {
  const r = o.ctx.rng;
  const money = moneyWriter(r, o.money);
  const twoLabels = r.chance(0.45);
  const hasPercent = o.mistake === "REP-POURCENT" || r.chance(0.65);
  const withSubtotals = o.mistake === "REP-SOUS-TOTAL" || (!o.listObject && r.chance(0.25));
  const decimals = r.pick([2, 2, 2, 1, 0]);
  let pForm: PercentForm = o.percent;
  // A live % formula needs real numbers and a right TOTAL to divide by.
  const liveShares = r.chance(0.5);
  if (money.numeric && o.mistake !== "REP-TOTAL" && liveShares) pForm = "formule";
  if (pForm === "formule" && (!money.numeric || o.mistake === "REP-TOTAL")) pForm = "fraction-format";
  const pct = percentWriter(r, pForm === "formule" ? "fraction-format" : pForm, pForm === "formule" ? 2 : decimals);
  const totalFormula = money.numeric && !o.listObject && r.chance(0.6);
  const subtotalFormula = money.numeric && r.chance(0.6);
  const groups = withSubtotals ? r.int(2, 3) : 1;
  const headings = withSubtotals && r.chance(0.5);
  const labels = r.shuffle(ACTIONS);
  const descs = r.shuffle(DESCRIPTIONS);
  const rows: RepRow[] = [];
  const sousTotalWord = r.pick(HEADERS.sousTotal);
  // One `dont …` line in a table out of five (DOMAIN.md: a part of the line above, not an addend).
  const partGroup = r.chance(0.2) ? r.int(0, groups - 1) : -1;
  let li = 0;
  for (let g = 0; g < groups; g++) {
    if (headings) rows.push({ kind: "heading", label: `Axe ${g + 1} : ${r.pick(["Accompagnement", "Animation", "Ingénierie", "Fonctionnement"])}`, label2: "", amount: 0, covers: [] });
    const n = r.int(2, groups > 1 ? 4 : 7);
    const partAt = g === partGroup ? r.int(0, n - 1) : -1;
    const start = rows.length;
    for (let k = 0; k < n; k++) {
      const amount = r.chance(0.7) ? r.int(2, 400) * 50 * 100 : euros(r, 100, 40_000, 0.4);
      const axis = k === 0 ? `Axe ${g + 1}${r.pick([" :", ":", " -", ""])}` : undefined;
      rows.push({ kind: "detail", label: labels[li++ % labels.length], label2: descs[li % descs.length], amount, covers: [], axis });
      if (k === partAt && !o.listObject) {
        rows.push({ kind: "part", label: `dont ${r.pick(["frais de personnel", "prestations", "matériel", "déplacements"])}`, label2: "", amount: Math.floor(amount / 3 / 100) * 100 || 100, covers: [] });
      }
    }
    if (withSubtotals) {
      const covers = rows.map((x, i) => (i >= start && x.kind === "detail" ? i : -1)).filter((i) => i >= 0);
      const word = sousTotalWord.endsWith("axe") || sousTotalWord.endsWith("action") || sousTotalWord.endsWith("partie") ? `${sousTotalWord} ${g + 1}` : sousTotalWord;
      rows.push({ kind: "subtotal", label: word, label2: "", amount: covers.reduce((s, i) => s + rows[i].amount, 0), covers });
    }
  }
  const detailIdx = rows.map((x, i) => (x.kind === "detail" ? i : -1)).filter((i) => i >= 0);
  // A dossier's budget adds up to the convention's coût total: the last detail takes the rest.
  if (forcedTotal !== undefined) {
    const others = detailIdx.slice(0, -1).reduce((s, i) => s + rows[i].amount, 0);
    const last = detailIdx[detailIdx.length - 1];
    if (forcedTotal - others >= 100) rows[last].amount = forcedTotal - others;
    else {
      // Scale everything down: split the total evenly, the last taking the rest.
      const each = Math.floor(forcedTotal / detailIdx.length / 100) * 100;
      detailIdx.forEach((i, k) => (rows[i].amount = k === detailIdx.length - 1 ? forcedTotal - each * (detailIdx.length - 1) : each));
    }
    for (const s of rows) if (s.kind === "subtotal") s.amount = s.covers.reduce((t, i) => t + rows[i].amount, 0);
    for (let i = 0; i < rows.length; i++) if (rows[i].kind === "part") rows[i].amount = Math.max(100, Math.floor(rows[i - 1].amount / 3 / 100) * 100);
  }
  const sum = detailIdx.reduce((s, i) => s + rows[i].amount, 0);
  const f = o.ctx.features;
  if (rows.some((x) => x.kind === "part")) f.add("dont");
  if (withSubtotals) f.add(sousTotalWord.startsWith("Total") ? "sous-totaux « Total … »" : "sous-totaux");
  if (headings) f.add("intertitres");
  if (hasPercent) f.add(`% ${pForm === "formule" ? "formules" : pct.form} ${pct.decimals} déc.`);
  if (totalFormula || subtotalFormula) f.add("totaux en formule");
  rows.push({ kind: "total", label: r.pick(HEADERS.total), label2: "", amount: sum, covers: detailIdx });
  const totalIndex = rows.length - 1;
  const subtotals = rows.map((x, i) => (x.kind === "subtotal" ? i : -1)).filter((i) => i >= 0);
  const wrongSub = subtotals.length ? r.pick(subtotals) : -1;
  if (hasPercent) {
    // A sub-total's % (of the whole), except on the one that may get the mistake.
    const subtotalShares = r.chance(0.5);
    for (const [i, row] of rows.entries()) {
      if (row.kind === "detail" || (row.kind === "subtotal" && subtotalShares && i !== wrongSub)) row.percent = shareUnits(row.amount, sum, pct.decimals);
      if (row.kind === "total") row.percent = 100 * 10 ** pct.decimals;
    }
  }
  // Mistake parameters, drawn always.
  const delta = r.pick([1, -1]) * r.pick([100, 1000, 5000, 10000, 50000, 100000]);
  const wrongDetail = r.pick(detailIdx);
  const pctDelta = r.int(2, 9) * 10 ** pct.decimals + r.int(0, 10 ** pct.decimals - 1);
  const omitFormula = r.chance(0.4);
  // A TOTAL adding the sub-totals would carry a wrong sub-total into it: not with that mistake.
  const totalOverSubtotals = r.chance(0.5) && o.mistake !== "REP-SOUS-TOTAL";
  const pctDown = r.chance(0.5);
  const expected: GridSpec["expected"] = [];
  const constants = new Set<number>(); // rows whose total / % is typed over a formula
  let totalOmits = false;
  const wrongPercent = new Set<number>();
  const injectHere = o.inject ? o.mistake : null;
  if (injectHere === "REP-TOTAL") {
    const total = rows[totalIndex];
    if (totalFormula && omitFormula && detailIdx.length > 2) {
      totalOmits = true; // `=SUM(C3:C8)` that stops one row short
      total.amount = sum - rows[detailIdx[detailIdx.length - 1]].amount;
    } else {
      total.amount = sum + delta > 0 ? sum + delta : sum + Math.abs(delta);
      constants.add(totalIndex);
    }
  } else if (injectHere === "REP-SOUS-TOTAL" && wrongSub >= 0) {
    const s = rows[wrongSub];
    s.amount = s.amount + delta > 0 ? s.amount + delta : s.amount + Math.abs(delta);
    constants.add(wrongSub);
  } else if (injectHere === "REP-POURCENT") {
    const row = rows[wrongDetail];
    const right = row.percent!;
    row.percent = right - pctDelta >= 0 && pctDown ? right - pctDelta : right + pctDelta;
    wrongPercent.add(wrongDetail);
  }

  // Columns: [N°] label [label2] [%] amount [%] [comment]
  const numero = o.extra && r.chance(0.6);
  const comment = o.extra && (!numero || r.chance(0.5));
  const percentFirst = hasPercent && o.reorder && r.chance(0.5);
  const labelAfter = twoLabels && o.reorder && !percentFirst;
  type RepCol = "numero" | "label" | "label2" | "amount" | "percent" | "comment";
  const cols: RepCol[] = [];
  if (numero) cols.push("numero");
  cols.push("label");
  if (twoLabels && !labelAfter) cols.push("label2");
  if (percentFirst) cols.push("percent");
  cols.push("amount");
  if (hasPercent && !percentFirst) cols.push("percent");
  if (labelAfter) cols.push("label2");
  if (comment) cols.push("comment");
  const col = (c: RepCol) => cols.indexOf(c);

  const axeHeader = twoLabels && !labelAfter && r.chance(0.5);
  if (axeHeader) o.ctx.features.add("axes (1re colonne vide)");
  const words: Record<RepCol, string> = {
    numero: r.pick(HEADERS.numero),
    label: axeHeader ? r.pick(["AXES", "Axe", "Axes", "Objectif"]) : r.pick(HEADERS.labelRep),
    label2: axeHeader ? r.pick(["ACTIONS", "Action", "Actions", "Intitulé de l'action"]) : r.pick(HEADERS.labelRep2),
    amount: r.pick(HEADERS.montant),
    percent: r.pick(HEADERS.pourcent),
    comment: r.pick(HEADERS.commentaire),
  };
  if (o.listObject) for (const k of Object.keys(words) as RepCol[]) words[k] = words[k].replace(/\n/g, " ").trim();
  if (o.listObject && words.label === words.label2) words.label2 = "Détail";
  const headerRow = cols.map((c) => words[c]);
  let header: (string | null)[][] = [headerRow];
  const headerMerges: [number, number, number, number][] = [];
  if (o.twoRow && !o.listObject) {
    const top: (string | null)[] = cols.map(() => null);
    const bottom: (string | null)[] = [...headerRow];
    const groupTitle = r.pick(["Budget prévisionnel 2026", "Dépenses prévisionnelles", "Montants", "Plan de financement", "BUDGET 2026"]);
    const numeric = cols.map((c, i) => (c === "amount" || c === "percent" ? i : -1)).filter((i) => i >= 0);
    const c1 = Math.min(...numeric);
    const c2 = Math.max(...numeric);
    top[c1] = groupTitle;
    if (c2 > c1) headerMerges.push([0, c1, 0, c2]);
    for (let c = 0; c < cols.length; c++) {
      if (c >= c1 && c <= c2) continue;
      top[c] = headerRow[c];
      bottom[c] = null;
      headerMerges.push([0, c, 1, c]);
    }
    header = [top, bottom];
  }

  const comments = rows.map(() => r.pick(COMMENTS));
  let detailNo = 0;
  const body: CellSpec[][] = rows.map((row, i) => {
    if (row.kind === "detail") detailNo++;
    const no = detailNo;
    return cols.map((c): CellSpec => {
      switch (c) {
        case "numero":
          return row.kind === "detail" ? { v: no } : null;
        case "label":
          if (row.kind === "total" || row.kind === "subtotal" || row.kind === "heading") return { v: row.label };
          if (row.kind === "part") return { v: `   ${row.label}` };
          // APES: the axis on its first row only; the next rows of the axis leave the cell empty.
          if (axeHeader) return row.axis ? { v: row.axis } : null;
          return { v: row.label };
        case "label2":
          return row.kind === "detail" ? { v: axeHeader ? row.label : row.label2 } : null;
        case "comment":
          return row.kind === "detail" && comments[i] ? { v: comments[i] } : null;
        case "amount": {
          if (row.kind === "heading") return null;
          const written = money.write(row.amount);
          const formula = (ids: number[], at: At) => `=SUM(${ranges(ids, (k) => at(k, col("amount")))})`;
          if (row.kind === "total" && totalFormula && !constants.has(i)) {
            if (totalOmits) return (at) => ({ ...written, f: formula(row.covers.slice(0, -1), at) });
            if (subtotals.length && totalOverSubtotals) return (at) => ({ ...written, f: `=SUM(${subtotals.map((s) => at(s, col("amount"))).join(",")})` });
            return (at) => ({ ...written, f: formula(row.covers, at) });
          }
          if (row.kind === "subtotal" && subtotalFormula && !constants.has(i)) return (at) => ({ ...written, f: formula(row.covers, at) });
          return written;
        }
        case "percent": {
          if (row.percent === undefined) return null;
          if (pForm === "formule" && !wrongPercent.has(i)) {
            // 100 % as the sum of the shares, or typed when a share may be typed over (REP-POURCENT).
            if (row.kind === "total") {
              if (o.mistake === "REP-POURCENT") return { v: 1, fmt: "0.00%" };
              return (at) => ({ v: 1, fmt: "0.00%", f: `=SUM(${ranges(detailIdx, (k) => at(k, col("percent")))})` });
            }
            return (at) => ({
              v: row.amount / sum,
              fmt: "0.00%",
              f: `=${at(i, col("amount"))}/${at(totalIndex, col("amount")).replace(/(\d+)$/, "$$$1")}`,
            });
          }
          return pct.write(row.percent);
        }
      }
    });
  });
  if (injectHere === "REP-TOTAL") {
    expected.push({ rule: "REP-TOTAL", row: totalIndex, column: col("amount") });
    if (totalOmits) expected.push({ rule: "REP-PLAGE", row: totalIndex, column: col("amount") });
  } else if (injectHere === "REP-SOUS-TOTAL" && wrongSub >= 0) expected.push({ rule: "REP-SOUS-TOTAL", row: wrongSub, column: col("amount") });
  else if (injectHere === "REP-POURCENT") expected.push({ rule: "REP-POURCENT", row: wrongDetail, column: col("percent") });

  let listObject: GridSpec["listObject"];
  if (o.listObject) {
    const columns: XlsxTable["columns"] = cols.map((c) => ({ name: words[c] }));
    columns[col("label")].totalsRowLabel = rows[totalIndex].label.trim();
    if (!constants.has(totalIndex) && subtotals.length === 0) columns[col("amount")].totalsRowFunction = "sum";
    listObject = { name: o.ctx.tableName("Repartition"), totalsRow: true, columns };
    // The totals row's amount as Excel writes it: SUBTOTAL over the column (no sub-totals in it).
    const name = listObject.name;
    if (columns[col("amount")].totalsRowFunction === "sum") {
      const written = money.write(rows[totalIndex].amount);
      body[totalIndex][col("amount")] = { ...written, f: `=SUBTOTAL(109,${name}[${escapeColumn(words.amount)}])` };
    }
  }
  return {
    header,
    headerMerges,
    body,
    width: cols.length,
    listObject,
    expected,
    truth: (at, sheet) => ({
      kind: "repartition",
      sheet,
      details: detailIdx.map((i) => ({ amount: at(i, col("amount")), percent: rows[i].percent !== undefined ? at(i, col("percent")) : undefined })),
      subtotals: subtotals.map((i) => ({
        amount: at(i, col("amount")),
        percent: rows[i].percent !== undefined ? at(i, col("percent")) : undefined,
        details: rows[i].covers.map((k) => at(k, col("amount"))),
      })),
      total: { amount: at(totalIndex, col("amount")), percent: rows[totalIndex].percent !== undefined ? at(totalIndex, col("percent")) : undefined },
      parts: rows.map((x, i) => (x.kind === "part" ? at(i, col("amount")) : "")).filter((x) => x !== ""),
    }),
  };
}

/** A structured reference's column name, with Excel's escapes. */
function escapeColumn(name: string): string {
  return name.replace(/['#[\]]/g, (ch) => `'${ch}`);
}

/** `C3:C5,C7` for the given body rows, consecutive rows joined. */
function ranges(rows: number[], addr: (row: number) => string): string {
  const sorted = [...rows].sort((a, b) => a - b);
  const parts: string[] = [];
  let start = sorted[0];
  let prev = sorted[0];
  for (const x of [...sorted.slice(1), Number.NaN]) {
    if (x === prev + 1) {
      prev = x;
      continue;
    }
    parts.push(start === prev ? addr(start) : `${addr(start)}:${addr(prev)}`);
    start = prev = x;
  }
  return parts.join(",");
}

// ---------------------------------------------------------------------------------------------
// Convention terms

interface ConventionFigures {
  subvention: number;
  coutTotal: number;
}

function conventionTable(o: TableOptions, forced?: ConventionFigures): GridSpec {
  const r = o.ctx.rng;
  const money = moneyWriter(r, o.money);
  const coutTotal = forced?.coutTotal ?? r.int(20, 4000) * 500 + (r.chance(0.3) ? r.int(1, 499) * 100 : 0);
  const subvention = forced?.subvention ?? Math.max(100, Math.floor((coutTotal * (0.1 + 0.7 * r.float())) / 10000) * 10000 || 10000);
  const decimals = r.pick([2, 2, 2, 1, 0]);
  const tauxForm = r.pick(["fraction-format", "points", "texte"] as const);
  const pct = percentWriter(r, tauxForm, decimals);
  const taux = shareUnits(subvention, coutTotal, decimals);
  const hasPlafond = o.mistake === "CONV-PLAFOND" || r.chance(0.45);
  const capBeside = hasPlafond && r.chance(0.35);
  o.ctx.features.add(`taux ${tauxForm} ${decimals} déc.`);
  if (capBeside) o.ctx.features.add("plafond à côté du montant");
  const plafondClean = subvention + r.pick([0, 0, 50000, 100000, 500000]);
  const under = r.pick([100, 10000, 50000, 100000]);
  const tauxDelta = (r.int(2, 9) * 10 ** decimals + r.int(0, 10 ** decimals - 1)) * (r.chance(0.5) ? 1 : -1);
  let statedTaux = taux;
  let plafond = plafondClean;
  const expectedKeys: ("taux" | "subvention")[] = [];
  if (o.inject && o.mistake === "CONV-TAUX") {
    statedTaux = taux + tauxDelta > 0 ? taux + tauxDelta : taux - tauxDelta;
    expectedKeys.push("taux");
  }
  if (o.inject && o.mistake === "CONV-PLAFOND") {
    plafond = Math.max(100, subvention - under);
    expectedKeys.push("subvention");
  }
  type Term = "subvention" | "coutTotal" | "taux" | "plafond" | "beneficiaire" | "objet";
  let terms: Term[] = ["subvention", "coutTotal", "taux"];
  if (hasPlafond && !capBeside) terms.splice(r.int(1, 3), 0, "plafond");
  if (o.reorder) terms = r.shuffle(terms);
  if (r.chance(0.4)) terms.unshift("beneficiaire");
  if (r.chance(0.3)) terms.splice(r.int(1, terms.length), 0, "objet");
  const labels: Record<Term, string> = {
    subvention: r.pick(CONVENTION_LABELS.subvention),
    coutTotal: r.pick(CONVENTION_LABELS.coutTotal),
    taux: r.pick(CONVENTION_LABELS.taux),
    plafond: r.pick(CONVENTION_LABELS.plafond),
    beneficiaire: r.pick(["Bénéficiaire", "Bénéficiaire :", "Association", "Organisme"]),
    objet: r.pick(["Objet", "Objet de la subvention", "Action subventionnée"]),
  };
  const texts = { beneficiaire: r.pick(LISTE_LABELS.quotient), objet: r.pick(ACTIONS) };
  // Value right of the label, or two cells right with the label merged over two cells.
  const spread = o.reorder && r.chance(0.6);
  const valueCol = spread ? 2 : 1;
  if (spread) o.ctx.features.add("libellé fusionné, valeur 2 cellules à droite");
  const comment = o.extra;
  const capText = r.pick(["plafonnée à", "dans la limite de", "plafond :"]);
  const width = valueCol + 1 + (capBeside || comment ? 1 : 0);
  const body: CellSpec[][] = [];
  const merges: [number, number, number, number][] = [];
  const rowOf: Partial<Record<Term, number>> = {};
  terms.forEach((t, i) => {
    rowOf[t] = i;
    const row: CellSpec[] = new Array(width).fill(null);
    row[0] = { v: labels[t] };
    if (spread) merges.push([i, 0, i, 1]);
    if (t === "beneficiaire" || t === "objet") row[valueCol] = { v: texts[t] };
    else if (t === "taux") row[valueCol] = pct.write(statedTaux);
    else row[valueCol] = money.write(t === "subvention" ? subvention : t === "coutTotal" ? coutTotal : plafond);
    if (t === "subvention" && capBeside) {
      const capCell = money.write(plafond);
      row[valueCol + 1] = { v: `${capText} ${typeof capCell.v === "number" ? frenchMoney(plafond, " ", " €") : capCell.v}` };
    } else if (comment && (t === "subvention" || t === "taux")) {
      row[width - 1] = { v: t === "taux" ? "soit le taux arrêté en commission" : "versée en deux fois" };
    }
    body.push(row);
  });
  return {
    header: [],
    headerMerges: [],
    body,
    bodyMerges: merges,
    width,
    expected: expectedKeys.map((k) => ({ rule: k === "taux" ? "CONV-TAUX" : "CONV-PLAFOND", row: rowOf[k === "taux" ? "taux" : "subvention"]!, column: valueCol })),
    truth: (at, sheet) => ({
      kind: "convention",
      sheet,
      subvention: at(rowOf.subvention!, valueCol),
      coutTotal: at(rowOf.coutTotal!, valueCol),
      taux: at(rowOf.taux!, valueCol),
      plafond: hasPlafond ? (capBeside ? at(rowOf.subvention!, valueCol + 1) : at(rowOf.plafond!, valueCol)) : undefined,
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Generic lists ("liste"): a column that is the result of two others on every row

type Relation = "produit" | "quotient" | "difference" | "somme";

function listeTable(o: TableOptions, relation: Relation): GridSpec {
  const r = o.ctx.rng;
  const money = moneyWriter(r, o.money);
  const formulas = money.numeric && r.chance(0.6);
  const n = r.int(10, 14);
  const broken = r.int(0, n - 1);
  const labels = r.shuffle(LISTE_LABELS[relation]);
  const tauxText = r.chance(0.4);
  const tauxPct = percentWriter(r, tauxText ? "texte" : "fraction-format", 2);
  const hasTotal = r.chance(0.35);
  if (hasTotal) o.ctx.features.add("liste avec TOTAL");
  if (formulas) o.ctx.features.add("liste en formules");
  interface LRow {
    a: number;
    b: number;
    result: number;
  }
  const rows: LRow[] = [];
  for (let i = 0; i < n; i++) {
    let a: number;
    let b: number;
    let result: number;
    switch (relation) {
      case "produit":
        a = r.int(1, 40);
        b = r.chance(0.6) ? r.int(1, 500) * 100 : euros(r, 1, 2_000, 1);
        result = a * b;
        break;
      case "quotient":
        a = r.int(20, 2000) * 500 + (r.chance(0.3) ? r.int(1, 499) * 100 : 0);
        b = Math.max(10000, Math.floor((a * (0.1 + 0.7 * r.float())) / 10000) * 10000);
        result = shareUnits(b, a, 2);
        break;
      case "difference":
        b = euros(r, 500, 60_000);
        a = b + euros(r, 0, 20_000);
        result = a - b;
        break;
      case "somme":
        a = euros(r, 100, 80_000);
        b = Number(divHalfUp(BigInt(a) * 20n, 100n));
        result = a + b;
        break;
    }
    rows.push({ a, b, result });
  }
  const delta = r.pick([1, -1]) * r.pick([100, 1000, 5000, 10000]);
  const tauxDelta = r.int(150, 900) * r.pick([1, -1]);
  const oneMore = r.chance(0.5);
  let brokenRow = -1;
  if (o.inject) {
    const row = rows[broken];
    if (relation === "produit" && oneMore) row.result = (row.a + 1) * row.b;
    else if (relation === "quotient") row.result = row.result + tauxDelta > 0 ? row.result + tauxDelta : row.result - tauxDelta;
    else row.result = row.result + delta > 0 ? row.result + delta : row.result + Math.abs(delta);
    brokenRow = broken;
  }
  const numero = o.extra && r.chance(0.6);
  const comment = o.extra && (!numero || r.chance(0.5));
  const swap = o.reorder && relation !== "difference";
  type LCol = "numero" | "label" | "a" | "b" | "result" | "comment";
  const cols: LCol[] = [...(numero ? (["numero"] as LCol[]) : []), "label", ...(swap ? (["b", "a"] as LCol[]) : (["a", "b"] as LCol[])), "result", ...(comment ? (["comment"] as LCol[]) : [])];
  const col = (c: LCol) => cols.indexOf(c);
  const words = headerWords(r, ["label", "a", "b", "result"], LISTE_HEADERS[relation] as unknown as Record<string, readonly string[]>, o.listObject);
  const wordOf: Record<LCol, string> = { numero: r.pick(HEADERS.numero), label: words[0], a: words[1], b: words[2], result: words[3], comment: r.pick(HEADERS.commentaire) };
  if (o.listObject) wordOf.numero = wordOf.numero.replace(/\n/g, " ").trim();
  const headerRow = cols.map((c) => wordOf[c]);
  let header: (string | null)[][] = [headerRow];
  const headerMerges: [number, number, number, number][] = [];
  if (o.twoRow && !o.listObject) {
    const top: (string | null)[] = cols.map(() => null);
    const bottom: (string | null)[] = [...headerRow];
    const c1 = Math.min(col("a"), col("b"));
    top[c1] = r.pick(["Montants (€)", "Financement", "Détail", "En euros", "Chiffrage"]);
    headerMerges.push([0, c1, 0, col("result")]);
    for (let c = 0; c < cols.length; c++) {
      if (c >= c1 && c <= col("result")) continue;
      top[c] = headerRow[c];
      bottom[c] = null;
      headerMerges.push([0, c, 1, c]);
    }
    header = [top, bottom];
  }
  const writeA = (v: number): Cell => (relation === "produit" ? { v } : money.write(v));
  const writeResult = (v: number): Cell => (relation === "quotient" ? tauxPct.write(v) : money.write(v));
  const comments = rows.map(() => r.pick(COMMENTS));
  const body: CellSpec[][] = rows.map((row, i) =>
    cols.map((c): CellSpec => {
      switch (c) {
        case "numero":
          return { v: i + 1 };
        case "label":
          return { v: labels[i % labels.length] };
        case "a":
          return writeA(row.a);
        case "b":
          return money.write(row.b);
        case "comment":
          return comments[i] ? { v: comments[i] } : null;
        case "result": {
          const cell = writeResult(row.result);
          if (!formulas || i === brokenRow || (relation === "quotient" && tauxText)) return cell;
          const op = { produit: "*", quotient: "/", difference: "-", somme: "+" }[relation];
          const [x, y] = relation === "quotient" ? (["b", "a"] as LCol[]) : (["a", "b"] as LCol[]);
          const exact = relation === "quotient" ? { v: row.b / row.a, fmt: "0.00%" } : cell;
          return (at) => ({ ...exact, f: `=${at(i, col(x))}${op}${at(i, col(y))}` });
        }
      }
    }),
  );
  if (hasTotal) {
    const sa = rows.reduce((s, x) => s + x.a, 0);
    const sb = rows.reduce((s, x) => s + x.b, 0);
    const sr = rows.reduce((s, x) => s + x.result, 0);
    body.push(
      cols.map((c): CellSpec => {
        if (c === "label") return { v: r.pick(["TOTAL", "Total", "Total général"]) };
        if (relation === "produit") return c === "result" ? money.write(sr) : null;
        if (relation === "quotient") return c === "a" ? money.write(sa) : c === "b" ? money.write(sb) : c === "result" ? tauxPct.write(shareUnits(sb, sa, 2)) : null;
        return c === "a" ? money.write(sa) : c === "b" ? money.write(sb) : c === "result" ? money.write(sr) : null;
      }),
    );
  }
  let listObject: GridSpec["listObject"];
  if (o.listObject) listObject = { name: o.ctx.tableName("Liste"), totalsRow: false, columns: headerRow.map((h) => ({ name: h })) };
  // A TOTAL row inside an Excel table is a plain data row: fine.
  return {
    header,
    headerMerges,
    body,
    width: cols.length,
    listObject,
    expected: brokenRow >= 0 ? [{ rule: "LIGNE-CALCUL", row: brokenRow, column: col("result") }] : [],
    truth: (at, sheet) => ({
      kind: "liste",
      sheet,
      relation,
      rows: rows.map((_, i) => ({ a: at(i, col("a")), b: at(i, col("b")), result: at(i, col("result")) })),
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Layouts: where the tables sit on the sheets

const KIND_OF: Record<Mistake, Kind> = {
  "IMP-SOLDE": "imputation",
  "IMP-DEPASSEMENT": "imputation",
  "IMP-DISPO-CP": "imputation",
  "IMP-CUMUL": "imputation",
  "DEL-CP": "depense",
  "REP-TOTAL": "repartition",
  "REP-POURCENT": "repartition",
  "REP-SOUS-TOTAL": "repartition",
  "CONV-TAUX": "convention",
  "CONV-PLAFOND": "convention",
  "LIGNE-PRODUIT": "liste",
  "LIGNE-QUOTIENT": "liste",
  "LIGNE-DIFFERENCE": "liste",
  "LIGNE-SOMME": "liste",
};

const LAYOUTS_OF: Record<Kind, Layout[]> = {
  imputation: ["simple", "decale", "deux-lignes", "cote-a-cote", "empiles", "tableau-excel", "colonnes-extra", "ordre", "dossier"],
  depense: ["simple", "decale", "deux-lignes", "cote-a-cote", "empiles", "tableau-excel", "colonnes-extra", "ordre", "dossier"],
  repartition: ["simple", "decale", "deux-lignes", "cote-a-cote", "empiles", "tableau-excel", "colonnes-extra", "ordre", "dossier"],
  convention: ["simple", "decale", "cote-a-cote", "empiles", "colonnes-extra", "ordre", "dossier"],
  liste: ["simple", "decale", "deux-lignes", "cote-a-cote", "empiles", "tableau-excel", "colonnes-extra", "ordre", "deux-feuilles"],
};

/** IMP-CUMUL needs two reports: on two sheets, stacked, under titles… never side by side (whose line is first?). */
const CUMUL_LAYOUTS: Layout[] = ["deux-feuilles", "empiles", "decale", "deux-lignes", "tableau-excel", "colonnes-extra", "ordre", "simple"];

const SHEET_NAMES = ["Rapport", "Feuil1", "Annexe 1", "Tableau", "CP mars 2026", "Budget", "Synthèse", "Données", "Rapport n°2", "Feuille de calcul"];

interface Spec {
  mistake: Mistake;
  layout: Layout;
  money: MoneyForm;
  percent: PercentForm;
}

interface Built {
  features?: string[];
  sheets: SheetBuilder[];
  expected: ExpectedFinding[];
  truths: Truth[];
}

function tableFor(kind: Kind, o: TableOptions, mistake: Mistake): GridSpec {
  switch (kind) {
    case "imputation":
      return imputationTable(o);
    case "depense":
      return depenseTable(o);
    case "repartition":
      return repartitionTable(o);
    case "convention":
      return conventionTable(o);
    case "liste":
      return listeTable(o, mistake.replace("LIGNE-", "").toLowerCase() as Relation);
  }
}

function addTitles(rng: Rng, sb: SheetBuilder, top: number, left: number): number {
  // Title rows above the table, the last one right above the header or one row above it.
  const n = rng.int(1, 3);
  let row = top;
  for (let i = 0; i < n; i++) sb.set(row++, left + (i === 0 ? 0 : rng.int(0, 1)), rng.pick(TITLES));
  if (rng.chance(0.6)) row++;
  return row;
}

function addNotes(rng: Rng, sb: SheetBuilder, row: number, left: number): void {
  const n = rng.int(1, 2);
  row += 1; // one empty row after the table
  for (let i = 0; i < n; i++) sb.set(row + i, left, rng.pick(NOTES));
}

function options(ctx: Context, spec: Spec, inject: boolean, extra: Partial<TableOptions> = {}): TableOptions {
  return {
    ctx,
    mistake: spec.mistake,
    inject,
    twoRow: spec.layout === "deux-lignes",
    listObject: spec.layout === "tableau-excel",
    extra: spec.layout === "colonnes-extra",
    reorder: spec.layout === "ordre",
    money: spec.money,
    percent: spec.percent,
    ...extra,
  };
}

function build(rng: Rng, spec: Spec, inject: boolean): Built {
  const ctx = new Context(rng);
  const built = buildIn(rng, ctx, spec, inject);
  return { ...built, features: [...ctx.features].sort() };
}

function buildIn(rng: Rng, ctx: Context, spec: Spec, inject: boolean): Built {
  const kind = KIND_OF[spec.mistake];
  const names = rng.shuffle(SHEET_NAMES);
  const out: Built = { sheets: [], expected: [], truths: [] };
  const add = (p: Placed) => {
    out.expected.push(...p.expected);
    out.truths.push(...p.truths);
  };
  const offset = () => ({ top: rng.int(0, 2), left: rng.int(0, 2) });

  if (spec.mistake === "IMP-CUMUL") return buildCumul(rng, ctx, spec, inject, names);
  if (spec.layout === "dossier") return buildDossier(rng, ctx, spec, inject);

  const o = options(ctx, spec, inject);
  const sb = new SheetBuilder(names[0]);
  out.sheets.push(sb);
  switch (spec.layout) {
    case "cote-a-cote": {
      const { top, left } = offset();
      const t1 = tableFor(kind, o, spec.mistake);
      const t2 = tableFor(kind, options(ctx, spec, inject), spec.mistake);
      add(place(sb, t1, top, left));
      add(place(sb, t2, top, left + t1.width + 1));
      break;
    }
    case "empiles": {
      const { top, left } = offset();
      const t1 = tableFor(kind, o, spec.mistake);
      const t2 = tableFor(kind, options(ctx, spec, inject), spec.mistake);
      add(place(sb, t1, top, left));
      add(place(sb, t2, top + height(t1) + 1, left));
      break;
    }
    case "decale": {
      const top = rng.int(2, 14);
      const left = rng.int(1, 6);
      const t = tableFor(kind, o, spec.mistake);
      const start = addTitles(rng, sb, top - 2 < 0 ? 0 : top - 2, left);
      add(place(sb, t, start, left));
      addNotes(rng, sb, start + height(t), left);
      break;
    }
    case "deux-feuilles": {
      const t1 = tableFor(kind, o, spec.mistake);
      add(place(sb, t1, rng.int(0, 3), rng.int(0, 3)));
      const sb2 = new SheetBuilder(names[1]);
      out.sheets.push(sb2);
      const t2 = tableFor(kind, options(ctx, spec, inject), spec.mistake);
      add(place(sb2, t2, rng.int(0, 3), rng.int(0, 3)));
      break;
    }
    default: {
      const { top, left } = offset();
      const t = tableFor(kind, o, spec.mistake);
      add(place(sb, t, top, left));
    }
  }
  return out;
}

/**
 * IMP-CUMUL: two reports on one budget line (same code, same CP), each within its own Disponible;
 * the second forgot the first, so together they propose more than the first Disponible. The clean
 * twin chains them: the second Disponible is the first Solde, and its Proposition fits in it.
 */
function buildCumul(rng: Rng, ctx: Context, spec: Spec, inject: boolean, names: string[]): Built {
  const op = ctx.operation();
  const cp = euros(rng, 20_000, 500_000);
  const d1 = rng.chance(0.4) ? cp : Math.floor(cp * (0.5 + 0.5 * rng.float()));
  const p1 = Math.floor((d1 * (0.3 + 0.4 * rng.float())) / 100) * 100;
  const s1 = d1 - p1;
  // Mistake: the second report starts again from d1 and proposes more than s1 (but ≤ d1).
  const p2Wrong = Math.min(d1, s1 + Math.max(100, Math.floor(((d1 - s1) * rng.float()) / 100) * 100));
  // Clean: from s1, a proposition that fits.
  const p2Clean = Math.max(100, Math.floor((s1 * (0.2 + 0.7 * rng.float())) / 100) * 100);
  const first: ForcedLine = { ...op, cp, disponible: d1, proposition: p1, solde: s1 };
  const second: ForcedLine = inject
    ? { ...op, cp, disponible: d1, proposition: p2Wrong, solde: d1 - p2Wrong, mistake: "IMP-CUMUL" }
    : { ...op, cp, disponible: s1, proposition: p2Clean, solde: s1 - p2Clean };
  const o1 = options(ctx, spec, inject, { mistake: null });
  const o2 = options(ctx, spec, inject, { mistake: null });
  const t1 = imputationTable(o1, first);
  // The crossing line is the second table's line: IMP-CUMUL reports at its Proposition.
  const t2 = imputationTable(o2, second);
  const out: Built = { sheets: [], expected: [], truths: [] };
  const add = (p: Placed) => {
    out.expected.push(...p.expected);
    out.truths.push(...p.truths);
  };
  const sb = new SheetBuilder(names[0]);
  out.sheets.push(sb);
  const top = rng.int(0, 3);
  const left = rng.int(0, 3);
  if (spec.layout === "empiles" || spec.layout === "decale") {
    let row = top;
    if (spec.layout === "decale") row = addTitles(rng, sb, top, left);
    add(place(sb, t1, row, left));
    row += height(t1) + 1;
    if (spec.layout === "decale") {
      sb.set(row, left, rng.pick(TITLES));
      row += 2;
    }
    add(place(sb, t2, row, left));
  } else {
    add(place(sb, t1, top, left));
    const sb2 = new SheetBuilder(names[1]);
    out.sheets.push(sb2);
    add(place(sb2, t2, rng.int(0, 3), rng.int(0, 3)));
  }
  return out;
}

/**
 * A dossier, as the seeds: the report (imputation), the deliberation (Article 3), the convention
 * and the project's budget on four sheets, agreeing with each other; the mistake in one of them.
 */
function buildDossier(rng: Rng, ctx: Context, spec: Spec, inject: boolean): Built {
  const kind = KIND_OF[spec.mistake];
  const op = ctx.operation();
  const cp = euros(rng, 10_000, 400_000);
  const disponible = rng.chance(0.4) ? cp : Math.floor(cp * (0.4 + 0.6 * rng.float()));
  const subvention = Math.max(100, Math.floor((disponible * (0.05 + 0.6 * rng.float())) / 10000) * 10000 || 10000);
  const coutTotal = subvention + rng.int(0, 60) * 50000 + (rng.chance(0.3) ? rng.int(1, 999) * 100 : 0);
  const forms = MONEY_FORMS;
  const opt = (k: Kind) => options(ctx, spec, inject, { mistake: k === kind ? spec.mistake : null, money: k === kind ? spec.money : rng.pick(forms) });
  const out: Built = { sheets: [], expected: [], truths: [] };
  const sheet = (name: string, g: GridSpec) => {
    const sb = new SheetBuilder(name);
    out.sheets.push(sb);
    const top = rng.int(0, 4);
    const left = rng.int(0, 2);
    if (top >= 2) sb.set(top - 2, left, rng.pick(TITLES));
    const p = place(sb, g, top, left);
    out.expected.push(...p.expected);
    out.truths.push(...p.truths);
  };
  const impLine: ForcedLine = { ...op, cp, disponible, proposition: subvention, solde: disponible - subvention };
  const oImp = opt("imputation");
  if (inject && oImp.mistake) {
    // The report's own mistakes, on the dossier's single line.
    if (spec.mistake === "IMP-SOLDE") impLine.solde = impLine.solde + 100000;
    if (spec.mistake === "IMP-DEPASSEMENT") impLine.disponible = Math.max(100, subvention - 50000);
    if (spec.mistake === "IMP-DISPO-CP") impLine.disponible = cp + 100000;
    if (spec.mistake === "IMP-DEPASSEMENT" || spec.mistake === "IMP-DISPO-CP") impLine.solde = impLine.disponible - impLine.proposition;
    impLine.mistake = spec.mistake;
  }
  const imp = imputationTable({ ...oImp, mistake: null }, impLine, true);
  const names = rng.shuffle([
    ["Rapport", "Délibération", "Convention", "Budget prévisionnel"],
    ["Rapport CP", "Délib", "Convention 2026", "Budget"],
    ["1 - Rapport", "2 - Délibération", "3 - Convention", "4 - Annexe financière"],
  ])[0];
  sheet(names[0], imp);
  sheet(names[1], depenseTable(opt("depense"), { ...op, cp, depense: subvention }));
  sheet(names[2], conventionTable(opt("convention"), { subvention, coutTotal }));
  sheet(names[3], repartitionTable(opt("repartition"), coutTotal));
  return out;
}

// ---------------------------------------------------------------------------------------------
// The corpus

export const DEFAULT_SEED = 20260301;

function specs(rounds: number): Spec[] {
  const out: Spec[] = [];
  let n = 0;
  const mistakes = Object.keys(KIND_OF) as Mistake[];
  for (let round = 0; round < rounds; round++) {
    for (const mistake of mistakes) {
      const layouts = mistake === "IMP-CUMUL" ? CUMUL_LAYOUTS : LAYOUTS_OF[KIND_OF[mistake]];
      for (const layout of layouts) {
        // Forms cycle independently of the layouts (7 is prime to 9 and to 4).
        const k = n + round * 5;
        out.push({ mistake, layout, money: MONEY_FORMS[(k * 7 + Math.floor(k / 9)) % 9], percent: PERCENT_FORMS[(k * 3 + Math.floor(k / 4)) % 4] });
        n++;
      }
    }
  }
  return out;
}

/** Every generated workbook, in pairs (mistakes, then the clean twin); the same for the same seed. */
export function generateCorpus(seed = DEFAULT_SEED, rounds = 2): CorpusWorkbook[] {
  const out: CorpusWorkbook[] = [];
  specs(rounds).forEach((spec, i) => {
    const kind = KIND_OF[spec.mistake];
    const pairSeed = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(i + 1, 0xc2b2ae35)) >>> 0;
    const form = kind === "repartition" ? `${spec.money}+${spec.percent}` : spec.money;
    const stem = `${String(i).padStart(3, "0")}-${spec.mistake.toLowerCase()}-${spec.layout}-${spec.money}`;
    for (const clean of [false, true]) {
      const built = build(new Rng(mulberry32(pairSeed)), spec, !clean);
      const sheets = built.sheets.map((s) => s.snapshot());
      out.push({
        name: `${stem}-${clean ? "propre" : "erreur"}`,
        kind,
        mistake: spec.mistake,
        layout: spec.layout,
        form,
        category: `${kind} × ${spec.layout}`,
        features: built.features ?? [],
        clean,
        twin: `${stem}-${clean ? "erreur" : "propre"}`,
        snapshot: { sheets },
        expected: clean ? [] : built.expected,
        truths: built.truths,
        xlsxTables: built.sheets.flatMap((s) => s.xlsxTables),
        xlsx: i % 6 === (clean ? 3 : 0),
      });
    }
  });
  return out;
}
