/**
 * `pointage lettres MONTANT… [--nombre] [--orthographe traditionnelle|rectifiee] [--lang fr|en]`:
 * each amount in words, one line each, with the function the templates' `lettres` formatter uses.
 * Amounts in French or English form (`1 000 000,01`, `1000000.01`, `1,000,000.01`, `9 380 €`).
 * Exit codes: 0 every amount said, 2 an unreadable amount or a wrong option (nothing on stdout then).
 */
import type { Lang } from "../core/findings";
import { montantEnLettres, nombreEnLettres, type Orthographe } from "../core/lettres";
import { decimalToCents, parseNumberText } from "../core/numbers";
import { langOf } from "./lang";

export const LETTRES_HELP_FR = `pointage lettres — montants (ou nombres) en toutes lettres, une ligne par montant.

Usage : pointage lettres MONTANT… [options]

  MONTANT                 en euros, à la française ou à l'anglaise : 9 380 €, 1 000 000,01, 1000000.01,
                          1,000,000.01 (espaces ordinaires ou insécables ; entre guillemets s'il a des
                          espaces : "9 380 €") ; un négatif se dit « moins … »
Options :
  --nombre                le nombre entier seul, sans euros ni centimes (80000 → quatre-vingt mille)
  --orthographe traditionnelle|rectifiee
                          graphie traditionnelle (défaut) ou rectifiée de 1990 (traits d'union entre tous
                          les numéraux : vingt-et-un, deux-cents millions ; million et milliard restent à part)
  --lang fr|en            langue des messages (les montants sont toujours écrits en français)
  -h, --help              cette aide

Exemples : pointage lettres 1000000.01   → un million d'euros et un centime
           pointage lettres --nombre 80000 → quatre-vingt mille

Codes de sortie : 0 tout est écrit, 2 montant illisible ou commande incorrecte (rien n'est écrit alors).
`;

export const LETTRES_HELP_EN = `pointage lettres — amounts (or numbers) in French words, one line per amount.

Usage: pointage lettres AMOUNT… [options]

  AMOUNT                  in euros, in French or English form: 9 380 €, 1 000 000,01, 1000000.01,
                          1,000,000.01 (plain or no-break spaces; quoted when it has spaces: "9 380 €");
                          a negative is said "moins …"
Options:
  --nombre                the whole number alone, without euros or cents (80000 → quatre-vingt mille)
  --orthographe traditionnelle|rectifiee
                          traditional spelling (default) or the 1990 rectified one (hyphens between all
                          numerals: vingt-et-un, deux-cents millions; million and milliard stay apart)
  --lang fr|en            language of the messages (the amounts are always written in French)
  -h, --help              this help

Examples: pointage lettres 1000000.01     → un million d'euros et un centime
          pointage lettres --nombre 80000 → quatre-vingt mille

Exit codes: 0 everything written, 2 unreadable amount or wrong command (nothing is written then).
`;

export interface LettresIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

function errorLine(message: string, lang: Lang): string {
  return `pointage lettres${lang === "fr" ? " :" : ":"} ${message}\n`;
}

/** An amount's cents, a whole number (--nombre), or why the text is neither, in the language asked for. */
type Reading = { cents: number } | { whole: number } | { problem: string };

/**
 * `1,000` and `1.000` read as one euro in French and a thousand in English: the words would say
 * one of them with confidence, so such an amount is refused and the user asked to write it plainly.
 */
const AMBIGUOUS = /^[-−–]?\d{1,3}[.,]\d{3}$/;

