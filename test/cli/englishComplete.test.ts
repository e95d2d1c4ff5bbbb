/*
 * Issue 12, English as good as French: with --lang en the CLI's every output (report, help,
 * stderr, before and while options are parsed) has English typography, and no catalogue entry
 * is left untranslated (a check's messages and help, the unusable-file messages).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { allChecks } from "../../src/core/checks";
import { unusableMessage, type UnusableFileCode } from "../../src/file/errors";
import { LETTRES_HELP_EN, LETTRES_HELP_FR } from "../../src/cli/lettres";
import { cli } from "../helpers/cli";

const example = path.join(__dirname, "../../examples/dossier-commission-permanente.xlsx");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pointage-en-complete-"));

/** A space, no-break or narrow no-break space before `:` `;` `!` `?`, or a French quotation mark. */
const FRENCH_TYPOGRAPHY = /[ \u00a0\u202f][:;!?]|[«»]/;

/** The lines of a text with French typography (empty when there is none). */
function frenchTypography(text: string): string[] {
  return text.split("\n").filter((l) => FRENCH_TYPOGRAPHY.test(l));
}

test("the detector catches French typography and lets English through", () => {
  expect(frenchTypography("cellules liées : B2\nok: fine\n« Contrôle »\nQuoi ?\nA\u202f!")).toEqual(["cellules liées : B2", "« Contrôle »", "Quoi ?", "A\u202f!"]);
  expect(frenchTypography('Summary: 1 sheet read; "Contrôle" sheet written. Done!')).toEqual([]);
});

test("the demo workbook's report in English, every finding listed, text and JSON", async () => {
  for (const args of [["--min-severity", "info"], [], ["--format", "json"]]) {
    const run = await cli("check", example, "--lang", "en", ...args);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    expect(frenchTypography(run.stdout)).toEqual([]);
  }
  const out = path.join(tmp, "checked.xlsx");
  const withCopy = await cli("check", example, "--lang", "en", "--out", out);
  expect(withCopy.stdout).toContain(`Checked copy written: ${out}`);
  expect(frenchTypography(withCopy.stdout)).toEqual([]);
});

test("help and error lines in English, also when the error comes before or while options are parsed", async () => {
  const notSpreadsheet = path.join(tmp, "notes.xlsx");
  fs.writeFileSync(notSpreadsheet, "just some text, not a workbook\n");
  const runs = [
    ["--help", "--lang", "en"],
    ["--lang", "en", "--help"],
    ["--lang=en", "-h"],
    ["--lang", "en", "--bogus"],
    ["--lang", "en", "check", example, "--format"],
    ["--lang", "en", "check", example, "--format", "xml"],
    ["--lang", "en", "check", example, "--min-severity", "all"],
    ["--lang", "en", "check", example, "--header", "nonsense"],
    ["--lang", "en", "check"],
    ["--lang", "en", "frobnicate"],
    ["--lang", "en", "check", path.join(tmp, "missing.xlsx")],
    ["--lang", "en", "check", notSpreadsheet],
    ["--lang", "en", "check", example, "--out", path.join(tmp, "no-such-folder", "x.xlsx")],
    ["--lang", "en", "check", example, "--out", example],
    ["--lang", "en", "lettres", "douze", "1,000", "1.2345"],
    ["--lang", "en", "lettres", "--nombre", "2,5"],
    ["--lang", "en", "lettres", "--orthographe", "moderne", "5"],
    ["--lang", "en", "lettres", "--help"],
    ["--lang", "en", "lettres"],
  ];
  for (const args of runs) {
    const { stdout, stderr } = await cli(...args);
    expect({ args, lines: frenchTypography(stdout + stderr) }).toEqual({ args, lines: [] });
    // Error lines start "pointage:" (or "pointage lettres:"), never the French "pointage :".
    expect({ args, stderr }).not.toEqual({ args, stderr: expect.stringMatching(/^pointage( lettres)? :/m) });
    if (stderr) expect({ args, stderr }).toEqual({ args, stderr: expect.stringMatching(/^pointage( lettres)?: /) });
  }
});

describe("the catalogues: every entry has an English text of its own", () => {
  const entries: [string, string, string][] = [];
  for (const check of allChecks) {
    for (const [id, m] of Object.entries(check.messages)) entries.push([`${check.id} ${id}`, m.fr, m.en]);
    for (const key of Object.keys(check.help.fr) as (keyof typeof check.help.fr)[]) entries.push([`${check.id} help.${key}`, check.help.fr[key], check.help.en[key]]);
  }
  const codes: UnusableFileCode[] = ["empty", "corrupt", "password", "xls", "ods", "xlsb", "no-copy", "no-fill", "too-large", "docx", "pptx", "pdf", "text", "unsupported", "not-spreadsheet"];
  for (const code of codes) entries.push([`unusable ${code}`, unusableMessage(code, "budget.xlsx", "fr"), unusableMessage(code, "budget.xlsx", "en")]);
  entries.push(["lettres help", LETTRES_HELP_FR, LETTRES_HELP_EN]);

  it("walks every check", () => {
    expect(allChecks.length).toBeGreaterThan(20);
    expect(entries.length).toBeGreaterThan(150);
  });

  it.each(entries)("%s", (_name, fr, en) => {
    expect(typeof en).toBe("string");
    expect(en.trim()).not.toBe("");
    expect(en).not.toBe(fr);
    expect(frenchTypography(en)).toEqual([]);
  });

  it("translates the domain words English has (repayment, funding rate, subsidy), glossing the French term at most", () => {
    // Placeholders ({{subvention}}) are names in the code, and “Montant de la subvention” quotes a workbook's label.
    const english = entries.map(([, , en]) => en.replace(/\{\{[^}]*\}\}|“[^”]*”/g, "X")).join("\n");
    // A French domain word may appear only in a gloss, right after its translation: "repayment (reversement)".
    for (const word of ["reversement", "subvention", "taux d'intervention", "coût total", "réalisé", "plafond"]) {
      for (const m of english.matchAll(new RegExp(`.{0,30}\\b${word}\\b`, "gi"))) expect(m[0]).toMatch(new RegExp(`\\(${word}\\)?$|\\(${word}`, "i"));
    }
  });
});
