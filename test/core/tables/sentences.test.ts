/**
 * The sentence reader on the seeds' own sentences (copied here: tests carry their fixtures), and
 * on the near-misses around them: report and deliberation wordings that state no convention term.
 */
import { toCents } from "../../../src/core/numbers";
import { sentenceTerms, wordsPattern } from "../../../src/core/tables/sentences";

/** Each term as [key, cents or points, shown decimals, explicit]. */
function read(text: string): [string, number, number, boolean][] {
  return sentenceTerms(text).map((t) => [
    t.key,
    t.key === "tauxIntervention" || t.key === "tauxPlafond" ? t.reading.value : toCents(t.reading).cents,
    t.reading.shownDecimals,
    t.explicit,
  ]);
}

describe("the seeds' conventions", () => {
  test("2023, Article 4: amount, total forecast cost and rate in one sentence, bold as the PDF converter left it", () => {
    const article4 =
      "Le Département octroie au bénéficiaire une subvention d'un montant de **7 000 €** sur un coût total prévisionnel de **18 695 €**, soit un taux d'intervention de **37,44%**. L'intervention du Département est plafonnée aux montant et taux indiqués ci-dessus.";
    expect(read(article4)).toEqual([
      ["subvention", 700000, 0, true],
      ["coutTotal", 1869500, 0, true],
      ["tauxIntervention", 37.44, 2, false],
    ]);
    expect(sentenceTerms(article4).map((t) => t.phrase)).toEqual([
      "subvention d'un montant de 7 000 €",
      "coût total prévisionnel de 18 695 €",
      "soit un taux d'intervention de 37,44%",
    ]);
  });

  test("2025, Article 4: the amount alone", () => {
    expect(read("Au titre de l'année 2025, le Département octroie au bénéficiaire une subvention d'un montant de 9 380 € afin de mener les actions prévues à l'article 2.")).toEqual([
      ["subvention", 938000, 0, true],
    ]);
  });

  test("the deliberations' Article 1: a subsidy, but words any report uses", () => {
    expect(read("D'attribuer une subvention de 7 000 € à l'association Lianes coopération, pour l'année 2023, afin de soutenir les actions d'Éducation à la Citoyenneté et à la Solidarité Internationale (ECSI)")).toEqual([
      ["subvention", 700000, 0, false],
    ]);
    expect(read("D'attribuer, à l'association « Acteurs Pour une Economie Solidaire », une participation départementale d'un montant global de 57 000 € pour l'année 2023")).toEqual([
      ["subvention", 5700000, 0, false],
    ]);
  });

  test.each([
    "il est proposé un accompagnement financier du Département à hauteur de 9 380 € afin de soutenir les actions menées par l'association Lianes coopération pour l'année 2025.",
    "Pour la mise en œuvre de ces 3 axes, l'APES sollicite une participation du Département à hauteur de 24 000 €.",
    "- 24 000 € au titre des 3 axes mentionnés dans l'article 2 ;",
    "• Un versement de 57 000 € interviendra après la signature de la présente convention par les parties.",
    "L'intervention du Département est plafonnée aux montant et taux indiqués ci-dessus.",
    "En cas de réalisation des dépenses inférieure au montant total prévisionnel indiqué dans l'article 4, la subvention départementale sera calculée au prorata du taux d'exécution des actions.",
    "Article 4 : Montant de la subvention",
    "Le reversement partiel ou total des sommes versées sera ainsi réclamé à réception du bilan des actions, au plus tard le 1er avril 2024.",
  ])("no term in « %s »", (text) => {
    expect(sentenceTerms(text)).toEqual([]);
  });
});

describe("other wordings", () => {
  test.each<[string, [string, number, number, boolean][]]>([
    ["le Département attribue une subvention de 7 000 €", [["subvention", 700000, 0, false]]],
    ["plafonnée à 8 000 €", [["plafond", 800000, 0, false]]],
    ["dans la limite de 8 000 €", [["plafond", 800000, 0, false]]],
    ["dans la limite de 80 % du coût total", [["tauxPlafond", 80, 0, false]]],
    ["soit un taux de 37,44 %", [["tauxIntervention", 37.44, 2, false]]],
    ["7 000 € sur 18 695 €, soit 37,4 %", [["tauxIntervention", 37.4, 1, false]]],
    ["Montant de la subvention : 7 000,50 €", [["subvention", 700050, 2, true]]],
    ["un coût total prévisionnel de 18 695 euros", [["coutTotal", 1869500, 0, true]]],
    ["La subvention due s'élève à 5 616,47 €, soit un reversement de 1 383,53 €.", [["subventionDue", 561647, 2, false], ["reversement", 138353, 2, false]]],
    ["Dépenses réalisées : 15 000 €", [["depensesRealisees", 1500000, 0, false]]],
    ["une participation du Département de 5 000 €", [["subvention", 500000, 0, false]]],
    ["une aide financière du Département de 5 000 €", [["subvention", 500000, 0, false]]],
    ["Le montant maximum de l'aide est fixé à 24 000 €", [["plafond", 2400000, 0, false]]],
    // Written without accents, as typed on a keyboard in a hurry.
    ["une subvention d'un montant de 7 000 € sur un cout total previsionnel de 18 695 €", [["subvention", 700000, 0, true], ["coutTotal", 1869500, 0, true]]],
  ])("« %s »", (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  test("ordinary, no-break and narrow no-break spaces", () => {
    for (const space of [" ", "\u00a0", "\u202f"]) {
      const text = `une subvention d'un montant de 7${space}000${space}€ sur un coût total prévisionnel de 18${space}695${space}€, soit un taux d'intervention de 37,44${space}%`;
      expect(read(text)).toEqual([
        ["subvention", 700000, 0, true],
        ["coutTotal", 1869500, 0, true],
        ["tauxIntervention", 37.44, 2, false],
      ]);
    }
  });

  test.each([
    "une subvention de 2023", // a year, no unit
    "des subventions de 7 000 € chacune", // plural: no one subsidy
    "une subvention exceptionnelle versée de 7 000 €", // words between the term and its number
    "un taux de 37,44 %", // a bare rate
    "le coût total prévisionnel est de 18 695", // no unit
  ])("no term in « %s »", (text) => {
    expect(sentenceTerms(text)).toEqual([]);
  });
});

describe("wordsPattern", () => {
  const matches = (words: string, text: string) => new RegExp(`^${wordsPattern(words)}$`, "iu").test(text);
  test("accents optional, any space, either apostrophe", () => {
    expect(matches("coût total prévisionnel", "cout total previsionnel")).toBe(true);
    expect(matches("coût total prévisionnel", "COÛT\u00a0TOTAL\u202fPRÉVISIONNEL")).toBe(true);
    expect(matches("taux d'intervention", "taux d’intervention")).toBe(true);
  });
  test("[a/b] is optional, (a/b) is a choice", () => {
    expect(matches("subvention [départementale/votée] due", "subvention due")).toBe(true);
    expect(matches("subvention [départementale/votée] due", "subvention votée due")).toBe(true);
    expect(matches("(coût/budget) total", "budget total")).toBe(true);
    expect(matches("(coût/budget) total", "total")).toBe(false);
    expect(matches("aide [financière] [du Département]", "aide du Département")).toBe(true);
    expect(matches("aide [financière] [du Département]", "aide financière du Département")).toBe(true);
    expect(matches("coût total", "coûttotal")).toBe(false);
  });
});
