import { checkWorkbook } from "../../src/core/engine";
import { headerRole } from "../../src/core/tables/headers";
import { totalKind } from "../../src/core/tables/rows";
import { normalizeLabel } from "../../src/core/text";
import { settingsFromRows, settingsToRows } from "../../src/core/settings";
import { apesBudget, lianesBudget } from "../helpers/budgets";
import { DEPENSE_HEADER, IMPUTATION_HEADER, IMPUTATION_HEADER_CYRILLIC, lianes2023, lianes2025 } from "../helpers/seeds";
import { sheet, snapshotOf, workbook, type CellSpec } from "../helpers/sheet-builder";

describe("header normalisation", () => {
  test.each([
    ["СР", "cp"],
    ["CP €", "cp"],
    ["CP€", "cp"],
    ["Montant alloué (€)", "montantalloue"],
    ["Libellé Opération", "libelleoperation"],
    ["%", "%"],
  ])("%s → %s", (raw, key) => expect(normalizeLabel(raw)).toBe(key));

  test.each([
    ["СР", "cp"],
    ["Crédits de paiement", "cp"],
    ["CP 2025", "cp"],
    ["Disponible", "disponible"],
    ["Montant TTC", "montant"],
    ["Montant en euros", "montant"],
    ["BP", "montant"],
    ["Budget", "montant"],
    ["Part", "pourcent"],
    ["Pourcentage", "pourcent"],
    ["Dépense €", "depense"],
    ["Intitulé de l'action", "libelle"],
    ["Code opé.", "code"],
    ["Dispo.", "disponible"],
    ["Mt proposé", "proposition"],
    ["Prop.", "proposition"],
    ["CP 2026 (€)", "cp"],
    ["Crédits de paiement votés", "cp"],
    ["Reste disponible", "solde"],
    ["SOLDE ", "solde"],
    ["Solde\naprès proposition", "solde"],
    ["Disponible avant proposition", "disponible"],
    ["Disponible après proposition", "solde"],
    ["N° opération", "code"],
    ["Libellé de l'opération", "libelle"],
    ["Imp. budgétaire", "imputation"],
    ["Nature / fonction", "imputation"],
    ["Montant proposé (en €)", "proposition"],
    ["Montant de la dépense", "depense"],
    ["Coût total", "montant"],
    ["pourcentageSubvention", "pourcent"],
    ["cout_total", "montant"],
    ["C.P.", "cp"],
  ])("%s is %s", (raw, role) => expect(headerRole(raw)).toBe(role));

  test.each(["Valeur", "Subventions d'exploitation", "Description", "AXES", "Coût unitaire", "Prix unitaire", "Quantité", "Taux d'intervention", "id_dep", "N°", "Thématique"])("%s names no role", (raw) => {
    expect(headerRole(raw)).toBeUndefined();
  });

  test("the user's header mapping wins", () => {
    expect(headerRole("Montant voté", { "montant vote": "cp" })).toBe("cp");
    expect(headerRole("Enveloppe restante", { "Enveloppe restante": "disponible" })).toBe("disponible");
  });
});

describe("total labels", () => {
  test.each([
    ["TOTAL", "grand"],
    ["Total général", "grand"],
    ["TOTAL DES DÉPENSES", "grand"],
    ["Total axe 1", "total"],
    ["Sous-total", "subtotal"],
    ["Sous total axes 1 à 3", "subtotal"],
    ["S/Total", "subtotal"],
    ["Axe 1:", undefined],
    ["Ingénierie de l'action", undefined],
    ["Totalement financé", undefined],
  ])("%s → %s", (label, kind) => expect(totalKind(label)).toBe(kind));
});

