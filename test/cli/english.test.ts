/* Issue 12, English as good as French: with --lang en, every string the CLI prints is English, with English typography. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cli } from "../helpers/cli";
import { IMPUTATION_HEADER } from "../helpers/seeds";
import { xlsxBytes } from "../helpers/xlsx-builder";

const example = path.join(__dirname, "../../examples/dossier-commission-permanente.xlsx");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pointage-en-"));

/** French spacing before punctuation (a plain or no-break space before `:` `;` `!` `?`), and French quotes. */
const FRENCH_SPACING = /[ \u00a0\u202f][:;!?]|«|»/;
/** Words of the CLI's French catalogue, which an English report must never print. */
const FRENCH_WORDS = /(?<!\p{L})(feuilles?|cellules liées|correction proposée|erreurs?|avertissements?|informations|remarques?|aucune|tableaux?|contrôlée?s?|non affichée?s?|Résumé|zones? chiffrée|lues?|Ignorées|en-têtes?|Pour les|Copie contrôlée|introuvable|attendu|inattendue|commande)(?!\p{L})/iu;

/** The lines a French word or French spacing shows in (empty when the text is English throughout). */
function frenchLines(text: string): string[] {
  return text.split("\n").filter((l) => FRENCH_SPACING.test(l) || FRENCH_WORDS.test(l));
}

test("the detector sees the French report for what it is", async () => {
  const fr = (await cli("check", example, "--min-severity", "info")).stdout;
  expect(frenchLines(fr).length).toBeGreaterThan(20);
  expect(frenchLines("  Tableau d'imputation A1:G2 — aucune remarque (soldes et crédits contrôlés)")).toHaveLength(1);
  expect(frenchLines("Summary: 1 sheet read, 1 table checked")).toEqual([]);
});

test("English report of the bundled example, every finding listed: no French spacing, no French catalogue word", async () => {
  for (const minSeverity of ["info", "warning"]) {
    const { stdout } = await cli("check", example, "--lang", "en", "--min-severity", minSeverity);
    expect(stdout).toContain("related cells: ");
    expect(stdout).toContain("suggested fix: ");
    expect(frenchLines(stdout.replace(/“[^”]*”|'[^']*'![A-Z]+\d+|\([^)]*\d\)/g, "X"))).toEqual([]);
  }
  const hidden = (await cli("check", example, "--lang", "en")).stdout;
  expect(hidden).toContain("\n17 infos not shown: --min-severity info\n");
});

test("English report of a workbook with unread ranges and ignored findings", async () => {
  const figures = [[12, 7, 301], [45, 3, 18], [8, 90, 27], [66, 14, 5]];
  const settings = [["ignore", "IMP-SOLDE", "Rapport", "G2"]];
  const file = path.join(tmp, "unread.xlsx");
  fs.writeFileSync(
    file,
    await xlsxBytes([
      { name: "Rapport", rows: [IMPUTATION_HEADER, ["C05-043A06", "65748/93043", "Actions", 43056, 31000, 7000, 23000]] },
      { name: "Feuil1", rows: [["Truc", "Machin", "Chose"], ...figures] },
      { name: "Notes", rows: [[1, 2, 3], [4, 5, 6], [7, 8, 9]] },
      { name: "_pointage", rows: settings },
    ]),
  );
  const { stdout } = await cli("check", file, "--lang", "en", "--min-severity", "info");
  expect(stdout).toContain("Not checked");
  expect(stdout).toContain("Ignored by settings");
  expect(frenchLines(stdout.replace(/“[^”]*”|"[^"]*"/g, ""))).toEqual([]);
});

describe("stderr and help in English with --lang en", () => {
  test("usage errors", async () => {
    expect((await cli("check", example, "--lang", "en", "--format", "xml")).stderr).toBe('pointage: --format: "text" or "json", not "xml".\n');
    expect((await cli("check", example, "--lang", "en", "--min-severity", "fatal")).stderr).toBe('pointage: --min-severity: "error", "warning" or "info", not "fatal".\n');
    expect((await cli("check", example, "--lang", "en", "--header", "Montant=inconnu")).stderr).toMatch(/^pointage: --header "Montant=inconnu": expected "Header=role" with a role among /);
    const noCommand = await cli("check", "--lang", "en");
    expect(noCommand.stderr).toMatch(/^pointage: expected command: pointage check FILE\n\nPointage — checks the budget tables/);
    const unknown = await cli("check", example, "--lang", "en", "--bogus");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^pointage: unknown option --bogus\.\nPointage — checks the budget tables/);
    expect((await cli("check", example, "--bogus")).stderr).toMatch(/^pointage : option inconnue --bogus\.\nPointage — contrôle des tableaux/);
    expect((await cli("check", example, "--lang", "en", "--format")).stderr).toMatch(/^pointage: --format needs a value\.\n/);
    expect((await cli("check", example, "--format")).stderr).toMatch(/^pointage : --format attend une valeur\.\n/);
    for (const r of [noCommand, unknown]) expect(frenchLines(r.stderr)).toEqual([]);
  });

  test("file errors", async () => {
    const missing = await cli("check", path.join(tmp, "absent.xlsx"), "--lang", "en");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^pointage: absent\.xlsx: /);
    expect(frenchLines(missing.stderr)).toEqual([]);
    // French keeps its spacing.
    expect((await cli("check", path.join(tmp, "absent.xlsx"))).stderr).toMatch(/^pointage : absent\.xlsx : /);
  });

  test("--help --lang en: English, English typography", async () => {
    const help = (await cli("--help", "--lang", "en")).stdout;
    expect(help).toMatch(/^Pointage — checks the budget tables/);
    // The options' own names (--sans-ignorer) and the sheet names (“Contrôle”, _pointage) are kept as they are.
    expect(frenchLines(help.replace(/--sans-ignorer|“[^”]*”/g, ""))).toEqual([]);
  });
});