function readAmount(raw: string, wholeNumber: boolean, lang: Lang): Reading {
  const fr = lang === "fr";
  const shown = fr ? `« ${raw} »` : `"${raw}"`;
  const compact = raw.replace(/[\s\u00a0\u202f]|€|eur(os?)?$/gi, "");
  if (AMBIGUOUS.test(compact)) {
    return {
      problem: fr
        ? `${shown} est ambigu (mille ou un, selon l'usage français ou anglais) : écrivez 1 000 ou 1,00.`
        : `${shown} is ambiguous (a thousand or one, in English or French use): write 1 000 or 1.00.`,
    };
  }
  const parsed = parseNumberText(raw);
  if (!parsed || parsed.percent) {
    return {
      problem: fr
        ? `${shown} n'est pas un montant lisible (exemples : 9 380 €, 1 000 000,01, 1000000.01, 1,000,000.01).`
        : `${shown} is not a readable amount (examples: 9 380 €, 1 000 000,01, 1000000.01, 1,000,000.01).`,
    };
  }
  const fraction = parsed.decimal.split(".")[1] ?? "";
  const digits = parsed.decimal.replace(/^-/, "").split(".")[0].replace(/^0+(?=\d)/, "");
  if (wholeNumber) {
    if (/[1-9]/.test(fraction)) {
      return { problem: fr ? `${shown} n'est pas un nombre entier (--nombre).` : `${shown} is not a whole number (--nombre).` };
    }
    const whole = Number(digits) * (parsed.decimal.startsWith("-") ? -1 : 1);
    if (digits.length > 15 || !Number.isSafeInteger(whole)) return { problem: tooLarge(shown, fr) };
    return { whole };
  }
  if (fraction.replace(/0+$/, "").length > 2) {
    return {
      problem: fr
        ? `${shown} a plus de deux décimales : un montant s'écrit au centime près.`
        : `${shown} has more than two decimals: an amount is written to the cent.`,
    };
  }
  if (digits.length > 13) return { problem: tooLarge(shown, fr) };
  return { cents: decimalToCents(parsed.decimal) };
}

function tooLarge(shown: string, fr: boolean): string {
  return fr ? `${shown} est trop grand pour être écrit exactement.` : `${shown} is too large to be written exactly.`;
}

/** `pointage lettres …` (the arguments after `lettres`). */
export function lettresMain(args: readonly string[], io: LettresIo): number {
  const lang = langOf(args);
  const fr = lang === "fr";
  const amounts: string[] = [];
  let wholeNumber = false;
  let orthographe: Orthographe = "traditionnelle";
  const fail = (message: string): number => {
    io.stderr(errorLine(message, lang));
    return 2;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [name, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? args[++i];
    if (name === "-h" || name === "--help") {
      io.stdout(fr ? LETTRES_HELP_FR : LETTRES_HELP_EN);
      return 0;
    } else if (name === "--nombre") {
      wholeNumber = true;
    } else if (name === "--orthographe") {
      const v = value();
      if (v === "traditionnelle") orthographe = "traditionnelle";
      else if (v === "rectifiee" || v === "rectifiée") orthographe = "rectifiee";
      else return fail(fr ? `--orthographe : "traditionnelle" ou "rectifiee", pas "${v ?? ""}".` : `--orthographe: "traditionnelle" or "rectifiee", not "${v ?? ""}".`);
    } else if (name === "--lang") {
      const v = value();
      if (v !== "fr" && v !== "en") return fail(fr ? `--lang : "fr" ou "en", pas "${v ?? ""}".` : `--lang: "fr" or "en", not "${v ?? ""}".`);
    } else if (name === "--") {
      amounts.push(...args.slice(i + 1));
      break;
    } else if (/^--?\p{L}/u.test(arg)) {
      // A negative amount (-150) is an amount; a dash followed by a letter is an option.
      return fail(fr ? `option inconnue ${name}.\n\n${LETTRES_HELP_FR}` : `unknown option ${name}.\n\n${LETTRES_HELP_EN}`);
    } else {
      amounts.push(arg);
    }
  }
  if (amounts.length === 0) {
    return fail(fr ? `montant attendu : pointage lettres MONTANT…\n\n${LETTRES_HELP_FR}` : `expected an amount: pointage lettres AMOUNT…\n\n${LETTRES_HELP_EN}`);
  }
  // Every amount is read before any is written: a bad one never leaves half a list on stdout.
  const readings = amounts.map((a) => readAmount(a, wholeNumber, lang));
  const problems = readings.flatMap((r) => ("problem" in r ? [r.problem] : []));
  if (problems.length) {
    for (const p of problems) io.stderr(errorLine(p, lang));
    return 2;
  }
  const options = { orthographe };
  for (const r of readings) io.stdout(`${"cents" in r ? montantEnLettres(r.cents, options) : nombreEnLettres((r as { whole: number }).whole, options)}\n`);
  return 0;
}
