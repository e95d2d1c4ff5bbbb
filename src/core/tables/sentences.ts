/**
 * Convention terms written in a sentence, as the seeds write them: « une subvention d'un montant
 * de 7 000 € sur un coût total prévisionnel de 18 695 €, soit un taux d'intervention de 37,44% »,
 * « le Département attribue une subvention de 7 000 € », « plafonnée à 8 000 € », « dans la
 * limite de 80 % ». Each amount (`€`, `euros`) or rate (`%`) of the text is given to the term whose
 * words come just before it; a number no term's words announce is left alone.
 *
 * The patterns are built from words (`wordsPattern`): accents optional, any kind of space
 * (ordinary, no-break, narrow no-break), either apostrophe, `[a/b]` for optional words and
 * `(a/b)` for alternatives.
 */
import { readCell, type NumberReading } from "../numbers";
import type { TermKey } from "./types";

/** A term read in a sentence. */
export interface SentenceTerm {
  key: TermKey;
  /** The amount or rate as if typed alone in a cell (`7 000 €`, `37,44%`): its shown decimals kept. */
  reading: NumberReading;
  /** The words and the number, as written (`subvention d'un montant de 7 000 €`). */
  phrase: string;
  /**
   * The words alone say it is a convention's term (`subvention d'un montant de`, `coût total
   * prévisionnel de`), where `une subvention de` may as well be a report's or a deliberation's.
   */
  explicit: boolean;
}

type Unit = "money" | "percent";

interface TermWords {
  key: TermKey;
  /** The words announcing the number, without the linking words (`de`, `à`, `:`…). */
  words: string;
  unit: Unit;
  explicit?: boolean;
}

/** What may link a term's words to its number. */
const LINKS = [
  "d'un montant [global/total/maximum/maximal] de",
  "d'un maximum de",
  "est [fixé/fixée/arrêté/arrêtée] à",
  "(s'élève/s'élèvent/s'élevant) à",
  "[est/sont] (égal/égale/égaux) à",
  "est de",
  "de",
  "à",
];

/**
 * The terms, most specific first: a number goes to the first whose words end the text before it
 * (« le montant maximum de l'aide est fixé à » is a cap before it is an aid).
 * `Taux` and `Subvention` alone say little (DOMAIN.md); the same holds here for `une subvention de`.
 */
const TERM_WORDS: readonly TermWords[] = [
  { key: "subvention", words: "montant de la subvention [départementale/accordée/attribuée/votée]", unit: "money", explicit: true },
  { key: "subvention", words: "subvention [départementale/accordée/attribuée/votée] d'un montant [global/total]", unit: "money", explicit: true },
  { key: "subventionDue", words: "[montant de la] subvention (due/recalculée/définitive)", unit: "money" },
  { key: "reversement", words: "(reversement/montant à reverser/trop-perçu)", unit: "money" },
  { key: "montantVerse", words: "(montant/somme/sommes) (versé/versée/versés/versées) [au bénéficiaire]", unit: "money" },
  { key: "plafond", words: "(plafonnée/plafonné/plafonnées/plafonnés) [au montant]", unit: "money" },
  { key: "plafond", words: "(plafond/montant maximum/montant maximal) [de la subvention/de l'aide]", unit: "money" },
  { key: "plafond", words: "dans la limite [maximale/maximum]", unit: "money" },
  { key: "plafond", words: "(ne pourra/ne peut) [pas] (excéder/dépasser)", unit: "money" },
  { key: "tauxPlafond", words: "(plafonnée/plafonné/plafonnées/plafonnés) [au taux]", unit: "percent" },
  { key: "tauxPlafond", words: "(taux maximum/taux maximal/taux plafond)", unit: "percent" },
  { key: "tauxPlafond", words: "dans la limite [maximale/maximum]", unit: "percent" },
  { key: "tauxPlafond", words: "(ne pourra/ne peut) [pas] (excéder/dépasser)", unit: "percent" },
  { key: "subvention", words: "subvention [départementale/accordée/attribuée/votée/de fonctionnement/d'investissement]", unit: "money" },
  { key: "subvention", words: "(participation/aide) [départementale/financière] [du Département]", unit: "money" },
  { key: "coutTotal", words: "(coût/budget/montant) total prévisionnel [du projet/de l'action/de l'opération]", unit: "money", explicit: true },
  { key: "coutTotal", words: "(coût/budget) prévisionnel [du projet/de l'action/de l'opération]", unit: "money", explicit: true },
  { key: "coutTotal", words: "coût total [du projet/de l'action/de l'opération]", unit: "money" },
  { key: "depensesRealisees", words: "dépenses (réalisées/réelles/justifiées) [et justifiées]", unit: "money" },
  { key: "tauxIntervention", words: "[soit] [un] taux (d'intervention/de participation/d'aide/de financement)", unit: "percent" },
  { key: "tauxIntervention", words: "soit [un taux]", unit: "percent" },
];