describe("finding tables", () => {
  test("several tables on one sheet, at any position, in workbook order", () => {
    const result = checkWorkbook(
      snapshotOf([
        { name: "Dossier", at: "B2", rows: [["Rapport"], IMPUTATION_HEADER, lianes2023(), [], DEPENSE_HEADER, ["C05-043A06", "65748//93043", "Actions", "43 056,00", "7 000,00"], [], ...apesBudget()] },
        { name: "Budget", at: "D7", rows: lianesBudget() },
      ]),
    );
    expect(result.tables.map((t) => [t.kind, t.sheet, t.range, t.rows])).toEqual([
      ["imputation", "Dossier", "B3:H4", 1],
      ["depense", "Dossier", "B6:F7", 1],
      ["repartition", "Dossier", "B9:D16", 7],
      ["repartition", "Budget", "D7:G16", 9],
    ]);
    expect(result.tables[0].columns).toEqual({ code: "B", imputation: "C", libelle: "D", cp: "E", disponible: "F", proposition: "G", solde: "H" });
  });

  test("a table ends at its TOTAL row even when another follows without an empty row", () => {
    const result = checkWorkbook(snapshotOf([{ name: "B", rows: [...apesBudget(), ...lianesBudget()] }]));
    expect(result.tables.map((t) => t.range)).toEqual(["A1:C8", "A9:D18"]);
    expect(result.summary.errors).toBe(0);
  });

  test("a header row of years is a header, not amounts", () => {
    const result = checkWorkbook(
      snapshotOf([{ name: "B", rows: [["Poste", "Montant"], ["", 2024], ["Animation", 1000], ["Frais", 500], ["TOTAL", 1500]] }]),
    );
    expect(result.tables[0].rows).toBe(3);
    expect(result.summary.errors).toBe(0);
  });

  test("a line of 1 950 € and 2 000 € is amounts, not years", () => {
    const result = checkWorkbook(
      snapshotOf([{ name: "B", rows: [["Poste", "Montant 2024", "Montant"], ["Animation", 1950, 2000], ["Frais", 50, 100], ["TOTAL", 2000, 2100]] }]),
    );
    expect(result.tables[0].rows).toBe(3);
    expect(result.summary.errors).toBe(0);
  });

  test("a data dictionary that names a Montant column is prose, not a breakdown", () => {
    const result = checkWorkbook(
      snapshotOf([{ name: "METADONNEES", rows: [["Champ", "Montant de la subvention (en €)"], ["Description", "Montant attribué par l'État"], ["Source", "Préfecture"]] }]),
    );
    expect(result.tables).toEqual([]);
    expect(result.findings).toEqual([]);
  });

  test("the 2021 finances table (years, % RH) is not mistaken for a budget", () => {
    const result = checkWorkbook(
      snapshotOf([{ name: "Bilan", rows: [["", 2017, 2018], ["Budget réalisé", "196 641 €", "232 136 €"], ["Subventions d'exploitation", "205 515 €", "193 543 €"], ["% RH sur Budget total", "81 %", "84 %"]] }]),
    );
    expect(result.tables).toEqual([]);
  });

  test("an Excel table (ListObject) bounds the table", () => {
    const snap = workbook(
      sheet("R", [IMPUTATION_HEADER_CYRILLIC, lianes2025(), ["Commentaire", "", "", "", "", "", ""]], "A1", { listObjects: [{ name: "Imputations", range: "A1:G2" }] }),
    );
    const result = checkWorkbook(snap);
    expect(result.tables).toEqual([expect.objectContaining({ kind: "imputation", range: "A1:G2", listObject: "Imputations", rows: 1 })]);
  });

  test("a header mapping stored in the workbook's _pointage sheet is used", () => {
    const rows = [["Opération", "Crédits votés", "Reste avant", "Montant proposé", "Reste après"], ["C05-043A06", 43056, 31000, 7000, 23000]];
    expect(checkWorkbook(snapshotOf([{ name: "R", rows }])).tables).toEqual([]);
    const settings = settingsToRows({
      ignored: [],
      prorataRegime: "prorata",
      headerMap: { Opération: "code", "Crédits votés": "cp", "Reste avant": "disponible", "Reste après": "solde" },
    });
    const result = checkWorkbook(snapshotOf([{ name: "R", rows }, { name: "_pointage", rows: settings }]));
    expect(result.tables.map((t) => t.kind)).toEqual(["imputation"]);
    expect(result.findings.filter((f) => f.rule === "IMP-SOLDE").map((f) => f.cell)).toEqual(["E2"]);
  });

  test("ignored findings are kept out and counted", () => {
    const rows = [IMPUTATION_HEADER, lianes2023({ solde: 23000 })];
    const settings = settingsToRows({ ignored: ["IMP-SOLDE|R|G2"], headerMap: {}, prorataRegime: "prorata" });
    const result = checkWorkbook(snapshotOf([{ name: "R", rows }, { name: "_pointage", rows: settings }]));
    expect(result.findings.some((f) => f.rule === "IMP-SOLDE")).toBe(false);
    expect(result.ignored).toBe(1);
    expect(settingsFromRows(settings).ignored).toEqual(["IMP-SOLDE|R|G2"]);
  });

  test("English messages with --lang en", () => {
    const result = checkWorkbook(snapshotOf([{ name: "R", rows: [IMPUTATION_HEADER, lianes2023({ solde: 23000 })] }]), { lang: "en" });
    expect(result.findings.find((f) => f.rule === "IMP-SOLDE")!.message).toBe(
      "Solde €23,000.00 does not equal Disponible − Proposition (€31,000.00 − €7,000.00): expected €24,000.00.",
    );
  });

  test("French messages by default, with narrow no-break spaces", () => {
    const result = checkWorkbook(snapshotOf([{ name: "R", rows: [IMPUTATION_HEADER, lianes2023({ solde: 23000 })] }]));
    expect(result.findings.find((f) => f.rule === "IMP-SOLDE")!.message).toBe(
      "Le solde 23\u202f000,00\u00a0€ n'est pas égal à Disponible − Proposition (31\u202f000,00\u00a0€ − 7\u202f000,00\u00a0€) : 24\u202f000,00\u00a0€ attendu.",
    );
  });
});

