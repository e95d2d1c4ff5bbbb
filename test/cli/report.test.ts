/* The CLI's text and JSON reports on check results built by hand: what is said about ranges not checked. */
import { jsonReport, summaryLine, textReport } from "../../src/cli/report";
import type { CheckResult, TableSummary, UnreadSummary } from "../../src/core/engine";
import type { Finding } from "../../src/core/findings";

function result(patch: Partial<CheckResult> = {}): CheckResult {
  return {
    tables: [],
    unread: [],
    sheetsRead: 1,
    findings: [],
    ignored: 0,
    ignoredByRule: {},
    summary: { errors: 0, warnings: 0, infos: 0 },
    failures: [],
    settings: { ignored: [], headerMap: {}, prorataRegime: "prorata" },
    ...patch,
  };
}

const imputation: TableSummary = {
  id: "Rapport!A1:G2",
  kind: "imputation",
  sheet: "Rapport",
  range: "A1:G2",
  columns: { code: "A", cp: "D", disponible: "E", proposition: "F", solde: "G" },
  rows: 1,
};
const breakdown: TableSummary = { id: "Budget!A1:B5", kind: "repartition", sheet: "Budget", range: "A1:B5", columns: { libelle: "A", montant: "B" }, rows: 4 };
const liste: TableSummary = { id: "Devis!A1:D8", kind: "liste", sheet: "Devis", range: "A1:D8", columns: {}, rows: 7 };

const noHeader: UnreadSummary = { sheet: "Devis", range: "B3:F40", reason: "no-header", headers: ["Quantité livrée", "Qté"], roles: [] };
const partial: UnreadSummary = { sheet: "Rapport", range: "A10:C14", reason: "partial-header", headers: ["CP", "Disponible", "Écart constaté"], roles: ["cp", "disponible"] };
const idleBreakdown: UnreadSummary = { sheet: "Budget", range: "A1:B5", reason: "nothing-to-check", headers: ["Poste", "Montant"], roles: ["libelle", "montant"] };

const warning: Finding = {
  rule: "NUM-CENTIMES",
  severity: "warning",
  sheet: "Rapport",
  cell: "E2",
  related: [],
  messageId: "troisDecimales",
  data: {},
  message: "Le montant a plus de deux décimales.",
  table: imputation.id,
};

