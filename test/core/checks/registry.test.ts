/**
 * Pointage's checkRuleFiles: every check file is registered and vice versa, ids are unique, match
 * their file names and the families of DOMAIN.md, are not retired, and every check has its tests.
 */
import * as fs from "fs";
import * as path from "path";
import { allChecks } from "../../../src/core/checks";
import { retiredCheckIds } from "../../../src/core/checks/retired";
import { placeholders } from "../../../src/core/messages";

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

test("the README lists every check with its severity, and no other", () => {
  const readme = fs.readFileSync(path.join(__dirname, "../../../README.md"), "utf8");
  const rows = [...readme.matchAll(/^\| ([A-Z]+(?:-[A-Z0-9]+)+) \| (error|warning|info) \|/gm)].map((m) => [m[1], m[2]]);
  expect(rows.sort()).toEqual(allChecks.map((c) => [c.id, c.severity]).sort());
});
