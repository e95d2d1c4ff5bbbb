/**
 * `--out` comes after the report (issue 14: "Findings are streamed to the report before `--out`
 * writes"): the report is whole on stdout before the copy is even built, so a copy that fails in
 * the middle, even for want of memory, never takes the findings with it.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import JSZip from "jszip";
import { main } from "../../src/cli/pointage";
import * as engine from "../../src/core/engine";
import { cli } from "../helpers/cli";
import { IMPUTATION_HEADER, lianes2023 } from "../helpers/seeds";
import { xlsxBytes } from "../helpers/xlsx-builder";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pointage-report-first-"));

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function workbook(name: string): Promise<string> {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, await xlsxBytes([{ name: "Rapport", rows: [IMPUTATION_HEADER, lianes2023({ solde: 1 })] }]));
  return file;
}

/**
 * The copy's zip is generated once its parts are changed (writeCheckedCopy's last step, the one
 * that needs most memory): what stdout held at that moment, for each generation.
 */
function stdoutAtCopy(): { seen: string[]; restore: () => void; stdout: { text: string } } {
  const stdout = { text: "" };
  const seen: string[] = [];
  const generate = JSZip.prototype.generateAsync;
  const spy = jest.spyOn(JSZip.prototype, "generateAsync").mockImplementation(function (this: JSZip, ...args: Parameters<JSZip["generateAsync"]>) {
    seen.push(stdout.text);
    return generate.apply(this, args) as ReturnType<JSZip["generateAsync"]>;
  });
  return { seen, restore: () => spy.mockRestore(), stdout };
}

test("the text and the JSON report are on stdout, whole, before the copy is generated", async () => {
  const input = await workbook("budget.xlsx");
  for (const format of ["text", "json"]) {
    const watch = stdoutAtCopy();
    const out = path.join(tmp, `copie-${format}.xlsx`);
    const code = await main(["check", input, "--out", out, "--format", format], { env: {}, stdout: (s) => (watch.stdout.text += s), stderr: () => undefined });
    watch.restore();
    expect(code).toBe(1);
    expect(fs.existsSync(out)).toBe(true);
    expect(watch.seen).toHaveLength(1);
    if (format === "text") {
      expect(watch.seen[0]).toMatch(/G2\s+IMP-SOLDE/);
      expect(watch.seen[0]).toMatch(/Résumé\u00a0: .* 1 erreur/);
      expect(watch.seen[0]).not.toMatch(/Copie contrôlée écrite/);
    } else {
      expect(JSON.parse(watch.seen[0]).findings.map((f: { rule: string }) => f.rule)).toContain("IMP-SOLDE");
    }
  }
});

test("a copy that fails while it is built (out of memory): the report stays, then one line, exit 2", async () => {
  const input = await workbook("gros.xlsx");
  const out = path.join(tmp, "copie-echec.xlsx");
  const spy = jest.spyOn(JSZip.prototype, "generateAsync").mockRejectedValue(new RangeError("Array buffer allocation failed"));
  try {
    const r = await cli("check", input, "--out", out);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/G2\s+IMP-SOLDE/);
    expect(r.stdout).toMatch(/Résumé/);
    expect(r.stderr).toBe(`pointage : la copie n'a pas pu être écrite (${out}).\n`);
    expect(fs.existsSync(out)).toBe(false);
  } finally {
    spy.mockRestore();
  }
});

test("the copy is made from the file read again: one saved again during the check is refused, the report stays", async () => {
  const input = await workbook("change.xlsx");
  const out = path.join(tmp, "copie-change.xlsx");
  const check = engine.checkWorkbook;
  // The file is saved again while the engine runs (its bytes are no longer held then).
  const spy = jest.spyOn(engine, "checkWorkbook").mockImplementation((...args) => {
    fs.appendFileSync(input, "modifié");
    return check(...args);
  });
  try {
    const r = await cli("check", input, "--out", out);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/G2\s+IMP-SOLDE/);
    expect(r.stderr).toBe("pointage : change.xlsx a changé pendant le contrôle : la copie n'est pas écrite, relancez la commande.\n");
    expect(fs.existsSync(out)).toBe(false);
  } finally {
    spy.mockRestore();
  }
});
