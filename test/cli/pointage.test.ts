import { spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ExcelJS from "exceljs";
import JSZip from "jszip";
import * as XLSX from "@e965/xlsx";
import { cli } from "../helpers/cli";
import { IMPUTATION_HEADER, lianes2023 } from "../helpers/seeds";
import { xlsxBytes } from "../helpers/xlsx-builder";

const root = path.join(__dirname, "../..");
const example = path.join(root, "examples/dossier-commission-permanente.xlsx");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pointage-cli-"));


async function write(name: string, bytes: Uint8Array | Buffer | string): Promise<string> {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, bytes);
  return file;
}

describe("pointage check on the bundled example", () => {
  test("text report: grouped by sheet and table, exit 1 on errors", async () => {
    const { code, stdout, stderr } = await cli("check", example);
    expect(stderr).toBe("");
    expect(code).toBe(1);
    expect(stdout).toContain("Feuille « APES 2023 »");
    expect(stdout).toMatch(/G12\s+IMP-SOLDE\s+Le solde 151\u202f285,00\u00a0€ n'est pas égal/);
    expect(stdout).toMatch(/F4\s+IMP-CUMUL/);
    expect(stdout).toMatch(/B10\s+CONV-PRORATA\s+La subvention due 5\u202f616,48\u00a0€ devrait être 5\u202f616,47\u00a0€/);
    expect(stdout).toMatch(/C13\s+REP-PLAGE/);
    // The 2025 TOTAL is wrong and its rows add up to the convention's 9 380: REP-TOTAL alone says so.
    expect(stdout).toMatch(/C13\s+REP-TOTAL/);
    expect(stdout).not.toContain("XREF-MONTANT");
    expect(stdout.trim().split("\n").pop()).toMatch(/^Résumé\u00a0: \d+ feuilles lues, \d+ tableaux contrôlés, \d+ zones? chiffrées? non contrôlées? — 8 erreurs, 1 avertissement, \d+ informations\.$/);
  });

  test("json: only JSON on stdout, amounts in euros, rates as fractions", async () => {
    const { code, stdout } = await cli("check", example, "--format", "json");
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.file).toBe("dossier-commission-permanente.xlsx");
    expect(report.summary).toEqual({ errors: 8, warnings: 1, infos: expect.any(Number) });
    expect(report.sheetsRead).toBeGreaterThan(1);
    expect(Array.isArray(report.unread)).toBe(true);
    expect(report.tables).toContainEqual(expect.objectContaining({ kind: "imputation", sheet: "APES 2023", range: "A11:G12" }));
    const solde = report.findings.find((f: { rule: string }) => f.rule === "IMP-SOLDE");
    expect(solde).toMatchObject({ severity: "error", sheet: "APES 2023", cell: "G12", actual: 151285, expected: 152285, fix: { sheet: "APES 2023", cell: "G12", formula: "=E12-F12" } });
    expect(solde.related).toEqual(["'APES 2023'!E12", "'APES 2023'!F12"]);
    const prorata = report.findings.find((f: { rule: string; cell: string }) => f.rule === "CONV-PRORATA" && f.cell === "B10");
    expect(prorata).toMatchObject({ actual: 5616.48, expected: 5616.47 });
    const pourcent = report.findings.find((f: { rule: string }) => f.rule === "REP-POURCENT");
    expect(pourcent.actual).toBeCloseTo(0.1285, 10);
  });

  test("--lang en", async () => {
    const { stdout } = await cli("check", example, "--lang", "en");
    expect(stdout).toContain("Sheet “APES 2023”");
    expect(stdout).toContain("Solde €151,285.00 does not equal Disponible − Proposition");
    expect(stdout.trim().split("\n").pop()).toMatch(/^Summary: \d+ sheets read, \d+ tables checked, \d+ numeric ranges? not checked — 8 errors, 1 warning, \d+ infos\.$/);
  });

  test("--out writes a checked copy; the input is never modified", async () => {
    const hash = () => createHash("sha256").update(fs.readFileSync(example)).digest("hex");
    const before = hash();
    const out = path.join(tmp, "controle.xlsx");
    const { code } = await cli("check", example, "--out", out);
    expect(code).toBe(1);
    expect(hash()).toBe(before);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const controle = wb.getWorksheet("Contrôle")!;
    expect(controle).toBeDefined();
    expect(controle.rowCount).toBeGreaterThan(9);
    // G12 is coloured by a conditional format, over whatever fill the cell has.
    const formats = (wb.getWorksheet("APES 2023") as unknown as { conditionalFormattings: { ref: string }[] }).conditionalFormattings;
    expect(formats.some((f) => f.ref.split(" ").includes("G12"))).toBe(true);
    const same = await cli("check", example, "--out", example);
    expect(same.code).toBe(2);
    expect(hash()).toBe(before);
  });
});