describe("the workbooks people really have (issue: tables found by words and by content)", () => {
  test("a séance whose first report heads its code column `Code opé.`: both reports are grouped, the over-commitment and the broken chain said", () => {
    // 2025: 10 000 available on C05-043A06; the first report proposes 9 380 (solde 620), the
    // second one 1 500 more on the same line and CP, starting again from 10 000.
    const result = checkWorkbook(
      snapshotOf([
        { name: "Rapport 1", rows: [["Code opé.", "Imputation", "Libellé", "CP 2025 (€)", "Dispo.", "Mt proposé", "Solde\naprès"], lianes2025()] },
        { name: "Rapport 2", rows: [IMPUTATION_HEADER_CYRILLIC, ["C05-043A06", "65748/93043", "Jumelage", 10000, 10000, 1500, 8500]] },
      ]),
    );
    expect(result.tables.map((t) => [t.kind, t.sheet])).toEqual([
      ["imputation", "Rapport 1"],
      ["imputation", "Rapport 2"],
    ]);
    const rules = result.findings.map((f) => `${f.rule}@${f.sheet}!${f.cell}`);
    expect(rules).toContain("IMP-CUMUL@Rapport 2!F2");
    expect(rules).toContain("IMP-CHAINE@Rapport 2!E2");
  });

  test("a breakdown (Excel table with a totals row) beside an imputation table, sharing the header row, one empty column between: two tables, the wrong % found", () => {
    const rows: CellSpec[][] = [
      ["Action", "Montant", "%", null, ...IMPUTATION_HEADER],
      ["Ateliers", "6 000,00", "63,97 %", null, ...lianes2025()],
      ["Formation", "3 380,00", "37,00 %"],
      ["Total", "9 380,00", "100,00 %"],
    ];
    const result = checkWorkbook({ sheets: [sheet("Dossier", rows, "A1", { listObjects: [{ name: "Budget", range: "A1:C4" }] })] });
    expect(result.tables.map((t) => [t.kind, t.range])).toEqual([
      ["repartition", "A1:C4"],
      ["imputation", "E1:K2"],
    ]);
    // 3 380 ÷ 9 380 = 36,03 %, not 37,00 %.
    expect(result.findings.filter((f) => f.rule === "REP-POURCENT").map((f) => f.cell)).toEqual(["C3"]);
  });

  test("a convention whose budget's TOTAL is wrong is not asked to match that wrong TOTAL", () => {
    const result = checkWorkbook(
      snapshotOf([
        { name: "Convention 2025", rows: [["Montant de la subvention", "9 380,00 €"]] },
        { name: "Budget", rows: [["Action", "Montant"], ["Ateliers", 6000], ["Formation", 3380], ["TOTAL", 9180]] },
      ]),
    );
    expect(result.findings.filter((f) => f.severity !== "info").map((f) => f.rule)).toEqual(["REP-TOTAL"]);
  });
});
