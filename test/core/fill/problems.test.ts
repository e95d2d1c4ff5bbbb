/** Unknown placeholders, missing values and formula injection, in the engine. */
import { planFill } from "../../../src/core/fill";
import type { FillCell } from "../../../src/core/fill/plan";
import { sheet, workbook } from "../../helpers/sheet-builder";
import { IMPUTATION_HEADER_CYRILLIC, lianes2025 } from "../../helpers/seeds";

const rapport = sheet("Rapport", [IMPUTATION_HEADER_CYRILLIC, lianes2025()]);

function cellsOf(result: ReturnType<typeof planFill>): FillCell[] {
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join("\n"));
  return result.plan.blocks.flatMap((b) => b.cells.flat()).filter((c) => c !== null);
}

describe("problems are listed by sheet and cell, and nothing is filled", () => {
  it("an unknown placeholder, with the closest known name", () => {
    const template = sheet("Modèle Rapport", [[], [], [], [], [], [], ["", "Association : {beneficiare}"]]);
    const data = sheet("Données", [["Bénéficiaire", "Lianes coopération"]]);
    const result = planFill(workbook(rapport, data, template), { template: "Modèle Rapport" });
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          kind: "unknown-field",
          sheet: "Modèle Rapport",
          cell: "B7",
          name: "{beneficiare}",
          suggestion: "{beneficiaire}",
          message: "Modèle Rapport!B7 : {beneficiare} inconnu — vouliez-vous dire {beneficiaire} ?",
        },
      ],
    });
  });

  it("in English", () => {
    const template = sheet("Modèle", [["{propositon|euros}"]]);
    const result = planFill(workbook(rapport, template), { template: "Modèle", lang: "en" });
    expect(!result.ok && result.problems.map((p) => p.message)).toEqual(["Modèle!A1: {propositon|euros} unknown — did you mean {proposition}?"]);
  });

  it("a known field with no value in this workbook is missing, never blank", () => {
    const template = sheet("Modèle", [["Pour {beneficiaire}, {proposition|euros}"], ["Reste {montant_verse}"]]);
    const result = planFill(workbook(rapport, template), { template: "Modèle" });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => [p.kind, p.cell, p.name])).toEqual([
      ["missing-value", "A1", "{beneficiaire}"],
      ["missing-value", "A2", "{montant_verse}"],
    ]);
    expect(!result.ok && result.problems[0].message).toMatch(/^Modèle!A1 : \{beneficiaire\} n'a pas de valeur/);
  });

  it("an unknown formatter, with the closest one", () => {
    const result = planFill(workbook(rapport, sheet("Modèle", [["{proposition|euro}"]])), { template: "Modèle" });
    expect(!result.ok && result.problems.map((p) => [p.kind, p.suggestion])).toEqual([["unknown-formatter", "euros"]]);
  });

  it("an unknown template, with the closest one", () => {
    const result = planFill(workbook(rapport), { template: "raport" });
    expect(!result.ok && result.problems.map((p) => [p.kind, p.suggestion])).toEqual([["unknown-template", "rapport"]]);
  });

  it("a line that does not exist", () => {
    const result = planFill(workbook(rapport), { template: "rapport", line: "C99-000X00" });
    expect(!result.ok && result.problems[0].message).toContain("Rapport!A2 (C05-043A06)");
  });
});

describe("values are data", () => {
  it.each(["=HYPERLINK(\"http://x\",\"clic\")", "+33 3 21 21 62 62", "@x", "-1+2"])("a beneficiary named %s lands as text", (name) => {
    const data = sheet("Données", [["Bénéficiaire", name]]);
    const cells = cellsOf(planFill(workbook(rapport, data, sheet("Modèle", [["{beneficiaire}"], ["À {beneficiaire|majuscules}."]])), { template: "Modèle" }));
    expect(cells).toEqual([
      { kind: "text", text: name },
      { kind: "text", text: `À ${name.toLocaleUpperCase("fr-FR")}.` },
    ]);
  });
});

describe("formatters", () => {
  const data = sheet("Données", [["Taux", { v: 0.37444, fmt: "0.00%" }], ["Date du vote", { v: 45187, fmt: "dd/mm/yyyy" }], ["Avance", 1234.5]]);
  it.each([
    // 9 380 € whole; 1 234,50 € with cents; a rate; a date (45187 is 18 September 2023).
    ["{proposition|euros}", "9\u202f380\u00a0€"],
    ["{avance|euros}", "1\u202f234,50\u00a0€"],
    ["{proposition|montant}", "9\u202f380,00"],
    ["{avance|entier}", "1\u202f235"],
    ["{taux|pct}", "37,44\u202f%"],
    ["{date_du_vote|date}", "18 septembre 2023"],
    ["{libelle|majuscules}", "ACTIONS EUROPÉENNES ET INTERNATIONALES"],
  ])("%s in a sentence → %s", (placeholder, shown) => {
    const [cell] = cellsOf(planFill(workbook(rapport, data, sheet("Modèle", [[`« ${placeholder} »`]])), { template: "Modèle" }));
    expect(cell).toEqual({ kind: "text", text: `« ${shown} »` });
  });

  it.each([
    ["{proposition|euros}", 9380, '#,##0\\ "€"'],
    ["{avance|euros}", 1234.5, '#,##0.00\\ "€"'],
    ["{proposition|montant}", 9380, "#,##0.00"],
    ["{taux|pct}", 0.37444, "0.00%"],
    ["{proposition}", 9380, "#,##0.00"],
  ])("a cell holding only %s is the number %d shown %s", (placeholder, value, numberFormat) => {
    const [cell] = cellsOf(planFill(workbook(rapport, data, sheet("Modèle", [[placeholder]])), { template: "Modèle" }));
    expect(cell).toEqual({ kind: "number", value, numberFormat });
  });
});

describe("which sheets are templates", () => {
  it("a name starting with Modèle, or a known field in braces; never Données nor a sheet with other braces", async () => {
    const { listTemplates } = await import("../../../src/core/fill");
    const wb = workbook(
      rapport,
      sheet("Modele courrier", [["Bonjour"]]),
      sheet("Lettre", [["Montant : {proposition|euros}"]]),
      sheet("Bloc", [["{début lignes}"], ["x"], ["{fin lignes}"]]),
      sheet("Notes", [["{à voir}", "JSON {\"a\": 1}"]]),
      sheet("Données", [["Bénéficiaire", "{beneficiaire}"]]),
    );
    expect(listTemplates(wb).filter((t) => !t.builtin).map((t) => [t.sheet, t.needsLine])).toEqual([
      ["Modele courrier", false],
      ["Lettre", true],
      ["Bloc", true],
    ]);
  });

  it("a formatter that does not apply to the value is a problem", () => {
    const result = planFill(workbook(rapport, sheet("Modèle", [["{libelle|lettres}"]])), { template: "Modèle" });
    expect(!result.ok && result.problems.map((p) => [p.kind, p.cell])).toEqual([["unknown-formatter", "A1"]]);
    expect(!result.ok && result.problems[0].message).toBe("Modèle!A1 : {libelle|lettres} : la mise en forme « lettres » ne s'applique pas à cette valeur.");
  });

  it("an unmatched block marker is a problem", () => {
    const result = planFill(workbook(rapport, sheet("Modèle", [["{début lignes}"], ["{lignes.code}"]])), { template: "Modèle" });
    expect(!result.ok && result.problems.map((p) => [p.kind, p.cell])).toEqual([["syntax", "A1"]]);
  });
});
