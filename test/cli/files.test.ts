/**
 * The CLI's file system on hostile paths (issue 14): only regular files are read, and `--out`
 * never reaches the input, whatever links lead to it; errors on either are one line naming the
 * path, in French or English, never « erreur inattendue » with a raw code. Made in a temp dir.
 */
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cli } from "../helpers/cli";
import { outErrorMessage } from "../../src/cli/files";
import { IMPUTATION_HEADER, lianes2023 } from "../helpers/seeds";
import { xlsxBytes } from "../helpers/xlsx-builder";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pointage-files-"));


const sha = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

/** A workbook with one IMP-SOLDE error, in its own folder. */
async function workbook(folder: string, name = "budget.xlsx"): Promise<string> {
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, name);
  fs.writeFileSync(file, await xlsxBytes([{ name: "Rapport", rows: [IMPUTATION_HEADER, lianes2023({ solde: 1 })] }]));
  return file;
}

/** One line on stderr: `pointage : …` in French, `pointage: …` in English (pass "en"). */
const expectOneLine = (r: { code: number; stderr: string }, expected: string | RegExp, lang: "fr" | "en" = "fr") => {
  expect(r.code).toBe(2);
  expect(r.stderr.split("\n")).toHaveLength(2);
  if (typeof expected === "string") expect(r.stderr).toBe(`pointage${lang === "fr" ? " :" : ":"} ${expected}\n`);
  else expect(r.stderr).toMatch(expected);
  expect(r.stderr).not.toMatch(/inattendue|unexpected|\bE[A-Z]{3,}\b|\n\s+at /);
};

describe("only regular files are read", () => {
  test("a FIFO is refused at once, without waiting for a writer", async () => {
    const fifo = path.join(tmp, "tube.xlsx");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    expectOneLine(await cli("check", fifo), "tube.xlsx : c'est un tube nommé (FIFO), pas un fichier ; Pointage ne lit que des fichiers ordinaires.");
    expectOneLine(await cli("check", fifo, "--lang", "en"), "tube.xlsx: this is a named pipe (FIFO), not a file; Pointage reads regular files only.", "en");
  });

  test("/dev/zero is refused at once, never read", async () => {
    expectOneLine(await cli("check", "/dev/zero"), "zero : c'est un périphérique, pas un fichier ; Pointage ne lit que des fichiers ordinaires.");
    expectOneLine(await cli("check", "/dev/zero", "--lang", "en"), "zero: this is a device, not a file; Pointage reads regular files only.", "en");
  });

  test("a folder, and a symbolic link that loops", async () => {
    // A folder is a séance (test/cli/seance.test.ts): one with no workbook is said so.
    const folder = fs.mkdtempSync(path.join(tmp, "vide-"));
    expectOneLine(await cli("check", folder), `${folder} : aucun classeur (.xlsx, .xlsm, .xls, .xlsb, .ods) à contrôler.`);
    const loop = path.join(tmp, "boucle.xlsx");
    fs.symlinkSync(loop, loop);
    expectOneLine(await cli("check", loop), "boucle.xlsx : lien symbolique qui boucle sur lui-même.");
    expectOneLine(await cli("check", loop, "--lang", "en"), "boucle.xlsx: a symbolic link that loops on itself.", "en");
  });

  test("a file over 100 MB is refused before it is read", async () => {
    const big = path.join(tmp, "enorme.xlsx");
    // Sparse: nothing is written to the disk.
    fs.closeSync(fs.openSync(big, "w"));
    fs.truncateSync(big, 101 * 1024 * 1024);
    // A hang guard, not a measure of speed: both refusals take about 10 ms on a quiet machine,
    // reading the 101 MB would take far longer; 2 s leaves a loaded machine two hundred times that.
    const start = Date.now();
    expectOneLine(await cli("check", big), "enorme.xlsx : le fichier dépasse 100 Mo, la taille que Pointage lit au plus.");
    expectOneLine(await cli("check", big, "--lang", "en"), "enorme.xlsx: the file is over 100 MB, the most Pointage reads.", "en");
    expect(Date.now() - start).toBeLessThan(2_000);
    fs.unlinkSync(big);
  });
});

