/**
 * Column headers → column roles, from the words of the header rather than from a list of exact
 * wordings: people write `Code opé.`, `Dispo.`, `Mt proposé`, `CP 2026 (€)`, `Crédits de paiement
 * votés`, `Reste disponible`, `SOLDE` or `Solde\naprès proposition`. A header is cut into words
 * (accents, case, look-alike letters folded, camelCase and `snake_case` split), the words that say
 * nothing of the role (articles, units, years, `opération`) are dropped, and the role is given by
 * the most specific word left: a word that names one role (`disponible`, `proposé`, `solde`) wins
 * over a generic one (`montant`, `crédits`, `code`) wherever it stands. `Subventions
 * d'exploitation` or `Coût unitaire` name no amount role: the words that disqualify are listed too.
 *
 * Whether the column really holds what its header says is for the table finder to decide from the
 * cells (a `Dépenses` column of labels is a label column): this module only reads words.
 */
import type { ColumnRole } from "../settings";
import { labelWords, normalizeLabel } from "../text";

/** Words that say nothing of a column's role. */
const NEUTRAL = new Set([
  "de", "du", "des", "d", "la", "le", "les", "l", "en", "a", "au", "aux", "et", "sur", "par", "pour", "sa", "son",
  "eur", "euro", "euros", "ttc", "ht", "k", "keur", "operation", "operations", "ope", "op", "budgetaire", "budgetaires",
  "annee", "exercice", "vote", "votes", "votee", "votees", "ouverts", "ouvert", "inscrits", "inscrit", "actuel", "actuelle",
  "courant", "courante", "cumule", "cumules", "n", "no", "num", "numero", "nr", "en", "cours",
]);

/** Words that name one role whatever else the header says, by their start (`disponibles`, `proposée`). */
const SPECIFIC: readonly [ColumnRole, RegExp][] = [
  ["solde", /^(soldes?|reste|restant|restante|restants)$/],
  ["proposition", /^(propos\w*|prop|propo|prop\.)$/],
  ["disponible", /^(dispo\w*)$/],
  ["depense", /^(depense\w*)$/],
  ["imputation", /^(imput\w*|imp)$/],
  ["libelle", /^(libel\w*|lib|intitule\w*|designation)$/],
  ["pourcent", /^(%|pourcentage\w*|pourcent|pct|part|parts|quotepart|repartition|ratio)$/],
  ["cp", /^(cp|cps|paiement|paiements|cpi)$/],
];

/** Generic words: they give a role only when no specific word does. */
const GENERIC: readonly [ColumnRole, RegExp][] = [
  ["code", /^(code|codes|ref|reference)$/],
  ["cp", /^(credits?|cred)$/],
  [
    "montant",
    /^(montants?|mt|mnt|mtt|somme|sommes|budget|budgets|bp|couts?|previsionnel\w*|prevu|prevus|alloue\w*|attribue\w*|accorde\w*|sollicite\w*|demande\w*|subventions?|aide|aides|financement|enveloppe)$/,
  ],
];

/** Words that make a header name no amount role (`Coût unitaire`, `Subventions d'exploitation`, `Nombre`). */
const DISQUALIFY = /^(unitaire|unitaires|horaire|horaires|moyen|moyenne|exploitation|nombre|nbre|nb|quantite|qte|taux|date|dates|annees|commentaires?|observations?|objet)$/;

/** Qualifiers that turn the words after them into a description: `Disponible avant proposition` is the Disponible. */
const BEFORE = new Set(["avant"]);
/** `Disponible après proposition`, `Montant après vote`: what is left, the Solde. */
const AFTER = new Set(["apres"]);

/** Splits `pourcentageSubvention`, `cout_total`, `CP2026` into words before folding. */
export function headerWords(raw: string): string[] {
  const spaced = raw
    // Dotted acronyms are one word: `C.P.` is `CP`.
    .replace(/\b[A-Za-z](?:\.[A-Za-z])+\.?/g, (m) => m.replace(/\./g, ""))
    .replace(/([a-zà-ÿ])([A-ZÀ-Ý])/g, "$1 $2")
    .replace(/([A-Za-zÀ-ÿ])(\d)/g, "$1 $2")
    .replace(/(\d)([A-Za-zÀ-ÿ])/g, "$1 $2")
    .replace(/\((en )?(€|eur|euros?|k€)\)/gi, " ")
    .replace(/€/g, " ");
  return labelWords(spaced)
    .flatMap((w) => w.split("/"))
    .map((w) => w.replace(/\.$/, ""))
    .filter((w) => w !== "");
}

const YEAR = /^(19|20)\d\d$/;
const NUMBER_WORDS = new Set(["n", "no", "num", "numero", "nr"]);

/** Roles by header text: the same header is read again for every candidate table and row. */
const ROLE_CACHE = new Map<string, ColumnRole | null>();
const ROLE_CACHE_LIMIT = 20_000;

/** The role a header names, or undefined for a plain label column. `headerMap` keys are as typed. */
export function headerRole(raw: unknown, headerMap: Record<string, ColumnRole> = {}): ColumnRole | undefined {
  if (raw === null || raw === undefined || raw === "") return undefined;
  const text = String(raw);
  const mapped = Object.entries(headerMap);
  if (mapped.length > 0) {
    // The user's mapping wins; compared folded, as typed headers are.
    const key = normalizeLabel(text);
    for (const [typed, role] of mapped) if (normalizeLabel(typed) === key) return role;
  }
  const known = ROLE_CACHE.get(text);
  if (known !== undefined) return known ?? undefined;
  const role = roleOfWords(text);
  if (ROLE_CACHE.size >= ROLE_CACHE_LIMIT) ROLE_CACHE.clear();
  ROLE_CACHE.set(text, role ?? null);
  return role;
}

/** The role a header's words name, without the user's mapping. */
function roleOfWords(raw: string): ColumnRole | undefined {
  const key = normalizeLabel(raw);
  if (key === "") return undefined;
  if (key === "%") return "pourcent";
  let words = headerWords(String(raw));
  const before = words.findIndex((w) => BEFORE.has(w));
  if (before > 0) words = words.slice(0, before);
  const after = words.findIndex((w) => AFTER.has(w));
  if (after > 0) return "solde";
  const numbered = words.some((w) => NUMBER_WORDS.has(w));
  words = words.filter((w) => !NEUTRAL.has(w) && !YEAR.test(w) && !/^\d+$/.test(w));
  // `N° opération` is the code; `Opération` alone, its name.
  if (words.length === 0) return numbered && key !== "n" && key !== "no" ? "code" : /^(operations?|ope|op)$/.test(key) ? "libelle" : undefined;
  if (words.includes("nature") && words.includes("fonction")) return "imputation";
  const disqualified = words.some((w) => DISQUALIFY.test(w));
  for (const [role, pattern] of SPECIFIC) {
    if (!words.some((w) => pattern.test(w))) continue;
    // `Part` or `%` beside a unit word (`Part unitaire`) is still a share; other roles are amounts.
    if (disqualified && role !== "pourcent" && role !== "libelle" && role !== "imputation") return undefined;
    return role;
  }
  if (disqualified) return undefined;
  // Generic words: the first one that names a role. `Code` alone is the code opération; `Montant`,
  // `Budget`, `Coût` an amount; `Crédits` the CP.
  for (const w of words) {
    for (const [role, pattern] of GENERIC) if (pattern.test(w)) return role;
  }
  return undefined;
}
