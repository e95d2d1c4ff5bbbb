/**
 * Amounts in words against spellings taken from grammar references (test/fixtures/lettres-reference.tsv,
 * its header names each page), not produced by the code.
 */
import * as fs from "fs";
import * as path from "path";
import { montantEnLettres, nombreEnLettres, type Orthographe } from "../../src/core/lettres";

interface ReferenceLine {
  kind: "nombre" | "montant";
  orthographe: Orthographe;
  value: string;
  expected: string;
  source: string;
}

const lines: ReferenceLine[] = fs
  .readFileSync(path.join(__dirname, "../fixtures/lettres-reference.tsv"), "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "" && !l.startsWith("#"))
  .map((l) => {
    const [kind, orthographe, value, expected, source] = l.split("\t");
    return { kind, orthographe, value, expected, source } as ReferenceLine;
  });

/** "300.50" → 30050 cents, by string arithmetic (not by the parsing the CLI uses). */
function eurosToCents(euros: string): number {
  const [whole, fraction = ""] = euros.split(".");
  return Number(whole) * 100 + Number((fraction + "00").slice(0, 2));
}

describe("the reference table", () => {
  it("holds at least 60 lines, the ones the issue asks for among them", () => {
    expect(lines.length).toBeGreaterThanOrEqual(60);
    const numbers = new Set(lines.filter((l) => l.kind === "nombre" && l.orthographe === "traditionnelle").map((l) => Number(l.value)));
    for (const n of [71, 80, 81, 91, 180, 200, 201, 280, 1000, 1080, 80000, 200000, 1000000, 2000000, 300000000]) expect(numbers).toContain(n);
    expect(lines.some((l) => l.expected === "un million d'euros")).toBe(true);
    expect(lines.some((l) => l.kind === "montant" && l.value.includes("."))).toBe(true);
    expect(lines.filter((l) => l.orthographe === "rectifiee").length).toBeGreaterThanOrEqual(5);
    for (const l of lines) expect(l.source).toBeTruthy();
  });

  it.each(lines.map((l) => [`${l.kind} ${l.value} (${l.orthographe}, ${l.source})`, l] as const))("%s", (_label, l) => {
    const options = { orthographe: l.orthographe };
    const words = l.kind === "nombre" ? nombreEnLettres(Number(l.value), options) : montantEnLettres(eurosToCents(l.value), options);
    expect(words).toBe(l.expected);
  });
});

describe("montantEnLettres", () => {
  it("says the interface's examples", () => {
    expect(montantEnLettres(700000)).toBe("sept mille euros");
    expect(montantEnLettres(100000000)).toBe("un million d'euros");
    expect(montantEnLettres(150)).toBe("un euro et cinquante centimes");
    expect(montantEnLettres(1)).toBe("un centime");
    expect(montantEnLettres(0)).toBe("zéro euro");
  });

  it("puts « d' » only after a noun that ends the number", () => {
    expect(montantEnLettres(300000000000)).toBe("trois milliards d'euros");
    expect(montantEnLettres(100000000000)).toBe("un milliard d'euros");
    expect(montantEnLettres(100100000000)).toBe("un milliard un million d'euros");
    expect(montantEnLettres(100000100)).toBe("un million un euros");
    expect(montantEnLettres(200000050)).toBe("deux millions d'euros et cinquante centimes");
  });

  it("says negatives with « moins »", () => {
    expect(montantEnLettres(-150000)).toBe("moins mille cinq cents euros");
    expect(montantEnLettres(-1)).toBe("moins un centime");
    expect(montantEnLettres(-0)).toBe("zéro euro");
  });

  it("keeps rectified cents hyphenated too", () => {
    expect(montantEnLettres(2171, { orthographe: "rectifiee" })).toBe("vingt-et-un euros et soixante-et-onze centimes");
  });

  it("refuses what is not an exact number of cents", () => {
    expect(() => montantEnLettres(1.5)).toThrow(RangeError);
    expect(() => montantEnLettres(Number.NaN)).toThrow(RangeError);
    expect(() => montantEnLettres(2 ** 53)).toThrow(RangeError);
  });

  it("says the largest exact amount", () => {
    // 90 071 992 547 409,91 €: quatre-vingt-dix billions (long scale: 10^12), …
    expect(montantEnLettres(Number.MAX_SAFE_INTEGER)).toBe(
      "quatre-vingt-dix billions soixante et onze milliards neuf cent quatre-vingt-douze millions cinq cent quarante-sept mille quatre cent neuf euros et quatre-vingt-onze centimes",
    );
  });
});

describe("nombreEnLettres", () => {
  it("says whole numbers, negatives included", () => {
    expect(nombreEnLettres(80000)).toBe("quatre-vingt mille");
    expect(nombreEnLettres(0)).toBe("zéro");
    expect(nombreEnLettres(-21)).toBe("moins vingt et un");
    expect(nombreEnLettres(-21, { orthographe: "rectifiee" })).toBe("moins vingt-et-un");
  });

  it("refuses a fraction", () => {
    expect(() => nombreEnLettres(2.5)).toThrow(RangeError);
  });
});
