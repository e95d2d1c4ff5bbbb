/**
 * Amounts and numbers in words, in French (« neuf mille trois cent quatre-vingts euros »), for the
 * templates' `lettres` formatter and `pointage lettres`.
 *
 * The integer words come from n2words (right on the traditional rules: vingt and cent plural only
 * when multiplied and final, kept before the nouns million and milliard; mille invariable; « et un »
 * but quatre-vingt-un). What it gets wrong for money is composed here: « un million d'euros » (a
 * noun takes « de »), cents, and the 1990 rectified spelling, where every numeral is joined by
 * hyphens but million, milliard… stay apart because they are nouns (« deux-cents millions
 * trois-mille »; n2words' own hyphen option writes « deux-cents-millions-trois-mille »).
 */
import { toCardinal } from "n2words/fr-FR";

export type Orthographe = "traditionnelle" | "rectifiee";
export interface LettresOptions {
  orthographe?: Orthographe;
}

/** The long-scale nouns n2words writes: they take a plural and « de », and no hyphen in 1990 spelling. */
const NOUN = /^(?:million|milliard|billion|billiard|trillion|trilliard|quadrillion|quadrilliard)s?$/;

function assertSafeInteger(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} : un entier exact est attendu (${String(n)}).`);
}

/** Words of a non-negative integer, traditional spelling (n2words), or rectified. */
function wordsOf(n: bigint, orthographe: Orthographe): string {
  const traditional = toCardinal(n);
  return orthographe === "rectifiee" ? rectified(traditional) : traditional;
}

/**
 * The 1990 spelling from the traditional one: runs of numerals joined by hyphens (« vingt et un »
 * → « vingt-et-un », « deux cent mille » → « deux-cent-mille »), the nouns left between spaces.
 * Plurals do not change: they follow the same rules in both spellings.
 */
function rectified(traditional: string): string {
  const out: string[] = [];
  let run: string[] = [];
  for (const word of traditional.split(" ")) {
    if (NOUN.test(word)) {
      if (run.length) out.push(run.join("-"));
      run = [];
      out.push(word);
    } else {
      run.push(word);
    }
  }
  if (run.length) out.push(run.join("-"));
  return out.join(" ");
}

/** A whole number in words: 80000 → "quatre-vingt mille"; -5 → "moins cinq". */
export function nombreEnLettres(n: number, options?: LettresOptions): string {
  assertSafeInteger(n, "nombreEnLettres");
  const orthographe = options?.orthographe ?? "traditionnelle";
  const words = wordsOf(BigInt(Math.abs(n)), orthographe);
  return n < 0 ? `moins ${words}` : words;
}

/**
 * An amount in integer cents, in words with its currency: 700000 → "sept mille euros";
 * 100000000 → "un million d'euros"; 150 → "un euro et cinquante centimes"; 1 → "un centime";
 * 0 → "zéro euro". Negative: "moins …".
 */
export function montantEnLettres(cents: number, options?: LettresOptions): string {
  assertSafeInteger(cents, "montantEnLettres");
  const orthographe = options?.orthographe ?? "traditionnelle";
  const abs = BigInt(Math.abs(cents));
  const euros = abs / 100n;
  const centimes = abs % 100n;
  const parts: string[] = [];
  if (euros > 0n || centimes === 0n) {
    const words = wordsOf(euros, orthographe);
    // « un million d'euros », but « un million deux cents euros »: only a noun ending the number takes « de ».
    const lastWord = words.slice(words.lastIndexOf(" ") + 1);
    const unit = euros <= 1n ? "euro" : NOUN.test(lastWord) ? "d'euros" : "euros";
    parts.push(`${words} ${unit}`);
  }
  if (centimes > 0n) parts.push(`${wordsOf(centimes, orthographe)} ${centimes === 1n ? "centime" : "centimes"}`);
  const text = parts.join(" et ");
  return cents < 0 ? `moins ${text}` : text;
}