/** An imputation line whose Solde is wrong (G2). */
const WRONG_SOLDE = ["C05-043A06", "65748/93043", "Actions européennes et internationales", 43056, 31000, 7000, 23000];

/** `--out` on a non-.xlsx input: the report, the line saying the copy is an .xlsx, a copy ExcelJS opens, the input untouched. */
async function expectXlsxCopy(file: string, outName: string, format: string) {
  const hash = () => createHash("sha256").update(fs.readFileSync(file)).digest("hex");
  const before = hash();
  const out = path.join(tmp, outName);
  const { code, stdout, stderr } = await cli("check", file, "--out", out);
  expect(stderr).toBe("");
  expect(code).toBe(1);
  expect(stdout).toMatch(/G2\s+IMP-SOLDE/);
  expect(stdout).toContain(`Copie contrôlée écrite : ${out} (classeur ${format} : copie écrite au format .xlsx)\n`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  expect(wb.worksheets.map((w) => w.name)).toEqual(["Rapport", "Contrôle"]);
  expect(wb.getWorksheet("Rapport")!.getCell("G2").value).toBe(23000);
  expect(hash()).toBe(before);
}

describe("pointage check on other workbooks", () => {
  test("an .ods is checked; --out on it writes an .xlsx copy and says so; an .ods SheetJS cannot convert gets the report, then exit 2", async () => {
    const cell = (v: string | number) =>
      typeof v === "number"
        ? `<table:table-cell office:value-type="float" office:value="${v}"><text:p>${v}</text:p></table:table-cell>`
        : `<table:table-cell office:value-type="string"><text:p>${v}</text:p></table:table-cell>`;
    const rows = [IMPUTATION_HEADER, WRONG_SOLDE]
      .map((r) => `<table:table-row>${r.map(cell).join("")}<table:table-cell table:number-columns-repeated="1017"/></table:table-row>`)
      .join("");
    const zip = new JSZip();
    zip.file("mimetype", "application/vnd.oasis.opendocument.spreadsheet", { compression: "STORE" });
    zip.file(
      "content.xml",
      `<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Rapport">${rows}</table:table></office:spreadsheet></office:body></office:document-content>`,
    );
    // Without the manifest and styles.xml (which LibreOffice always writes) SheetJS cannot convert it.
    const bare = await write("nu.ods", await zip.generateAsync({ type: "uint8array" }));
    const plain = await cli("check", bare, "--out", path.join(tmp, "nu.controle.xlsx"));
    expect(plain.code).toBe(2);
    expect(plain.stdout).toMatch(/G2\s+IMP-SOLDE/);
    expect(plain.stderr).toBe(
      "pointage : nu.ods : Pointage lit ce classeur mais ne sait pas en écrire une copie .xlsx ; enregistrez-le au format .xlsx (Fichier > Enregistrer sous…) pour obtenir la copie contrôlée.\n",
    );
    expect(fs.existsSync(path.join(tmp, "nu.controle.xlsx"))).toBe(false);
    zip.file("styles.xml", '<office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>');
    zip.file(
      "META-INF/manifest.xml",
      '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>',
    );
    const file = await write("budget.ods", await zip.generateAsync({ type: "uint8array" }));
    await expectXlsxCopy(file, "budget.controle.xlsx", ".ods");
  });

  test("an .xls is checked; --out on it writes an .xlsx copy ExcelJS opens, the input unchanged", async () => {
    const sheet = XLSX.utils.aoa_to_sheet([IMPUTATION_HEADER, WRONG_SOLDE]);
    const workbook = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(workbook, sheet, "Rapport");
    const file = await write("budget.xls", new Uint8Array(XLSX.write(workbook, { bookType: "xls", type: "array" }) as ArrayBuffer));
    const plain = await cli("check", file);
    expect(plain.stderr).toBe("");
    expect(plain.code).toBe(1);
    expect(plain.stdout).toMatch(/G2\s+IMP-SOLDE/);
    await expectXlsxCopy(file, "budget.xls.controle.xlsx", ".xls");
    const en = await cli("check", file, "--lang", "en", "--out", path.join(tmp, "budget-en.xlsx"));
    expect(en.stdout).toContain(`Checked copy written: ${path.join(tmp, "budget-en.xlsx")} (.xls workbook: copy written in .xlsx format)\n`);
  });

  test("--out never names the input, nor a link to it", async () => {
    const file = await write("seul.xlsx", fs.readFileSync(example));
    const link = path.join(tmp, "lien.xlsx");
    fs.symlinkSync(file, link);
    for (const out of [file, link]) {
      const r = await cli("check", file, "--out", out);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe("pointage : --out doit nommer un autre fichier : le classeur d'origine n'est jamais modifié.\n");
    }
    expect(fs.readFileSync(file)).toEqual(fs.readFileSync(example));
  });

  test("a right workbook exits 0", async () => {
    const file = await write("juste.xlsx", await xlsxBytes([{ name: "Rapport", rows: [IMPUTATION_HEADER, lianes2023({ solde: { v: 24000, f: "=E2-F2" } })] }]));
    const { code, stdout } = await cli("check", file);
    expect(code).toBe(0);
    expect(stdout).toContain("Tableau d'imputation A1:G2 — aucune remarque");
    expect(stdout).not.toContain("Non contrôlé");
    expect(stdout.trim().split("\n").pop()).toBe("Résumé\u00a0: 1 feuille lue, 1 tableau contrôlé, 0 zone chiffrée non contrôlée — 0 erreur, 0 avertissement, 0 information.");
  });

  test("numbers under headers no role matches: said, with the headers seen, never an all-clear", async () => {
    // Figures with no arithmetic between them (10 + 20 = 30 on every row would be a relation, and checked).
    const figures = [[12, 7, 301], [45, 3, 18], [8, 90, 27], [66, 14, 5], [23, 51, 42], [9, 38, 77]];
    const rows = [["Truc", "Machin", "Chose"], ...figures];
    const file = await write("truc.xlsx", await xlsxBytes([{ name: "Feuil1", rows }]));
    const { code, stdout } = await cli("check", file);
    expect(code).toBe(0);
    expect(stdout).toContain("Feuille « Feuil1 »");
    // The range may or may not take in the header row: A1:C7 or A2:C7.
    expect(stdout).toMatch(/ {2}⚠ Non contrôlé A[12]:C7\u00a0: des nombres sans en-tête reconnu \(en-têtes vus : « Truc », « Machin », « Chose »\)\. Pour les faire contrôler : --header "Truc=montant"\./);
    expect(stdout).not.toMatch(/0 erreur/);
    expect(stdout.trim().split("\n").pop()).toBe("Résumé\u00a0: 1 feuille lue, 0 tableau contrôlé, 1 zone chiffrée non contrôlée — rien n'a été vérifié.");
    const json = JSON.parse((await cli("check", file, "--format", "json")).stdout);
    expect(json.sheetsRead).toBe(1);
    expect(json.unread).toEqual([{ sheet: "Feuil1", range: expect.stringMatching(/^A[12]:C7$/), reason: "no-header", headers: ["Truc", "Machin", "Chose"] }]);
  });

  test("no table found: the report says what Pointage looks for", async () => {
    const file = await write("vide.xlsx", await xlsxBytes([{ name: "Notes", rows: [["Réunion du 18 septembre"]] }]));
    const { code, stdout } = await cli("check", file);
    expect(code).toBe(0);
    expect(stdout).toContain("Aucun tableau reconnu");
  });

  test("--header maps a user's own headers", async () => {
    const rows = [["Opération", "Crédits votés", "Reste avant", "Proposition", "Reste après"], ["C05-043A06", 43056, 31000, 7000, 23000]];
    const file = await write("entetes.xlsx", await xlsxBytes([{ name: "R", rows }]));
    expect((await cli("check", file)).code).toBe(0);
    const mapped = await cli("check", file, "--header", "Crédits votés=cp", "--header", "Reste avant=disponible", "--header", "Reste après=solde", "--format", "json");
    expect(mapped.code).toBe(1);
    expect(JSON.parse(mapped.stdout).findings.map((f: { rule: string }) => f.rule)).toContain("IMP-SOLDE");
  });
});

describe("unusable input: exit 2, one French line, never a stack trace", () => {
  const expectOneLine = (r: { code: number; stdout: string; stderr: string }, pattern: RegExp) => {
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  };

  test("empty file", async () => {
    expectOneLine(await cli("check", await write("vide.xlsx", "")), /vide\.xlsx.*vide/);
  });
  test("a Word document renamed .xlsx", async () => {
    const zip = new JSZip();
    zip.file("[Content_Types].xml", "<Types/>");
    zip.file("word/document.xml", "<w:document/>");
    const file = await write("rapport.xlsx", await zip.generateAsync({ type: "uint8array" }));
    expectOneLine(await cli("check", file), /rapport\.xlsx.*Word/);
  });
  test("a truncated .xlsx", async () => {
    const bytes = fs.readFileSync(example);
    expectOneLine(await cli("check", await write("tronque.xlsx", bytes.subarray(0, Math.floor(bytes.length / 2)))), /tronque\.xlsx/);
  });
  test("a missing file", async () => {
    expectOneLine(await cli("check", path.join(tmp, "absent.xlsx")), /absent\.xlsx : fichier introuvable/);
  });
  test("a folder with no workbook (a folder is a séance: test/cli/seance.test.ts)", async () => {
    expectOneLine(await cli("check", fs.mkdtempSync(path.join(tmp, "vide-"))), /aucun classeur/);
  });
  test("usage errors", async () => {
    expect((await cli("check")).code).toBe(2);
    expect((await cli("check", example, "--format", "xml")).code).toBe(2);
    expect((await cli("check", example, "--header", "Montant=inconnu")).code).toBe(2);
    expect((await cli("--help")).code).toBe(0);
  });
});

test("the installed command: bin/pointage.js runs the compiled CLI", () => {
  const lib = path.join(root, "lib/cli/launch.js");
  if (!fs.existsSync(lib)) throw new Error("lib/ is missing: `npm ci` builds it through the prepare script");
  const run = spawnSync(process.execPath, [path.join(root, "bin/pointage.js"), "check", example, "--format", "json"], { encoding: "utf8" });
  expect(run.status).toBe(1);
  expect(JSON.parse(run.stdout).summary.errors).toBe(8);
  const demo = spawnSync(process.execPath, [path.join(root, "scripts/demo.js")], { encoding: "utf8", cwd: root });
  expect(demo.status).toBe(0);
  expect(demo.stdout).toContain("Démo terminée");
});