/** Letters written with or without their accent. */
const ACCENTED: Record<string, string> = { a: "aàâä", c: "cç", e: "eéèêë", i: "iîï", o: "oôö", u: "uùûü" };
const SPACES = "\\s\\u00a0\\u202f";
const SPACE = `[${SPACES}]`;
const BASE: Record<string, string> = {};
for (const [base, all] of Object.entries(ACCENTED)) for (const ch of all) BASE[ch] = base;

/** One word or phrase as a pattern: accents optional, any space, either apostrophe. */
function literal(words: string): string {
  let out = "";
  for (const ch of words.toLowerCase()) {
    const base = BASE[ch];
    if (base) out += `[${ACCENTED[base]}]`;
    else if (ch === " ") out += `${SPACE}+`;
    else if (ch === "'" || ch === "’") out += `['’]${SPACE}*`;
    else if (ch === "-") out += `[-‑${SPACES}]?`;
    else out += ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return out;
}

/** `subvention [départementale/accordée] d'un montant (global/total)`, as a pattern. */
export function wordsPattern(words: string): string {
  const tokens = words.match(/\[[^\]]*\]|\([^)]*\)|[^\s[(]+/g) ?? [];
  let out = "";
  let started = false; // a word that must be there is already in
  for (const token of tokens) {
    const optional = token.startsWith("[");
    const choices = token.startsWith("[") || token.startsWith("(") ? token.slice(1, -1).split("/") : [token];
    const alternatives = `(?:${choices.map(literal).join("|")})`;
    // A space joins each word to the one before; an optional word takes its joining space with it.
    if (optional) out += started ? `(?:${SPACE}+${alternatives})?` : `(?:${alternatives}${SPACE}+)?`;
    else out += started ? `${SPACE}+${alternatives}` : alternatives;
    started ||= !optional;
  }
  return out;
}

/** A number in French form (`7 000`, `18 695,00`, `37,44`, `4500`) and its unit. */
const NUMBER = new RegExp(`(?<![\\d,.])(\\d{1,3}(?:${SPACE}\\d{3})+|\\d+)(,\\d+)?${SPACE}*(€|euros?(?![a-z])|%)`, "giu");
/**
 * The same with the unit left out, for a note beside an amount (`plafonnée à 8 000,00`): money
 * unless `%`; the English form of the amount beside it (`plafond : 38,500.00`) is read too.
 */
const BARE_NUMBER = new RegExp(`(?<![\\d,.])(\\d{1,3}(?:,\\d{3})+\\.\\d+|\\d{1,3}(?:${SPACE}\\d{3})+|\\d+)(,\\d+)?${SPACE}*(€|euros?(?![a-z])|%)?`, "giu");

/** How far back the words of a term may start: a clause, not a page. */
const REACH = 90;

interface CompiledTerm extends TermWords {
  pattern: RegExp;
}

/** A linking word after a space, or a colon (`Taux d'intervention : 37,44 %`). */
const LINK = `(?:${SPACE}+(?:${LINKS.map(wordsPattern).join("|")})|${SPACE}*:)?`;
const COMPILED: readonly CompiledTerm[] = TERM_WORDS.map((t) => ({
  ...t,
  // The term's words, then a linking word, then nothing but spaces up to the number.
  pattern: new RegExp(`(?<![\\p{L}])${wordsPattern(t.words)}${LINK}${SPACE}*$`, "iu"),
}));

/**
 * The terms a sentence states, in the order it states them. Markdown emphasis (`**7 000 €**`, as
 * the seeds' text comes out of a PDF converter) is read through.
 */
export function sentenceTerms(text: string, options: { bare?: boolean } = {}): SentenceTerm[] {
  // Most text cells are labels: no amount, no rate, nothing to read.
  if (!options.bare && !/[€%]|euro/i.test(text)) return [];
  const plain = text.replace(/\*+/g, "");
  const out: SentenceTerm[] = [];
  let from = 0;
  for (const m of plain.matchAll(options.bare ? BARE_NUMBER : NUMBER)) {
    const start = m.index!;
    const before = plain.slice(Math.max(from, start - REACH), start);
    from = start + m[0].length;
    const unit: Unit = m[3] === "%" ? "percent" : "money";
    const term = COMPILED.find((t) => t.unit === unit && t.pattern.test(before));
    if (!term) continue;
    const reading = readCell(m[0]);
    if (reading.kind !== "number") continue;
    const at = before.search(term.pattern);
    out.push({ key: term.key, reading, phrase: (before.slice(at) + m[0]).trim(), explicit: term.explicit === true });
  }
  return out;
}