describe("--out never reaches the input", () => {
  const refused = "--out doit nommer un autre fichier : le classeur d'origine n'est jamais modifié.";

  test("the input itself, a symbolic link to it, a hard link to it, a path through a linked folder, a path with ..: refused, the input unchanged", async () => {
    const folder = path.join(tmp, "liens");
    const input = await workbook(folder);
    const before = sha(input);
    const symlink = path.join(tmp, "lien-symbolique.xlsx");
    fs.symlinkSync(input, symlink);
    const hardlink = path.join(tmp, "lien-dur.xlsx");
    fs.linkSync(input, hardlink);
    const linkedFolder = path.join(tmp, "dossier-lie");
    fs.symlinkSync(folder, linkedFolder);
    const outs = [input, symlink, hardlink, path.join(linkedFolder, "budget.xlsx"), path.join(folder, "..", "liens", ".", "budget.xlsx")];
    for (const out of outs) {
      const r = await cli("check", input, "--out", out);
      expectOneLine(r, refused);
      expect(r.stdout).toBe("");
    }
    // The same through the link as input, and in English.
    expectOneLine(await cli("check", symlink, "--out", input, "--lang", "en"), "--out must name another file: the original workbook is never modified.", "en");
    expectOneLine(await cli("check", path.join(linkedFolder, "budget.xlsx"), "--out", hardlink), refused);
    expect(sha(input)).toBe(before);
    expect(fs.lstatSync(symlink).isSymbolicLink()).toBe(true);
    expect(fs.readdirSync(folder)).toEqual(["budget.xlsx"]);
  });

  test("the copy is written beside its target and renamed into place; a link at the target is replaced, never followed", async () => {
    const folder = path.join(tmp, "copie");
    const input = await workbook(folder);
    const other = await workbook(path.join(tmp, "autre"), "autre.xlsx");
    const otherBefore = sha(other);
    const out = path.join(folder, "budget.controle.xlsx");
    fs.symlinkSync(other, out);
    const r = await cli("check", input, "--out", out);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/IMP-SOLDE[\s\S]*Copie contrôlée écrite : .*budget\.controle\.xlsx\n$/);
    expect(fs.lstatSync(out).isFile()).toBe(true);
    expect(sha(other)).toBe(otherBefore);
    expect(fs.readdirSync(folder).sort()).toEqual(["budget.controle.xlsx", "budget.xlsx"]);
  });

  test("a missing folder, a folder as target, a looping link: one line naming the path, before any work", async () => {
    const input = await workbook(path.join(tmp, "erreurs"));
    const missing = path.join(tmp, "absent", "copie.xlsx");
    expectOneLine(await cli("check", input, "--out", missing), `--out ${missing} : le dossier ${path.dirname(missing)} n'existe pas ; la copie n'a pas été écrite.`);
    expectOneLine(await cli("check", input, "--out", missing, "--lang", "en"), `--out ${missing}: folder ${path.dirname(missing)} does not exist; the copy was not written.`, "en");
    expectOneLine(await cli("check", input, "--out", tmp), `--out ${tmp} : c'est un dossier ; donnez le nom du fichier .xlsx à écrire.`);
    expectOneLine(await cli("check", input, "--out", tmp + "/", "--lang", "en"), `--out ${tmp}/: this is a folder; give the name of the .xlsx file to write.`, "en");
    const loop = path.join(tmp, "boucle-dossier");
    fs.symlinkSync(loop, loop);
    expectOneLine(await cli("check", input, "--out", path.join(loop, "c.xlsx")), /^pointage : --out .*boucle-dossier\/c\.xlsx : lien symbolique qui boucle sur lui-même ; la copie n'a pas été écrite\.\n$/);
    expectOneLine(await cli("check", input, "--out", "/dev/null"), "--out /dev/null : ce n'est pas un fichier ordinaire ; donnez le nom du fichier .xlsx à écrire.");
    expect(fs.existsSync(path.join(tmp, "absent"))).toBe(false);
  });

  test("a copy that fails while being written (no space left): the report is printed first, then one line; nothing left behind", async () => {
    const folder = path.join(tmp, "plein");
    const input = await workbook(folder);
    const out = path.join(folder, "copie.xlsx");
    const spy = jest.spyOn(fs.promises, "writeFile").mockImplementation(async (file) => {
      fs.writeFileSync(file as string, "début");
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    });
    try {
      const r = await cli("check", input, "--out", out);
      expect(r.stdout).toMatch(/IMP-SOLDE/);
      expect(r.stdout).toMatch(/Résumé/);
      expect(r.stdout).not.toMatch(/Copie contrôlée écrite/);
      expectOneLine(r, `--out ${out} : plus de place sur le disque ; la copie n'a pas été écrite.`);
      const en = await cli("check", input, "--out", out, "--lang", "en", "--format", "json");
      expect(JSON.parse(en.stdout).summary.errors).toBeGreaterThan(0);
      expectOneLine(en, `--out ${out}: no space left on the disk; the copy was not written.`, "en");
    } finally {
      spy.mockRestore();
    }
    expect(fs.readdirSync(folder)).toEqual(["budget.xlsx"]);
  });

  test("every error on --out has its sentence in both languages, naming the path, never the raw code", () => {
    for (const code of ["ENOENT", "ENOTDIR", "EISDIR", "EACCES", "EPERM", "EROFS", "ENOSPC", "EDQUOT", "ELOOP", "ENAMETOOLONG", "NOT-REGULAR", "EIO", undefined]) {
      for (const lang of ["fr", "en"] as const) {
        const message = outErrorMessage(code, "/x/copie.xlsx", lang);
        expect(message).toMatch(/^--out \/x\/copie\.xlsx ?: /);
        expect(message).not.toMatch(/\bE[A-Z]{3,}\b|NOT-REGULAR|undefined/);
        expect(message).toMatch(/\.$/);
      }
    }
    expect(outErrorMessage("EACCES", "c.xlsx", "fr")).toBe("--out c.xlsx : écriture refusée (droits d'accès) ; la copie n'a pas été écrite.");
  });
});
