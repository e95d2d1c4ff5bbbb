/**
 * Label and header normalisation (DOMAIN.md): case, accents, punctuation, `€`, `(€)` and spaces
 * are folded, and Cyrillic/Greek letters that look Latin are read as Latin (two seed reports
 * write their `CP` header with Cyrillic `СР`). `%` is kept: a header that is only `%` names a
 * percentage column.
 */

/** Cyrillic and Greek lower-case letters that OCR and fonts pass off as Latin ones. */
const LOOKALIKES: Record<string, string> = {
  // Cyrillic
  а: "a", в: "b", е: "e", ё: "e", к: "k", м: "m", н: "h", о: "o", р: "p", с: "c", т: "t", у: "y",
  х: "x", ѕ: "s", і: "i", ї: "i", ј: "j", һ: "h", ԁ: "d", ԛ: "q", ԝ: "w", ӏ: "l",
  // Greek
  α: "a", β: "b", ε: "e", η: "n", ι: "i", κ: "k", μ: "m", ν: "v", ο: "o", ρ: "p", τ: "t", υ: "u",
  χ: "x", γ: "y", ζ: "z",
};

/** Folds a label for matching: `Libellé Opération` → `libelleoperation`, `СР` → `cp`, `CP €` → `cp`. */
export function normalizeLabel(raw: unknown): string {
  if (raw === null || raw === undefined) return "";
  const text = String(raw);
  let folded = FOLDED.get(text);
  if (folded === undefined) {
    folded = fold(text);
    if (FOLDED.size >= MEMO_SIZE) FOLDED.clear();
    FOLDED.set(text, folded);
  }
  return folded;
}

function fold(text: string): string {
  let s = text.toLowerCase();
  s = s.replace(/[^\u0020-\u007f]/g, (ch) => LOOKALIKES[ch] ?? ch);
  s = s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  s = s.replace(/œ/g, "oe").replace(/æ/g, "ae");
  s = s.replace(/\((en )?(€|eur|euros?)\)/g, "").replace(/€/g, "");
  // Keep letters, digits and `%`; everything else (spaces, punctuation, apostrophes) goes.
  return s.replace(/[^a-z0-9%]/g, "");
}

/**
 * Words of a label, accents and look-alikes folded, for labels that say `Total axe 1`. The array
 * is shared by every caller asking for the same text (frozen: read it, never change it).
 */
export function labelWords(raw: unknown): string[] {
  if (raw === null || raw === undefined) return [];
  const text = String(raw);
  // Finders ask for the words of the same labels on every row and for every candidate table.
  let words = WORDS.get(text);
  if (words === undefined) {
    words = Object.freeze(
      text
        .toLowerCase()
        .replace(/[^\u0020-\u007f]/g, (ch) => LOOKALIKES[ch] ?? ch)
        .normalize("NFKD")
        .replace(/[\u0300-\u036f]/g, "")
        .split(/[^a-z0-9%/]+/)
        .filter((w) => w !== ""),
    ) as string[];
    if (WORDS.size >= MEMO_SIZE) WORDS.clear();
    WORDS.set(text, words);
  }
  return words;
}

/**
 * Whether the label's first word, as `labelWords` reads it, may start with one of `initials`
 * (lower-case letters or digits). False is certain: finders ask it of every code of a table
 * (`C05-043A06` is no `Total`) without folding them. A non-ASCII character before the first
 * letter may fold to anything: true.
 */
export function mayOpenWith(raw: string, initials: string): boolean {
  for (let i = 0; i < raw.length; i++) {
    let code = raw.charCodeAt(i);
    if (code >= 128) return true;
    if (code >= 65 && code <= 90) code += 32;
    const wordChar = (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 37 || code === 47;
    if (wordChar) return initials.indexOf(String.fromCharCode(code)) >= 0;
  }
  return false;
}

/** Distinct labels whose folded forms are kept at once (a workbook has far fewer labels than cells). */
const MEMO_SIZE = 20_000;
const WORDS = new Map<string, string[]>();
const FOLDED = new Map<string, string>();