describe("unread ranges in the text report", () => {
  test("each is said in its sheet's section, with the headers seen and the --header to give", () => {
    const text = textReport("devis.xlsx", result({ tables: [liste], unread: [noHeader] }), "fr");
    const section = text.slice(text.indexOf("Feuille « Devis »"));
    expect(section).toContain(
      "  ⚠ Non contrôlé B3:F40\u00a0: des nombres sans en-tête reconnu (en-têtes vus : « Quantité livrée », « Qté »). Pour les faire contrôler : --header \"Quantité livrée=montant\".",
    );
  });

  test("one wording per reason, in French and in English", () => {
    const r = result({ tables: [imputation, breakdown], unread: [partial, idleBreakdown], sheetsRead: 2 });
    const fr = textReport("x.xlsx", r, "fr");
    expect(fr).toContain(
      "⚠ Non contrôlé A10:C14\u00a0: l'en-tête nomme cp, disponible mais pas assez pour un tableau (en-têtes vus : « CP », « Disponible », « Écart constaté »). Pour les faire contrôler : --header \"Écart constaté=montant\".",
    );
    expect(fr).toContain("⚠ Répartition budgétaire A1:B5 — non contrôlé\u00a0: tableau lu, mais ni total ni calcul entre colonnes à vérifier");
    const en = textReport("x.xlsx", r, "en");
    expect(en).toContain("⚠ Not checked A10:C14: the header names cp, disponible but not enough for a table (headers seen: “CP”, “Disponible”, “Écart constaté”). To have them checked: --header \"Écart constaté=montant\".");
    expect(en).toContain("⚠ Budget breakdown A1:B5 — not checked: table read, but no total nor arithmetic between columns to verify");
    const enNoHeader = textReport("x.xlsx", result({ unread: [noHeader] }), "en");
    expect(enNoHeader).toContain("⚠ Not checked B3:F40: numbers under no header Pointage knows (headers seen: “Quantité livrée”, “Qté”)");
    expect(enNoHeader).toContain("Sheet “Devis”");
  });

  test("a table with nothing to check never reads « aucune remarque »; a checked one says what was checked", () => {
    const text = textReport("x.xlsx", result({ tables: [imputation, breakdown, liste], unread: [idleBreakdown], sheetsRead: 3 }), "fr");
    expect(text).not.toMatch(/Répartition budgétaire A1:B5 — aucune remarque/);
    expect(text).toContain("Tableau d'imputation A1:G2 — aucune remarque (soldes et crédits contrôlés)");
    expect(text).toContain("Liste chiffrée A1:D8 — aucune remarque (totaux et calculs entre colonnes contrôlés)");
    // Said once, on the table's line, not again as a range of its own.
    expect(text.match(/A1:B5/g)).toHaveLength(1);
  });

  test("the closing line counts sheets read, tables checked and ranges not checked", () => {
    const r = result({
      tables: [imputation, breakdown, liste],
      unread: [noHeader, idleBreakdown],
      sheetsRead: 3,
      findings: [warning],
      summary: { errors: 0, warnings: 1, infos: 0 },
    });
    expect(summaryLine(r, "fr")).toBe(
      "Résumé\u00a0: 3 feuilles lues, 2 tableaux contrôlés, 2 zones chiffrées non contrôlées — 0 erreur, 1 avertissement, 0 information.",
    );
    expect(summaryLine(r, "en")).toBe("Summary: 3 sheets read, 2 tables checked, 2 numeric ranges not checked — 0 errors, 1 warning, 0 infos.");
    expect(textReport("x.xlsx", r, "fr").trim().split("\n").pop()).toBe(summaryLine(r, "fr"));
  });

  test("nothing checked at all does not look like an all-clear", () => {
    const r = result({ unread: [noHeader] });
    const text = textReport("devis.xlsx", r, "fr");
    expect(text).not.toMatch(/0 erreur/);
    expect(text.trim().split("\n").pop()).toBe("Résumé\u00a0: 1 feuille lue, 0 tableau contrôlé, 1 zone chiffrée non contrôlée — rien n'a été vérifié.");
    expect(text).toContain("Aucun tableau reconnu, mais 1 zone chiffrée n'a pas été contrôlée (détail ci-dessous).");
    expect(textReport("devis.xlsx", r, "en")).toContain("— nothing was checked.");
    // A breakdown that had nothing to check does not count as checked either.
    expect(summaryLine(result({ tables: [breakdown], unread: [idleBreakdown] }), "fr")).toMatch(/0 tableau contrôlé, 1 zone chiffrée non contrôlée — rien n'a été vérifié\.$/);
  });

  test("no table and no unread range: the explanation of what Pointage looks for stays", () => {
    const text = textReport("vide.xlsx", result(), "fr");
    expect(text).toContain("Aucun tableau reconnu. Pointage cherche des en-têtes comme");
    expect(text).not.toContain("Non contrôlé");
  });

  test("where every range was checked, no notice and the usual counts", () => {
    const text = textReport("x.xlsx", result({ tables: [imputation] }), "fr");
    expect(text).not.toContain("⚠");
    expect(text).toContain("Tableaux trouvés\u00a0: 1 (1 tableau d'imputation)");
    expect(text.trim().split("\n").pop()).toBe("Résumé\u00a0: 1 feuille lue, 1 tableau contrôlé, 0 zone chiffrée non contrôlée — 0 erreur, 0 avertissement, 0 information.");
  });

  test("headers are data: one line of text, control characters escaped, shell quoting in the suggestion", () => {
    const odd: UnreadSummary = { sheet: "S", range: "A1:B3", reason: "no-header", headers: ['Prix "net"\n\u001b[31m$HOME'], roles: [] };
    const text = textReport("x.xlsx", result({ unread: [odd] }), "fr");
    expect(text).not.toContain("\u001b");
    expect(text).toContain("(en-têtes vus : « Prix \"net\"\\n\\u001b[31m$HOME »)");
    expect(text).toContain('--header "Prix \\"net\\" [31m\\$HOME=montant"');
  });

  test("numbers with no header row at all: say to add one", () => {
    const bare: UnreadSummary = { sheet: "S", range: "A1:B3", reason: "no-header", headers: [], roles: [] };
    expect(textReport("x.xlsx", result({ unread: [bare] }), "fr")).toContain("Non contrôlé A1:B3\u00a0: des nombres sans ligne d'en-têtes au-dessus.");
  });

  test("a header the workbook's mapping already names is not suggested again", () => {
    const r = result({ unread: [{ ...noHeader, reason: "partial-header", roles: ["montant"] }], settings: { ignored: [], headerMap: { "Quantité livrée": "montant" }, prorataRegime: "prorata" } });
    expect(textReport("x.xlsx", r, "fr")).toContain('--header "Qté=cp"');
  });
});

describe("unread ranges in the JSON report", () => {
  test("unread and sheetsRead are given", () => {
    const json = jsonReport("x.xlsx", result({ tables: [imputation], unread: [noHeader, partial], sheetsRead: 2 })) as Record<string, unknown>;
    expect(json.sheetsRead).toBe(2);
    expect(json.unread).toEqual([
      { sheet: "Devis", range: "B3:F40", reason: "no-header", headers: ["Quantité livrée", "Qté"] },
      { sheet: "Rapport", range: "A10:C14", reason: "partial-header", headers: ["CP", "Disponible", "Écart constaté"] },
    ]);
  });

  test("an empty list when everything was checked", () => {
    expect(jsonReport("x.xlsx", result({ tables: [imputation] }))).toMatchObject({ unread: [], sheetsRead: 1 });
  });
});
