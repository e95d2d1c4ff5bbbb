/**
 * A whole séance at once: `pointage check DOSSIER` on 50 Commission Permanente reports written
 * here with ExcelJS (nothing from src/ builds them), one over-commitment spread over two files,
 * one file that cannot be read. The figures are set by hand below: CP 10 000 € on operation
 * C05-043A06, 6 000 € proposed in one report and 5 000 € in another, 1 000 € too much together,
 * while each report alone fits.
 *
 * POINTAGE_SEANCE_DIR=/some/folder keeps the generated folder there (to time the built CLI on it).
 */
import * as ExcelJS from "exceljs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cli } from "../helpers/cli";

const HEADER = ["Code Opération", "Imputation Budgétaire", "Libellé Opération", "CP", "Disponible", "Proposition", "Solde"];
const MONEY = '#,##0.00\\ "€"';
const SHARED_CODE = "C05-043A06";
/** The two reports that share the operation (1-based numbers of the files). */
const FIRST = 17;
const SECOND = 33;

type Line = [code: string, imputation: string, label: string, cp: number, disponible: number, proposition: number];

/** The lines of report n: its own operations, and the shared one in reports FIRST and SECOND. */
function linesOf(n: number): Line[] {
  const own: Line[] = [];
  const count = 1 + (n % 3);
  for (let k = 0; k < count; k++) {
    const cp = 20_000 + 1_000 * n + 100 * k;
    own.push([`C${String(n).padStart(2, "0")}-${100 + k}B0${k}`, "6574//93048", `Subvention ${n}.${k}`, cp, cp, 1_000 + 10 * n + k]);
  }
  // Each report saw the whole 10 000 € available: alone, each fits.
  if (n === FIRST) own.push([SHARED_CODE, "65748//93043", "Actions européennes et internationales", 10_000, 10_000, 6_000]);
  if (n === SECOND) own.push([SHARED_CODE, "65748//93043", "Actions européennes et internationales", 10_000, 10_000, 5_000]);
  return own;
}

