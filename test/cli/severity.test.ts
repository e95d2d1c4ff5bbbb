/* Issue 12, errors first: the text report lists errors, then warnings, then infos (position within each); `--min-severity`. */
import * as path from "path";
import { textReport } from "../../src/cli/report";
import type { CheckResult, TableSummary } from "../../src/core/engine";
import type { Finding, Severity } from "../../src/core/findings";
import { cli } from "../helpers/cli";

const example = path.join(__dirname, "../../examples/dossier-commission-permanente.xlsx");

const table: TableSummary = {
  id: "Rapport!A1:G9",
  kind: "imputation",
  sheet: "Rapport",
  range: "A1:G9",
  columns: { code: "A", cp: "D", disponible: "E", proposition: "F", solde: "G" },
  rows: 8,
};

function finding(severity: Severity, cell: string, rule: string): Finding {
  return { rule, severity, sheet: "Rapport", cell, related: [], messageId: "m", data: {}, message: `${rule} en ${cell}.`, table: table.id };
}

/** In the engine's order (by position): an info on row 2, a warning on row 3, an error on row 4, an info and an error on row 5. */
const findings = [finding("info", "D2", "NUM-TEXTE"), finding("warning", "E3", "IMP-CHAINE"), finding("error", "G4", "IMP-SOLDE"), finding("info", "D5", "NUM-TEXTE"), finding("error", "G5", "IMP-SOLDE")];

function result(list: Finding[] = findings): CheckResult {
  const count = (s: Severity) => list.filter((f) => f.severity === s).length;
  return {
    tables: [table],
    unread: [],
    sheetsRead: 1,
    findings: list,
    ignored: 0,
    ignoredByRule: {},
    summary: { errors: count("error"), warnings: count("warning"), infos: count("info") },
    failures: [],
    settings: { ignored: [], headerMap: {}, prorataRegime: "prorata" },
  };
}

/** The cells of the findings listed, in the order printed. */
const cellsListed = (text: string) => [...text.matchAll(/^ {4}[✖⚠ℹ] (\S+)/gm)].map((m) => m[1]);

describe("text report: errors first, then warnings, then infos", () => {
  test("within a table, by severity then position", () => {
    expect(cellsListed(textReport("x.xlsx", result(), "fr", { minSeverity: "info" }))).toEqual(["G4", "G5", "E3", "D2", "D5"]);
  });

  test("default: infos counted, not listed, and the report says how to see them", () => {
    const text = textReport("x.xlsx", result(), "fr");
    expect(cellsListed(text)).toEqual(["G4", "G5", "E3"]);
    expect(text).toContain("\n2 informations non affichées\u00a0: --min-severity info\n");
    // The summary counts every finding, listed or not.
    expect(text.trim().split("\n").pop()).toMatch(/— 2 erreurs, 1 avertissement, 2 informations\.$/);
    expect(textReport("x.xlsx", result(), "en")).toContain("\n2 infos not shown: --min-severity info\n");
  });

  test("--min-severity error: errors only; warnings and infos counted", () => {
    const text = textReport("x.xlsx", result(), "fr", { minSeverity: "error" });
    expect(cellsListed(text)).toEqual(["G4", "G5"]);
    expect(text).toContain("\n1 avertissement, 2 informations non affichés\u00a0: --min-severity info\n");
    const warningsOnly = textReport("x.xlsx", result([finding("warning", "E3", "IMP-CHAINE")]), "fr", { minSeverity: "error" });
    expect(warningsOnly).toContain("Tableau d'imputation A1:G9 — 1 avertissement non affiché\n");
    expect(warningsOnly).toContain("\n1 avertissement non affiché\u00a0: --min-severity warning\n");
  });

  test("nothing left out: no « non affichées » line; a table of infos only never reads « aucune remarque »", () => {
    expect(textReport("x.xlsx", result(), "fr", { minSeverity: "info" })).not.toContain("non affiché");
    const infos = textReport("x.xlsx", result([finding("info", "D2", "NUM-TEXTE")]), "fr");
    expect(infos).toContain("Tableau d'imputation A1:G9 — 1 information non affichée\n");
    expect(infos).not.toContain("aucune remarque");
    expect(textReport("x.xlsx", result([]), "fr")).not.toContain("non affiché");
  });
});

describe("pointage check --min-severity on the bundled example", () => {
  const listed = (stdout: string) => [...stdout.matchAll(/^ {4}([✖⚠ℹ])/gm)].map((m) => m[1]);
  const summary = (stdout: string) => stdout.trim().split("\n").pop();

  test("default (warning): 8 errors and 1 warning listed, the 17 infos counted and said", async () => {
    const { code, stdout } = await cli("check", example);
    expect(code).toBe(1);
    const marks = listed(stdout);
    expect(marks.filter((m) => m === "✖")).toHaveLength(8);
    expect(marks.filter((m) => m === "⚠")).toHaveLength(1);
    expect(marks).not.toContain("ℹ");
    expect(stdout).not.toContain("NUM-TEXTE");
    expect(stdout).toContain("\n17 informations non affichées\u00a0: --min-severity info\n");
    expect(summary(stdout)).toMatch(/— 8 erreurs, 1 avertissement, 17 informations\.$/);
    // In the table holding an error and a warning, the error comes first though it sits further down.
    const jumelage = stdout.slice(stdout.indexOf("Feuille « Rapport 2025 Jumelage »"));
    expect(jumelage.indexOf("IMP-CUMUL")).toBeLessThan(jumelage.indexOf("IMP-CHAINE"));
  });

  test("info lists everything, errors first in every table; error lists errors only", async () => {
    const all = await cli("check", example, "--min-severity", "info");
    expect(listed(all.stdout)).toHaveLength(26);
    expect(all.stdout).not.toContain("non affiché");
    for (const block of all.stdout.split(/\n {2}(?=\S)/)) {
      const ranks = listed(`\n${block}`).map((m) => "✖⚠ℹ".indexOf(m));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    }
    const errors = await cli("check", example, "--min-severity", "error");
    expect(listed(errors.stdout)).toEqual(Array(8).fill("✖"));
    expect(errors.stdout).toContain("\n1 avertissement, 17 informations non affichés\u00a0: --min-severity info\n");
    expect(summary(errors.stdout)).toBe(summary(all.stdout));
    expect(errors.code).toBe(1);
  });

  test("JSON gives every finding whatever --min-severity says", async () => {
    const plain = await cli("check", example, "--format", "json");
    const errorsOnly = await cli("check", example, "--format", "json", "--min-severity", "error");
    expect(errorsOnly.stdout).toBe(plain.stdout);
    expect(JSON.parse(plain.stdout).findings).toHaveLength(26);
  });

  test("a wrong value is a usage error", async () => {
    const r = await cli("check", example, "--min-severity", "fatal");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe('pointage : --min-severity : "error", "warning" ou "info", pas "fatal".\n');
  });

  test("--help tells the option, in French and in English", async () => {
    expect((await cli("--help")).stdout).toContain("--min-severity error|warning|info");
    expect((await cli("--help", "--lang", "en")).stdout).toMatch(/--min-severity error\|warning\|info\s+findings listed/);
  });
});
