/**
 * Finding a convention's terms: two terms or more as before; one term alone when its words, the
 * sheet's name or a title above it say it is a convention; terms written in a sentence.
 */
import { checkWorkbook } from "../../../src/core/engine";
import { isConventionTitle } from "../../../src/core/tables/convention";
import { DEPENSE_HEADER, IMPUTATION_HEADER, lianes2023 } from "../../helpers/seeds";
import { snapshotOf, type CellSpec } from "../../helpers/sheet-builder";

const ARTICLE_4_2023 =
  "Le Département octroie au bénéficiaire une subvention d'un montant de 7 000 € sur un coût total prévisionnel de 18 695 €, soit un taux d'intervention de 37,44%. L'intervention du Département est plafonnée aux montant et taux indiqués ci-dessus.";

/** The conventions found on the sheets, as `range: term@cell …`. */
function conventions(sheets: { name: string; rows: CellSpec[][] }[]): string[] {
  return checkWorkbook(snapshotOf(sheets))
    .tables.filter((t) => t.kind === "convention")
    .map((t) => `${t.sheet}!${t.range}: ${Object.entries(t.columns).map(([k, a]) => `${k}@${a}`).join(" ")}`);
}

describe("one term alone", () => {
  test("an unambiguous label is a convention on any sheet", () => {
    expect(conventions([{ name: "Feuil1", rows: [["Montant de la subvention", "9 830,00 €"]] }])).toEqual(["Feuil1!A1:B1: subvention@B1"]);
    expect(conventions([{ name: "Feuil1", rows: [["Coût total prévisionnel", "18 695 €"]] }])).toEqual(["Feuil1!A1:B1: coutTotal@B1"]);
  });

  test.each(["Subvention", "Taux", "Coût total", "Versé", "Plafond"])("a bare « %s » is not, on a sheet that says nothing", (label) => {
    expect(conventions([{ name: "Notes", rows: [[label, "7 000 €"]] }])).toEqual([]);
  });

  test("a bare « Subvention » on a sheet named for a convention", () => {
    expect(conventions([{ name: "Convention 2025", rows: [["Subvention", "9 380,00 €"]] }])).toEqual(["Convention 2025!A1:B1: subvention@B1"]);
  });

  test.each(["CONVENTION DE PARTENARIAT", "Convention 2025", "Article 4 – Montant de la subvention", "Article 6 : Montant de la participation et modalités de versement"])(
    "a bare « Subvention » under the title « %s »",
    (title) => {
      expect(conventions([{ name: "Feuil1", rows: [[title], [], ["Subvention", "9 380,00 €"]] }])).toEqual(["Feuil1!A3:B3: subvention@B3"]);
    },
  );

  test("a deliberation's Article 3 is not a convention's title", () => {
    const rows = [["Article 3 : La dépense versée en application de l'article 1 sera imputée sur le budget départemental"], ["Subvention", "7 000 €"]];
    expect(conventions([{ name: "Délibération", rows }])).toEqual([]);
  });

  test("two terms are a convention wherever they are, as before", () => {
    expect(conventions([{ name: "Notes", rows: [["Subvention", "7 000 €"], ["Taux", "37,44 %"]] }])).toEqual(["Notes!A1:B2: subvention@B1 tauxIntervention@B2"]);
  });
});

describe("terms in a sentence", () => {
  test("the 2023 Article 4 in one cell: three terms at that cell", () => {
    expect(conventions([{ name: "Feuil1", rows: [["Article 4 : Montant de la subvention"], [ARTICLE_4_2023]] }])).toEqual([
      "Feuil1!A2: subvention@A2 coutTotal@A2 tauxIntervention@A2",
    ]);
  });

  test("the 2025 Article 4, the amount alone: explicit words", () => {
    const text = "Au titre de l'année 2025, le Département octroie au bénéficiaire une subvention d'un montant de 9 380 € afin de mener les actions prévues à l'article 2.";
    expect(conventions([{ name: "Feuil1", rows: [[text]] }])).toEqual(["Feuil1!A1: subvention@A1"]);
  });

  test("a report's sentence is not a convention", () => {
    const rows: CellSpec[][] = [IMPUTATION_HEADER, lianes2023(), [], ["Il est proposé d'attribuer une subvention de 7 000 € à l'association Lianes coopération, pour l'année 2023."]];
    expect(conventions([{ name: "Rapport 2023", rows }])).toEqual([]);
  });

  test("a deliberation's Article 1 is not a convention", () => {
    const rows: CellSpec[][] = [
      ["D'attribuer une subvention de 7 000 € à l'association Lianes coopération, pour l'année 2023, afin de soutenir les actions d'ECSI."],
      [],
      DEPENSE_HEADER,
      ["C05-043A06", "65748//93043", "Actions européennes et internationales", "43 056,00", "7 000,00"],
    ];
    expect(conventions([{ name: "Délibération 2023", rows }])).toEqual([]);
  });

  test("a report's sentence stating a subsidy and a rate is still not a convention", () => {
    const rows = [["Il est proposé d'attribuer une subvention de 7 000 €, soit 37,44 % du budget de l'action."]];
    expect(conventions([{ name: "Rapport", rows }])).toEqual([]);
    expect(conventions([{ name: "Convention", rows }])).toEqual(["Convention!A1: subvention@A1 tauxIntervention@A1"]);
  });

  test("a sheet named for a convention with no term on it has no convention", () => {
    expect(conventions([{ name: "Convention 2025", rows: [["Article 2 : Objet"], ["Texte"]] }])).toEqual([]);
  });

  test("label/value pairs and a sentence below them make one convention", () => {
    const rows = [["Montant de la subvention", "7 000 €"], ["Coût total prévisionnel", "18 695 €"], ["soit un taux d'intervention de 37,44 %"]];
    expect(conventions([{ name: "C", rows }])).toEqual(["C!A1:B3: subvention@B1 coutTotal@B2 tauxIntervention@A3"]);
  });

  test("a cap noted beside the amount does not split a convention that states its cap", () => {
    const rows = [["Plafond", "8 000 €"], ["Montant de la subvention", "7 000 €", "plafonnée à 8 000 €"], ["Coût total prévisionnel", "18 695 €"]];
    expect(conventions([{ name: "C", rows }])).toEqual(["C!A1:B3: plafond@B1 subvention@B2 coutTotal@B3"]);
  });
});

describe("convention titles", () => {
  test.each(["CONVENTION DE PARTENARIAT", "Convention 2025", "Convention financière entre le Département et l'association", "Annexe à la convention", "Avenant n° 1", "Article 4 – Montant de la subvention", "Article 5 : Ajustement du montant de la subvention"])(
    "« %s » is one",
    (text) => expect(isConventionTitle(text)).toBe(true),
  );
  test.each([
    "Article 3 : La dépense versée en application de l'article 1 sera imputée sur le budget départemental",
    "Article 2 : Objet",
    "Rapport — Soutien aux actions européennes et internationales",
    "La présente convention a pour objet de définir les modalités de partenariat entre le Département et l'association",
  ])("« %s » is not", (text) => expect(isConventionTitle(text)).toBe(false));
});
