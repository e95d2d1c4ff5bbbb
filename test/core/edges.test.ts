/* Issue 14, "numbers at the edges": what the whole engine says, in both languages. */
import { checkWorkbook } from "../../src/core/engine";
import { formatMoney, formatNumber, formatPercent } from "../../src/core/format";
import { readCell, toCents, type NumberReading } from "../../src/core/numbers";
import { snapshotOf, type CellSpec } from "../helpers/sheet-builder";
import { IMPUTATION_HEADER, lianes2023 } from "../helpers/seeds";

function check(row: CellSpec[]) {
  const snapshot = snapshotOf([{ name: "R", rows: [IMPUTATION_HEADER, row] }]);
  const fr = checkWorkbook(snapshot, { lang: "fr" });
  const en = checkWorkbook(snapshot, { lang: "en" });
  expect(fr.failures).toEqual([]);
  for (const f of [...fr.findings, ...en.findings]) expect(f.message).not.toMatch(/NaN|Infinity|undefined|e\+/);
  return { ids: fr.findings.map((f) => `${f.rule}/${f.messageId}@${f.cell}`), fr, en };
}

describe("amounts beyond exact cents", () => {
  test("1e308 with a right Solde: said too large, no Solde flagged, no « Infinity,NaN € »", () => {
    const { ids, fr } = check(lianes2023({ cp: 1e308, disponible: 1e308, solde: 1e308 }));
    expect(fr.findings.find((f) => f.cell === "D2")!.message).toContain("le montant 1 × 10^308 dépasse");
    expect(ids.filter((id) => id.startsWith("IMP-"))).toEqual([]);
    expect(ids.filter((id) => id.includes("montantTropGrand"))).toEqual(["NUM-ILLISIBLE/montantTropGrand@D2", "NUM-ILLISIBLE/montantTropGrand@E2", "NUM-ILLISIBLE/montantTropGrand@G2"]);
  });

  test("a 1-cent error on 10^18 € is reported as beyond checking, never passed in silence", () => {
    const big = "1 000 000 000 000 000,00";
    const { ids, fr, en } = check(lianes2023({ cp: big, disponible: big, proposition: "0,01", solde: big }));
    expect(ids.filter((id) => id.includes("montantTropGrand"))).toHaveLength(3);
    // Only the Proposition 0,01 is a number as text; the three others are not read at all.
    expect(ids.filter((id) => id.startsWith("IMP-") || id.startsWith("NUM-TEXTE"))).toEqual(["NUM-TEXTE/nombresTexte@F2"]);
    const message = fr.findings.find((f) => f.cell === "G2" && f.messageId === "montantTropGrand")!.message;
    expect(message).toBe(`Colonne « Solde » : le montant ${big} dépasse ce qui se compte exactement au centime (90\u202f071\u202f992\u202f547\u202f409,91\u00a0€) ; laissé hors des calculs, sa ligne n'est pas contrôlée.`);
    expect(en.findings.find((f) => f.cell === "G2" && f.messageId === "montantTropGrand")!.message).toContain("beyond what can be counted exactly to the cent (€90,071,992,547,409.91)");
  });

  test("1.2e16 €: no cents invented, the line not checked", () => {
    const { ids } = check(lianes2023({ proposition: 1.2e16, solde: -1.2e16 }));
    expect(ids.filter((id) => id.startsWith("IMP-"))).toEqual([]);
    expect(ids).toContain("NUM-ILLISIBLE/montantTropGrand@F2");
  });
});

