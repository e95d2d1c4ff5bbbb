/**
 * `pointage fill` and `pointage templates` end to end, on files in a temp folder: the filled copy
 * re-checked by `pointage check`, the input untouched, problems listed with sheet and cell (exit
 * 2), a beneficiary that looks like a formula written as text, `--out` never the input.
 */
import { createHash } from "crypto";
import * as XLSX from "@e965/xlsx";
import * as ExcelJS from "exceljs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cli } from "../helpers/cli";
import { IMPUTATION_HEADER_CYRILLIC, lianes2025 } from "../helpers/seeds";
import { xlsxBytes } from "../helpers/xlsx-builder";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pointage-fill-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const sha = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

async function write(name: string, sheets: Parameters<typeof xlsxBytes>[0]): Promise<string> {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, await xlsxBytes(sheets));
  return file;
}

const RAPPORT = { name: "Rapport", rows: [IMPUTATION_HEADER_CYRILLIC, lianes2025()] };

describe("pointage fill", () => {
  it("fills the Rapport built-in into a copy that pointage check passes; the input is untouched", async () => {
    const input = await write("dossier.xlsx", [RAPPORT]);
    const before = sha(input);
    const out = path.join(tmp, "rempli.xlsx");
    const r = await cli("fill", input, "--template", "rapport", "--line", "C05-043A06", "--out", out);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toContain("Feuille « Rapport C05-043A06 » remplie");
    expect(sha(input)).toBe(before);
    const check = await cli("check", out, "--min-severity", "warning");
    expect(check.code).toBe(0);
    expect(check.stdout).not.toMatch(/IMP-|XREF-|REP-/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Rapport", "Rapport C05-043A06"]);
  });

  it("exits 2 with each problem naming the template's sheet and cell; nothing is written", async () => {
    const input = await write("modele.xlsx", [RAPPORT, { name: "Modèle Rapport", rows: [[], [], [], [], [], [], ["", "{beneficiare}"]] }]);
    const out = path.join(tmp, "jamais.xlsx");
    const r = await cli("fill", input, "--template", "Modèle Rapport", "--out", out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Modèle Rapport!B7 : {beneficiare} inconnu — vouliez-vous dire {beneficiaire} ?");
    expect(fs.existsSync(out)).toBe(false);
    const en = await cli("fill", input, "--template", "Modèle Rapport", "--out", out, "--lang", "en");
    expect(en.code).toBe(2);
    expect(en.stderr).toContain("Modèle Rapport!B7: {beneficiare} unknown — did you mean {beneficiaire}?");
  });

  it("a missing value is a problem, not a blank", async () => {
    const input = await write("manque.xlsx", [RAPPORT, { name: "Modèle", rows: [["Pour {beneficiaire}"]] }]);
    const r = await cli("fill", input, "--template", "Modèle", "--out", path.join(tmp, "manque-out.xlsx"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Modèle!A1 : {beneficiaire} n'a pas de valeur");
  });

  it("a beneficiary named =HYPERLINK(…) lands as text in the file", async () => {
    const name = '=HYPERLINK("http://exemple.invalid","clic")';
    const input = await write("injection.xlsx", [RAPPORT, { name: "Données", rows: [["Bénéficiaire", name], ["Téléphone", "+33 3 21 21 62 62"]] }, { name: "Modèle Lettre", rows: [["{beneficiaire}"], ["{telephone}"]] }]);
    const out = path.join(tmp, "injection-out.xlsx");
    const r = await cli("fill", input, "--template", "Modèle Lettre", "--out", out);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("Lettre")!;
    expect(ws.getCell("A1").value).toBe(name);
    expect(ws.getCell("A1").type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell("A2").value).toBe("+33 3 21 21 62 62");
  });

  it("refuses --out on the input", async () => {
    const input = await write("meme.xlsx", [RAPPORT]);
    const before = sha(input);
    const r = await cli("fill", input, "--template", "rapport", "--out", input);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^pointage : /);
    expect(sha(input)).toBe(before);
  });

  it("needs --template and --out", async () => {
    const input = await write("usage.xlsx", [RAPPORT]);
    expect((await cli("fill", input, "--out", path.join(tmp, "x.xlsx"))).code).toBe(2);
    expect((await cli("fill", input, "--template", "rapport")).code).toBe(2);
  });
});

describe("a workbook check reads but fill does not write (.xls, .ods)", () => {
  it.each(["xls", "ods"] as const)("%s: says templates are filled in .xlsx only, in French and English; exit 2, nothing written", async (bookType) => {
    // Written by SheetJS, not by Pointage: the same Rapport line `pointage check` reads.
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([IMPUTATION_HEADER_CYRILLIC, lianes2025()]), "Rapport");
    const input = path.join(tmp, `rapport.${bookType}`);
    fs.writeFileSync(input, XLSX.write(wb, { type: "buffer", bookType }));
    expect((await cli("check", input)).code).toBe(0);
    const out = path.join(tmp, `rempli-${bookType}.xlsx`);
    const fr = await cli("fill", input, "--template", "rapport", "--line", "C05-043A06", "--out", out);
    expect(fr).toMatchObject({ code: 2, stdout: "" });
    // French typography's no-break spaces (before « : » and « ; ») read as spaces here.
    expect(fr.stderr.replace(/[\u00a0\u202f]/g, " ")).toBe(`pointage : rapport.${bookType} : Pointage contrôle ce classeur mais ne remplit les modèles que dans un classeur .xlsx ou .xlsm ; enregistrez-le au format .xlsx (Fichier > Enregistrer sous…), puis remplissez la copie.\n`);
    const en = await cli("fill", input, "--template", "rapport", "--line", "C05-043A06", "--out", out, "--lang", "en");
    expect(en.stderr).toBe(`pointage: rapport.${bookType}: Pointage checks this workbook but fills templates only in an .xlsx or .xlsm workbook; save it as .xlsx (File > Save As…), then fill the copy.\n`);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe("on the bundled example", () => {
  it("examples/dossier-commission-permanente.xlsx: a filled report adds no finding to its check; missing data said", async () => {
    const input = path.join(__dirname, "../../examples/dossier-commission-permanente.xlsx");
    const before = await cli("check", input, "--format", "json");
    const out = path.join(tmp, "exemple-rapport.xlsx");
    const r = await cli("fill", input, "--template", "rapport", "--line", "Rapport 2025 Lianes!A2", "--out", out);
    expect(r.code).toBe(0);
    const after = await cli("check", out, "--format", "json");
    const key = (f: { rule: string; sheet: string; cell: string }) => `${f.rule} ${f.sheet}!${f.cell}`;
    expect(JSON.parse(after.stdout).findings.map(key)).toEqual(JSON.parse(before.stdout).findings.map(key));
    // Several lines share C05-043A06 there (2023, 2025, a jumelage line): the code alone is ambiguous, and said so.
    const ambiguous = await cli("fill", input, "--template", "rapport", "--line", "C05-043A06", "--out", out);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain("Plusieurs lignes portent le code « C05-043A06 »");
    expect((await cli("fill", input, "--template", "synthese", "--out", path.join(tmp, "exemple-synthese.xlsx"))).code).toBe(0);
    // The example has no Données sheet: the deliberation's beneficiary and year are missing, not blank.
    const deliberation = await cli("fill", input, "--template", "deliberation", "--line", "Délibération 2023!A4", "--out", path.join(tmp, "exemple-d.xlsx"));
    expect(deliberation.code).toBe(2);
    expect(deliberation.stderr).toContain("Délibération – articles 1 et 3!A2 : {beneficiaire} n'a pas de valeur");
  });
});

describe("pointage templates", () => {
  it("lists the built-ins without a file", async () => {
    const r = await cli("templates");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("rapport");
    expect(r.stdout).toContain("Rapport – imputation budgétaire");
  });

  it("lists the workbook's templates and lines with a file", async () => {
    const input = await write("liste.xlsx", [RAPPORT, { name: "Modèle Courrier", rows: [["{proposition|euros}"]] }]);
    const r = await cli("templates", input);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Modèle Courrier");
    expect(r.stdout).toContain("Rapport!A2");
    expect(r.stdout).toContain("C05-043A06");
  });
});