/** Report n as an .xlsx: a title, the imputation table with its Solde formulas (and their results). */
async function reportFile(n: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  // Every file names its sheet « Rapport »: the séance must tell them apart by file.
  const ws = wb.addWorksheet("Rapport");
  ws.getCell("A1").value = `Commission Permanente — rapport n° ${n}`;
  HEADER.forEach((h, j) => (ws.getCell(3, j + 1).value = h));
  linesOf(n).forEach(([code, imputation, label, cp, disponible, proposition], i) => {
    const r = 4 + i;
    ws.getCell(r, 1).value = code;
    ws.getCell(r, 2).value = imputation;
    ws.getCell(r, 3).value = label;
    ws.getCell(r, 4).value = cp;
    ws.getCell(r, 5).value = disponible;
    ws.getCell(r, 6).value = proposition;
    ws.getCell(r, 7).value = { formula: `E${r}-F${r}`, result: disponible - proposition };
    for (let c = 4; c <= 7; c++) ws.getCell(r, c).numFmt = MONEY;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const name = (n: number) => `rapport-${String(n).padStart(2, "0")}.xlsx`;
/** The row of the shared operation in report n: after its own lines (header on row 3). */
const sharedRow = (n: number) => 4 + linesOf(n).length - 1;

let dir: string;

beforeAll(async () => {
  const kept = process.env.POINTAGE_SEANCE_DIR;
  dir = kept ?? fs.mkdtempSync(path.join(os.tmpdir(), "pointage-seance-"));
  fs.mkdirSync(dir, { recursive: true });
  for (let n = 1; n <= 50; n++) fs.writeFileSync(path.join(dir, name(n)), await reportFile(n));
  // A report cut short in transit: its zip is truncated.
  const whole = await reportFile(51);
  fs.writeFileSync(path.join(dir, "rapport-51-tronque.xlsx"), whole.subarray(0, Math.floor(whole.length / 2)));
  // What a folder of reports also holds: an Office lock file, a hidden file, notes, a subfolder.
  fs.writeFileSync(path.join(dir, `~$${name(3)}`), Buffer.from("verrou"));
  fs.writeFileSync(path.join(dir, ".cache.xlsx"), Buffer.from("cache"));
  fs.writeFileSync(path.join(dir, "notes.txt"), "ordre du jour");
  fs.mkdirSync(path.join(dir, "archives"), { recursive: true });
  fs.writeFileSync(path.join(dir, "archives", "ancien.xlsx"), whole.subarray(0, 10));
}, 60_000);

afterAll(() => {
  if (!process.env.POINTAGE_SEANCE_DIR) fs.rmSync(dir, { recursive: true, force: true });
});

interface JsonReport {
  file: string;
  files: { file: string; sheetsRead: number; error?: string }[];
  skipped?: string[];
  sheetsRead: number;
  tables: { sheet: string }[];
  findings: { rule: string; sheet: string; cell: string; related: string[]; message: string; severity: string }[];
  summary: { errors: number };
}

describe("pointage check DOSSIER: a séance", () => {
  test("the over-commitment spread over two files is found, naming both; the truncated file is listed, the others checked", async () => {
    const { code, stdout, stderr } = await cli("check", dir, "--format", "json");
    expect(stderr).toBe("");
    const report = JSON.parse(stdout) as JsonReport;
    // 50 reports and the truncated one, in name order; the lock file, the hidden file, notes and the subfolder are not.
    expect(report.files.map((f) => f.file)).toEqual([...Array.from({ length: 50 }, (_, i) => name(i + 1)), "rapport-51-tronque.xlsx"]);
    expect(report.files.filter((f) => f.error)).toEqual([
      { file: "rapport-51-tronque.xlsx", sheetsRead: 0, error: "rapport-51-tronque.xlsx : le fichier est tronqué ou endommagé." },
    ]);
    expect(report.files.slice(0, 50).every((f) => f.sheetsRead === 1)).toBe(true);
    expect(report.skipped).toEqual([
      ".cache.xlsx : fichier caché, ignoré.",
      `~$${name(3)} : fichier de verrouillage d'Office (classeur ouvert ailleurs), ignoré.`,
    ]);
    // Every report's table was found, each under its file's name.
    expect(report.sheetsRead).toBe(50);
    expect(new Set(report.tables.map((t) => t.sheet))).toEqual(new Set(Array.from({ length: 50 }, (_, i) => `${name(i + 1)} › Rapport`)));

    const errors = report.findings.filter((f) => f.severity === "error");
    expect(errors.map((f) => f.rule)).toEqual(["IMP-CUMUL"]);
    const [cumul] = errors;
    // At the second report's Proposition, where the total first goes over: 6 000 + 5 000 > 10 000.
    expect(cumul.sheet).toBe(`${name(SECOND)} › Rapport`);
    expect(cumul.cell).toBe(`F${sharedRow(SECOND)}`);
    expect(cumul.related).toEqual(expect.arrayContaining([`'${name(FIRST)} › Rapport'!E${sharedRow(FIRST)}`, `'${name(FIRST)} › Rapport'!F${sharedRow(FIRST)}`]));
    expect(cumul.message).toContain(name(FIRST));
    expect(cumul.message).toMatch(/totalisent 11\s000,00\s€ .* disponible 10\s000,00\s€ .* dépassement de 1\s000,00\s€/);
    // The second report's Disponible did not carry the first one's Solde (4 000): IMP-CHAINE, a warning.
    expect(report.findings.filter((f) => f.rule === "IMP-CHAINE").map((f) => [f.sheet, f.cell])).toEqual([[`${name(SECOND)} › Rapport`, `E${sharedRow(SECOND)}`]]);
    // A file not read is the worst: its content was not checked.
    expect(code).toBe(2);
  }, 120_000);

  test("the text report lists the file not read under its title and says so again at the end", async () => {
    const { code, stdout } = await cli("check", dir);
    const lines = stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(`Pointage — ${dir} — séance de 51 fichiers`);
    expect(lines[1]).toBe("Fichiers\u00a0: 51 classeurs, 50 lus, 1 non lu");
    expect(lines[2]).toBe("  ✖ Non lu — rapport-51-tronque.xlsx : le fichier est tronqué ou endommagé.");
    expect(stdout).toContain(`Feuille « ${name(SECOND)} › Rapport »`);
    expect(lines[lines.length - 1]).toBe("1 fichier n'a pas été lu sur 51 : son contenu n'est pas contrôlé (voir « Non lu » en tête).");
    expect(lines[lines.length - 2]).toMatch(/^Résumé\u00a0: 50 feuilles lues, 50 tableaux contrôlés, .* — 1 erreur, /);
    expect(code).toBe(2);
  }, 120_000);

  test("files given one by one: the same finding; exit 1 when every file is read; each report alone is clean", async () => {
    const both = await cli("check", path.join(dir, name(FIRST)), path.join(dir, name(SECOND)), "--format", "json");
    const report = JSON.parse(both.stdout) as JsonReport;
    expect(report.findings.filter((f) => f.severity === "error").map((f) => [f.rule, f.sheet])).toEqual([["IMP-CUMUL", `${name(SECOND)} › Rapport`]]);
    expect(both.code).toBe(1);
    // Alone, each fits: the finding is the séance's.
    for (const n of [FIRST, SECOND]) expect((await cli("check", path.join(dir, name(n)))).code).toBe(0);
    // In the other order, the first line is the 5 000 € one and the 6 000 € goes over.
    const reversed = JSON.parse((await cli("check", path.join(dir, name(SECOND)), path.join(dir, name(FIRST)), "--format", "json")).stdout) as JsonReport;
    expect(reversed.findings.filter((f) => f.rule === "IMP-CUMUL").map((f) => [f.sheet, f.cell])).toEqual([[`${name(FIRST)} › Rapport`, `F${sharedRow(FIRST)}`]]);
  }, 60_000);

  test("two files of the same name in two folders are told apart by their paths", async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), "pointage-seance-bis-"));
    try {
      const first = path.join(dir, name(FIRST));
      const copy = path.join(other, name(FIRST));
      fs.copyFileSync(first, copy);
      const report = JSON.parse((await cli("check", first, copy, "--format", "json")).stdout) as JsonReport;
      expect(report.files.map((f) => f.file)).toEqual([first, copy]);
      expect(new Set(report.tables.map((t) => t.sheet))).toEqual(new Set([`${first} › Rapport`, `${copy} › Rapport`]));
      // The same 6 000 € twice on the same 10 000 €: 12 000 €, found at the copy.
      expect(report.findings.filter((f) => f.rule === "IMP-CUMUL").map((f) => f.sheet)).toEqual([`${copy} › Rapport`]);
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  test("a missing file among several is listed, not fatal; English; --out refused for a séance", async () => {
    const missing = path.join(dir, "absent.xlsx");
    const r = await cli("check", path.join(dir, name(1)), missing, "--lang", "en");
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("  ✖ Not read — absent.xlsx: file not found.");
    expect(r.stdout).toContain("Files: 2 workbooks, 1 read, 1 not read");
    expect(r.stdout.trimEnd().split("\n").pop()).toBe("1 of 2 files was not read: not checked (see “Not read” at the top).");
    const out = await cli("check", dir, "--out", path.join(os.tmpdir(), "copie.xlsx"));
    expect(out.code).toBe(2);
    expect(out.stdout).toBe("");
    expect(out.stderr).toBe("pointage : --out ne s'applique qu'à un seul classeur : pour une séance, lancez une commande par fichier à copier.\n");
  }, 60_000);
});