describe("numbers that are not amounts", () => {
  test("a date in the CP column is a finding, not 45 292 €, and is left out of IMP-DISPO-CP", () => {
    const { ids, fr } = check(lianes2023({ cp: { v: 45292, fmt: "dd/mm/yyyy" } }));
    expect(ids).toContain("NUM-ILLISIBLE/dateMontant@D2");
    expect(ids.filter((id) => id.startsWith("IMP-"))).toEqual([]);
    expect(fr.findings.find((f) => f.messageId === "dateMontant")!.message).toBe("Colonne « CP » : la cellule est une date (2024-01-01, format dd/mm/yyyy), pas un montant ; laissée hors des calculs.");
  });

  test("`80%` typed in Proposition is a finding, not 80 €: no Solde error, no « lu et contrôlé »", () => {
    const { ids, fr } = check(lianes2023({ proposition: "80%", solde: 30920 }));
    expect(ids).toContain("NUM-ILLISIBLE/pourcentMontant@F2");
    expect(ids.filter((id) => id.startsWith("IMP-") || id.startsWith("NUM-TEXTE"))).toEqual([]);
    expect(fr.findings.find((f) => f.messageId === "pourcentMontant")!.message).toBe("Colonne « Proposition » : 80% est un pourcentage, pas un montant ; laissé hors des calculs.");
  });

  test("a right line stays silent", () => {
    expect(check(lianes2023()).ids.filter((id) => !id.startsWith("FORMULE-FIGEE"))).toEqual([]);
  });
});

describe("formatting never prints NaN or Infinity", () => {
  test("formatMoney", () => {
    expect(formatMoney(Infinity)).toBe("(montant hors limites)");
    expect(formatMoney(-Infinity, "en")).toBe("(amount out of range)");
    expect(formatMoney(NaN)).toBe("(montant hors limites)");
    // Beyond 2^53 cents the whole euros the double holds, never its unknown cents.
    expect(formatMoney(1.2e18)).toBe("12\u202f000\u202f000\u202f000\u202f000\u202f000\u00a0€");
    expect(formatMoney(Number.MAX_SAFE_INTEGER)).toBe("90\u202f071\u202f992\u202f547\u202f409,91\u00a0€");
    expect(formatMoney(700000)).toBe("7\u202f000,00\u00a0€");
  });

  test("formatNumber and formatPercent", () => {
    expect(formatNumber(NaN, 2)).toBe("(nombre hors limites)");
    expect(formatPercent(Infinity, 2, "en")).toBe("(number out of range)%");
    expect(formatNumber(1e308, 2)).toBe("1 × 10^308");
    expect(formatNumber(-1.25e21, 0, "en")).toBe("-1.25 × 10^21");
  });
});

test("just under the limit the arithmetic is exact: a right Solde is silent, a 1-cent error is IMP-SOLDE", () => {
  const right = check(lianes2023({ cp: 90_000_000_000_000, disponible: 90_000_000_000_000, proposition: "0,01", solde: "89 999 999 999 999,99" }));
  expect(right.ids.filter((id) => id.startsWith("IMP-") || id.includes("montantTropGrand"))).toEqual([]);
  const wrong = check(lianes2023({ cp: 90_000_000_000_000, disponible: 90_000_000_000_000, proposition: "0,01", solde: "89 999 999 999 999,98" }));
  expect(wrong.ids.filter((id) => id.startsWith("IMP-SOLDE/"))).toEqual([expect.stringMatching(/@G2$/)]);
});

test("the limit of exact cents, to the cent, and a cell of 100 000 digits read at once", () => {
  const at = (text: string) => toCents(readCell(text) as NumberReading);
  expect(at("90 071 992 547 409,91")).toMatchObject({ cents: Number.MAX_SAFE_INTEGER, exact: true });
  expect(at("90 071 992 547 409,92")).toMatchObject({ exact: false });
  expect(at("-90 071 992 547 409,91")).toMatchObject({ cents: -Number.MAX_SAFE_INTEGER, exact: true });
  expect(at("0000000000000000000043056,00")).toMatchObject({ cents: 4305600, exact: true });
  // A hang guard, not a measure of speed: the read takes a few milliseconds on a quiet machine,
  // and a reading that backtracked over the digits would take minutes; 1 s is far from both.
  const started = Date.now();
  expect(at("9".repeat(100000))).toMatchObject({ exact: false });
  expect(Date.now() - started).toBeLessThan(1000);
});
