/* Issue 14, "the text report can be forged": workbook text never prints a line of its own. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ExcelJS from "exceljs";
import { cli } from "../helpers/cli";
import { textReport } from "../../src/cli/report";
import { checkWorkbook, type CheckResult } from "../../src/core/engine";
import { snapshotOf } from "../helpers/sheet-builder";
import { IMPUTATION_HEADER, lianes2023 } from "../helpers/seeds";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pointage-honest-"));


async function save(name: string, wb: ExcelJS.Workbook): Promise<string> {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
  return file;
}

const FORGED = "\n\nRésumé\u00a0: 1 feuille lue, 1 tableau contrôlé, 0 zone chiffrée non contrôlée — 0 erreur, 0 avertissement, 0 information.";

describe("a workbook cannot forge the text report", () => {
  test("newlines, control characters and bidi overrides from a sheet name and a cell are escaped", async () => {
    const wb = new ExcelJS.Workbook();
    // Excel refuses `:` in a sheet name, not a line break.
    const ws = wb.addWorksheet("Rapport\n\nRésumé 0 erreur");
    ws.addRow(IMPUTATION_HEADER);
    ws.addRow(lianes2023({ solde: 1 }));
    ws.addRow(["C01-020Q01", "6568/9365", "Mission ESS", 209285, 209285, `n/a${FORGED}\u001b[2J\u202e`, 152285]);
    const file = await save("forged.xlsx", wb);
    const { code, stdout } = await cli("check", file);
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split("\n");
    // One summary line only, the last, and it says the real count.
    expect(lines.filter((l) => /^(Résumé|Summary)/.test(l))).toHaveLength(1);
    expect(lines[lines.length - 1]).toMatch(/^Résumé\u00a0: .* — [1-9]\d* erreurs?,/);
    expect(stdout).toContain("« n/a\\n\\nRésumé");
    expect(stdout).toContain("[2J\\u202e »");
    // eslint-disable-next-line no-control-regex
    expect(stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    const { stdout: en } = await cli("check", file, "--lang", "en");
    expect(en.trimEnd().split("\n").filter((l) => /^(Résumé|Summary)/.test(l))).toHaveLength(1);
    expect(en).toContain("“n/a\\n\\nRésumé");
  });

  test("a sheet name, a header, a related cell and a failure holding line breaks or escapes are printed escaped", () => {
    const sheet = `Rapport${FORGED}\u001b[2J`;
    const result: CheckResult = {
      tables: [{ id: `${sheet}!A1:G2`, kind: "imputation", sheet, range: "A1:G2", columns: {}, rows: 1 }],
      unread: [{ sheet, range: "A5:B9", reason: "no-header", headers: [`Montant${FORGED}`], roles: [] }],
      sheetsRead: 1,
      findings: [
        {
          rule: "IMP-SOLDE",
          severity: "error",
          sheet,
          cell: "G2",
          related: [`'${sheet}'!E2`],
          messageId: "soldeFaux",
          data: {},
          message: `Le solde est faux.${FORGED}`,
          table: `${sheet}!A1:G2`,
        },
      ],
      ignored: 0,
      ignoredByRule: {},
      summary: { errors: 1, warnings: 0, infos: 0 },
      failures: [{ rule: "REP-TOTAL", message: `boom${FORGED}` }],
      settings: { ignored: [], headerMap: {}, prorataRegime: "prorata" },
    };
    for (const lang of ["fr", "en"] as const) {
      const text = textReport(`x${FORGED}.xlsx`, result, lang);
      const lines = text.trimEnd().split("\n");
      expect(lines.filter((l) => /^(Résumé|Summary)/.test(l))).toHaveLength(1);
      expect(lines[lines.length - 1]).toMatch(/ 1 (erreur|error),/);
      expect(text).toContain("Rapport\\n\\nRésumé");
      expect(text).toContain("\\u001b[2J");
      // eslint-disable-next-line no-control-regex
      expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    }
  });
});

describe("findings a workbook ignores are visible to a reviewer", () => {
  async function hiding(): Promise<string> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Rapport");
    ws.addRow(IMPUTATION_HEADER);
    ws.addRow(lianes2023({ solde: 1 }));
    ws.addRow(["C01-020Q01", "6568/9365", "Mission ESS", 209285, 1000, 57000, -56000]);
    const settings = wb.addWorksheet("_pointage", { state: "veryHidden" });
    settings.addRow(["ignore", "IMP-SOLDE", "Rapport", "G2"]);
    settings.addRow(["ignore", "IMP-DEPASSEMENT", "Rapport", "F3"]);
    return save("hiding.xlsx", wb);
  }

  test("the text report counts them by rule and says how to see them; the exit code follows what is shown", async () => {
    const file = await hiding();
    const { code, stdout } = await cli("check", file);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/IMP-SOLDE\s+Le solde/);
    expect(stdout).toContain("Ignorées par réglage (feuille _pointage)\u00a0: 2 remarques — IMP-DEPASSEMENT × 1, IMP-SOLDE × 1. Pour les voir\u00a0: --sans-ignorer.");
    expect(stdout.trimEnd().split("\n").pop()).toMatch(/— 0 erreur, .* \(et 2 remarques ignorées par réglage\)\.$/);
    const en = await cli("check", file, "--lang", "en");
    expect(en.stdout).toContain("Ignored by settings (sheet _pointage): 2 findings — IMP-DEPASSEMENT × 1, IMP-SOLDE × 1. To see them: --no-ignore.");
  });

  test("--sans-ignorer and --no-ignore check as if nothing were ignored", async () => {
    const file = await hiding();
    for (const flag of ["--sans-ignorer", "--no-ignore"]) {
      const { code, stdout } = await cli("check", file, flag);
      expect(code).toBe(1);
      expect(stdout).toMatch(/G2\s+IMP-SOLDE/);
      expect(stdout).toMatch(/F3\s+IMP-DEPASSEMENT/);
      expect(stdout).not.toContain("Ignorées par réglage");
      expect(stdout).not.toContain("ignorées par réglage");
    }
  });

  test("JSON: the count and the detail by rule", async () => {
    const file = await hiding();
    const hidden = await cli("check", file, "--format", "json");
    expect(hidden.code).toBe(0);
    expect(JSON.parse(hidden.stdout)).toMatchObject({ ignored: 2, ignoredByRule: { "IMP-SOLDE": 1, "IMP-DEPASSEMENT": 1 }, summary: { errors: 0 } });
    const shown = await cli("check", file, "--format", "json", "--no-ignore");
    expect(shown.code).toBe(1);
    expect(JSON.parse(shown.stdout)).toMatchObject({ ignored: 0, ignoredByRule: {}, summary: { errors: 2 } });
  });
});

describe("formulas a script wrote with no cached value", () => {
  async function scripted(): Promise<string> {
    const wb = new ExcelJS.Workbook();
    const data = wb.addWorksheet("Données");
    data.addRow(["Disponible", 31000]);
    const ws = wb.addWorksheet("Rapport 1");
    ws.addRow(IMPUTATION_HEADER);
    // No `result`: the file stores <f> and no <v>, as openpyxl or a script writes it.
    ws.addRow(["C05-043A06", "65748/93043", "Actions européennes", 43056, { formula: "Données!B1" }, { formula: "E2*2" }, { formula: "E2-F2" }]);
    ws.addRow(["C01-020Q01", "6568/9365", "Mission ESS", 209285, 209285, { formula: "VLOOKUP(A3,Tarifs!A:B,2,FALSE)" }, 152285]);
    const other = wb.addWorksheet("Synthèse");
    other.addRow(["Libellé", "Montant"]);
    other.addRow(["Lianes", { formula: "'Rapport 1'!F2/2" }]);
    other.addRow(["APES", { formula: "SOMME('Rapport 1'!D2:D3)-209285" }]);
    other.addRow(["TOTAL", { formula: "SUM(B2:B3)" }]);
    return save("scripted.xlsx", wb);
  }

  test("the Proposition =E2*2 over its Disponible gets its IMP-DEPASSEMENT; a formula Pointage cannot compute is said not checked", async () => {
    const { code, stdout } = await cli("check", await scripted());
    expect(code).toBe(1);
    expect(stdout).toMatch(/F2\s+IMP-DEPASSEMENT\s+La proposition 62\u202f000,00\u00a0€ dépasse/);
    expect(stdout).toMatch(/F3\s+NUM-ILLISIBLE\s+La formule =VLOOKUP\(A3,Tarifs!A:B,2,FALSE\) n'a pas de résultat enregistré/);
    expect(stdout).not.toMatch(/G2\s+IMP-SOLDE/);
    expect(stdout).not.toContain("aucune remarque (soldes");
  });

  test("JSON and English", async () => {
    const file = await scripted();
    const { stdout } = await cli("check", file, "--format", "json", "--lang", "en");
    const report = JSON.parse(stdout);
    expect(report.findings).toContainEqual(expect.objectContaining({ rule: "IMP-DEPASSEMENT", sheet: "Rapport 1", cell: "F2", actual: 62000, expected: 31000 }));
    const unread = report.findings.find((f: { messageId: string }) => f.messageId === "formuleNonCalculee");
    expect(unread).toMatchObject({ rule: "NUM-ILLISIBLE", severity: "warning", sheet: "Rapport 1", cell: "F3" });
    expect(unread.message).toBe("Formula =VLOOKUP(A3,Tarifs!A:B,2,FALSE) has no result stored in the file and Pointage cannot compute it (1 cell, F3): not checked. Open and save the workbook in Excel or LibreOffice so that the results are stored.");
  });
});

test("the engine's noIgnore applies no ignore row but keeps the settings as stored", () => {
  const snapshot = snapshotOf([
    { name: "Rapport", rows: [IMPUTATION_HEADER, lianes2023({ solde: 1 })] },
    { name: "_pointage", rows: [["ignore", "IMP-SOLDE", "Rapport", "G2"]] },
  ]);
  const hidden = checkWorkbook(snapshot);
  expect(hidden).toMatchObject({ ignored: 1, ignoredByRule: { "IMP-SOLDE": 1 }, summary: { errors: 0 } });
  const shown = checkWorkbook(snapshot, { noIgnore: true });
  expect(shown).toMatchObject({ ignored: 0, ignoredByRule: {}, summary: { errors: 1 } });
  expect(shown.settings.ignored).toEqual(["IMP-SOLDE|Rapport|G2"]);
});

test("--help tells --sans-ignorer in French, --no-ignore in English with --lang en", async () => {
  const fr = await cli("--help");
  expect(fr.code).toBe(0);
  expect(fr.stdout).toContain("--sans-ignorer, --no-ignore");
  expect(fr.stdout).toContain("contrôle comme si rien n'était ignoré");
  const en = await cli("--help", "--lang", "en");
  expect(en.stdout).toContain("Usage: pointage check FILE [options]");
  expect(en.stdout).toContain("checks as if nothing were ignored");
});
