import fc from "fast-check";
import { decimalToCents, divideHalfUp, formatDecimals, formatIsPercent, parseNumberText, readCell, toCents } from "../../src/core/numbers";
import type { NumberReading } from "../../src/core/numbers";

const cents = (text: string) => {
  const r = readCell(text);
  return r.kind === "number" ? toCents(r).cents : undefined;
};

describe("parseNumberText: the forms of DOMAIN.md", () => {
  test.each([
    ["43 056,00", 4305600],
    ["43\u00a0056,00", 4305600],
    ["43\u202f056,00", 4305600],
    ["9 380,00 €", 938000],
    ["800,00€", 80000],
    ["4500 €", 450000],
    ["57 000,00€", 5700000],
    ["43,056.00", 4305600],
    ["1,234,567", 123456700],
    ["1.234.567,89", 123456789],
    ["(1 234,00)", -123400],
    ["-1 234,00", -123400],
    ["−1 234,00", -123400],
    ["€ 7 000", 700000],
    ["7 000 euros", 700000],
    ["0,5", 50],
    ["209 285", 20928500],
  ])("%s → %d cents", (text, expected) => {
    expect(cents(text)).toBe(expected);
  });

  test.each(["Axe 1:", "IIAC I ,", "12 34", "2 ateliers", "C05-043A06", "65748/93043", "", "€", "1,2,3", "--5"])("%s is not a number", (text) => {
    expect(parseNumberText(text)).toBeNull();
  });

  test("percent signs are kept apart from the figure", () => {
    expect(parseNumberText("31,98 %")).toEqual({ decimal: "31.98", decimals: 2, percent: true });
    expect(parseNumberText("37,44%")).toEqual({ decimal: "37.44", decimals: 2, percent: true });
  });
});

describe("readCell", () => {
  test("error literals and Office's value types", () => {
    expect(readCell("#REF!")).toEqual({ kind: "error", text: "#REF!" });
    expect(readCell("#REF!", "General", "String").kind).toBe("text");
    expect(readCell("#DIV/0!", "General", "Error").kind).toBe("error");
  });
  test("a % format makes a fraction shown in points", () => {
    const r = readCell(0.3744, "0.00%") as NumberReading;
    expect(r).toMatchObject({ percent: true, shownDecimals: 2, fromText: false });
  });
  test("number format decimals", () => {
    expect(formatDecimals("0.00%")).toBe(2);
    expect(formatDecimals('#,##0.00\\ "€"')).toBe(2);
    expect(formatDecimals("#,##0 €;[Red]-#,##0 €")).toBe(0);
    expect(formatDecimals("General")).toBeNull();
    expect(formatIsPercent('0.0"%"')).toBe(false);
    expect(formatIsPercent("0.0%")).toBe(true);
  });
});

describe("money in integer cents, half-up on the exact decimal", () => {
  test("rounding", () => {
    expect(decimalToCents("5616.475")).toBe(561648);
    expect(decimalToCents("5616.47499")).toBe(561647);
    expect(decimalToCents("-0.005")).toBe(-1);
    expect(toCents(readCell(0.1 + 0.2) as NumberReading)).toEqual({ cents: 30, extraDecimals: false, exact: true });
    expect(toCents(readCell(7000.125) as NumberReading)).toEqual({ cents: 700013, extraDecimals: true, exact: true });
  });
  test("divideHalfUp on the exact fraction: 105 000 000 ÷ 18 695 = 5 616,47499… → 561 647", () => {
    expect(divideHalfUp(700000n * 1500000n, 1869500)).toBe(561647);
    expect(divideHalfUp(1, 2)).toBe(1);
    expect(divideHalfUp(-1, 2)).toBe(-1);
    expect(divideHalfUp(10, -4)).toBe(-3);
  });
});

/** Every supported way of writing an amount, to check they all read back the same. */
function styles(centsValue: number): string[] {
  const negative = centsValue < 0;
  const abs = Math.abs(centsValue);
  const euros = Math.floor(abs / 100).toString();
  const dec = (abs % 100).toString().padStart(2, "0");
  const group = (sep: string) => euros.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  const bodies = [
    `${group(" ")},${dec}`,
    `${group("\u00a0")},${dec}`,
    `${group("\u202f")},${dec}`,
    `${group(",")}.${dec}`,
    `${group(".")},${dec}`,
    `${euros},${dec}`,
    `${euros}.${dec}`,
  ];
  const out: string[] = [];
  for (const b of bodies) {
    for (const suffix of ["", " €", "€", "\u00a0€"]) {
      const body = b + suffix;
      out.push(negative ? `-${body}` : body);
      if (negative) out.push(`(${body})`);
    }
  }
  return out;
}

test("property: any amount in any supported style reads back to the same cents", () => {
  fc.assert(
    fc.property(fc.integer({ min: -99_999_999_999, max: 99_999_999_999 }), (c) => {
      for (const text of styles(c)) {
        // `1.234,56` and `1,234.56` are both read by their last mark; `1.234` alone would be a decimal.
        if (cents(text) !== c) throw new Error(`${JSON.stringify(text)} read as ${cents(text)}, expected ${c}`);
      }
    }),
    { numRuns: 500 },
  );
});

test("property: numbers read as numbers keep their cents", () => {
  fc.assert(
    fc.property(fc.integer({ min: -9_999_999_999, max: 9_999_999_999 }), (c) => {
      const r = readCell(c / 100) as NumberReading;
      expect(toCents(r)).toEqual({ cents: c, extraDecimals: false, exact: true });
    }),
    { numRuns: 1000 },
  );
});

test("property: text that is not a number never throws", () => {
  fc.assert(
    fc.property(fc.string(), (s) => {
      expect(() => readCell(s)).not.toThrow();
    }),
  );
});
