/**
 * Pointage's checkRuleFiles: every check file is registered and vice versa, ids are unique, match
 * their file names and the families of DOMAIN.md, are not retired, every check has its tests and
 * its help in both languages, and docs/regles.md and the README are what the checks say now.
 */
import * as fs from "fs";
import * as path from "path";
import { allChecks } from "../../../src/core/checks";
import { retiredCheckIds } from "../../../src/core/checks/retired";
import { placeholders } from "../../../src/core/messages";
import { renderRuleDocs } from "../../../scripts/build-rule-docs";

const checksDir = path.join(__dirname, "../../../src/core/checks");
const files = fs
  .readdirSync(checksDir)
  .filter((f) => f.endsWith(".ts") && !["index.ts", "types.ts", "retired.ts"].includes(f))
  .map((f) => f.replace(/\.ts$/, ""));

/** The catalogue of DOMAIN.md (RATIO-LIGNE is optional) plus NUM-ILLISIBLE, Pointage's own. */
const CATALOGUE = [
  "IMP-SOLDE", "IMP-DEPASSEMENT", "IMP-DISPO-CP", "IMP-CUMUL", "IMP-CHAINE", "DEL-CP", "XREF-DEPENSE",
  "XREF-IMPUTATION", "REP-TOTAL", "REP-SOUS-TOTAL", "REP-POURCENT", "REP-POURCENT-SOMME", "REP-ARRONDI",
  "REP-PLAGE", "CONV-TAUX", "CONV-PLAFOND", "CONV-PRORATA", "XREF-MONTANT", "NUM-TEXTE", "NUM-CENTIMES",
  "NUM-NEGATIF", "CELL-ERREUR", "FORMULE-FIGEE", "NUM-ILLISIBLE", "RATIO-LIGNE",
];

test("every file in src/core/checks is registered, and every registered check has its file", () => {
  expect(allChecks.map((c) => c.id.toLowerCase()).sort()).toEqual([...files].sort());
});

test("allChecks is sorted by id, ids are unique and not retired", () => {
  const ids = allChecks.map((c) => c.id);
  expect(ids).toEqual([...ids].sort());
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) expect(retiredCheckIds).not.toContain(id);
});

test("the catalogue of DOMAIN.md is covered", () => {
  expect(allChecks.map((c) => c.id).sort()).toEqual(expect.arrayContaining(CATALOGUE));
});

test.each(allChecks.map((c) => [c.id, c] as const))("%s: metadata, test file, messages", (id, check) => {
  expect(id).toMatch(/^[A-Z]+(-[A-Z0-9]+)+$/);
  expect(id.startsWith(`${check.family}-`)).toBe(true);
  expect(check.description).toMatch(/^[A-Z].*\.$/);
  expect(fs.existsSync(path.join(__dirname, `${id.toLowerCase()}.test.ts`))).toBe(true);
  for (const [messageId, m] of Object.entries(check.messages)) {
    expect(messageId).toMatch(/^[a-z][A-Za-z0-9]*$/);
    expect(placeholders(m.fr).sort()).toEqual(placeholders(m.en).sort());
  }
});

test("the README lists every check with its severity, and no other, each linked to its rule in docs/regles.md", () => {
  const readme = fs.readFileSync(path.join(__dirname, "../../../README.md"), "utf8");
  const rows = [...readme.matchAll(/^\| \[([A-Z]+(?:-[A-Z0-9]+)+)\]\(docs\/regles\.md#([a-z0-9-]+)\) \| (error|warning|info) \|/gm)];
  expect(rows.map((m) => [m[1], m[3]]).sort()).toEqual(allChecks.map((c) => [c.id, c.severity]).sort());
  for (const m of rows) expect(m[2]).toBe(m[1].toLowerCase());
  expect(readme).toContain("[docs/regles.md](docs/regles.md)");
});

const HELP_PARTS = ["checks", "why", "fix", "example"] as const;

test.each(allChecks.map((c) => [c.id, c] as const))("%s: help in French and English, four parts, each a sentence", (_id, check) => {
  for (const lang of ["fr", "en"] as const) {
    const help = check.help?.[lang];
    expect(help).toBeDefined();
    expect(Object.keys(help).sort()).toEqual([...HELP_PARTS].sort());
    for (const part of HELP_PARTS) {
      const text = help[part];
      expect(typeof text).toBe("string");
      expect(text.trim()).toBe(text);
      // Not empty, starts like a sentence, ends with a period (not `…`, `:` or nothing).
      expect(text).toMatch(/^[\p{Lu}\d«“"=#%(€−-].*[^.]\.$/su);
    }
  }
  // The help is not the other language's copy, and an example holds figures.
  expect(check.help.fr.checks).not.toBe(check.help.en.checks);
  expect(check.help.fr.example).toMatch(/\d/);
  expect(check.help.en.example).toMatch(/\d/);
});

test("docs/regles.md is what `npm run docs` would write now", () => {
  const file = path.join(__dirname, "../../../docs/regles.md");
  expect(fs.existsSync(file)).toBe(true);
  // Compared line by line so a stale page shows which rule moved; then byte for byte.
  const committed = fs.readFileSync(file, "utf8");
  const generated = renderRuleDocs();
  expect(committed.split("\n")).toEqual(generated.split("\n"));
  expect(committed).toBe(generated);
});

test("docs/regles.md: one section per rule and language, with its id, severity and the four parts", () => {
  const docs = renderRuleDocs();
  const french = docs.slice(0, docs.indexOf("## In English"));
  const english = docs.slice(docs.indexOf("## In English"));
  for (const check of allChecks) {
    for (const [lang, part] of [["fr", french], ["en", english]] as const) {
      const start = part.indexOf(`### ${check.id}\n`);
      expect(start).toBeGreaterThanOrEqual(0);
      const next = part.indexOf("\n### ", start + 1);
      const sectionText = part.slice(start, next < 0 ? undefined : next);
      for (const p of HELP_PARTS) expect(sectionText).toContain(check.help[lang][p]);
    }
  }
  expect(french).toContain("Gravité : **erreur**");
  expect(english).toContain("Severity: **warning**");
});
