/* `pointage lettres` (issue 9): amounts in words, one line each; unreadable amounts refused by name, exit 2. */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { cli } from "../helpers/cli";

const root = path.join(__dirname, "../..");

test("the issue's two examples", async () => {
  expect(await cli("lettres", "1000000.01")).toEqual({ code: 0, stdout: "un million d'euros et un centime\n", stderr: "" });
  expect(await cli("lettres", "--nombre", "80000")).toEqual({ code: 0, stdout: "quatre-vingt mille\n", stderr: "" });
});

test("one line per amount, in French or English form, no-break spaces and € included", async () => {
  const { code, stdout } = await cli("lettres", "1 000 000,01", "1000000.01", "1,000,000.01", "9 380 €", "9\u00a0380\u202f€", "7 000,00 €", "0,50", "-150");
  expect(code).toBe(0);
  expect(stdout.split("\n")).toEqual([
    ...Array(3).fill("un million d'euros et un centime"),
    "neuf mille trois cent quatre-vingts euros",
    "neuf mille trois cent quatre-vingts euros",
    "sept mille euros",
    "cinquante centimes",
    "moins cent cinquante euros",
    "",
  ]);
});

test("--orthographe rectifiee, --nombre, and the command after a global option", async () => {
  expect((await cli("lettres", "--orthographe", "rectifiee", "271", "2000000")).stdout).toBe("deux-cent-soixante-et-onze euros\ndeux millions d'euros\n");
  expect((await cli("lettres", "--orthographe=rectifiee", "--nombre", "200000000")).stdout).toBe("deux-cents millions\n");
  expect((await cli("--lang", "en", "lettres", "1")).stdout).toBe("un euro\n");
});

test("an unreadable amount is named, nothing is written, exit 2 (French and English)", async () => {
  const fr = await cli("lettres", "12", "douze", "1,2,3");
  expect(fr.code).toBe(2);
  expect(fr.stdout).toBe("");
  expect(fr.stderr).toContain("pointage lettres : « douze » n'est pas un montant lisible");
  expect(fr.stderr).toContain("« 1,2,3 »");
  const en = await cli("lettres", "--lang", "en", "douze");
  expect(en).toEqual({ code: 2, stdout: "", stderr: expect.stringContaining('pointage lettres: "douze" is not a readable amount') });
  expect(en.stderr).not.toMatch(/[ \u00a0][:;!?]|«|»/);
});

test("refused rather than guessed: 1,000 (one or a thousand), a third decimal, a fraction with --nombre, a percentage", async () => {
  for (const [args, said] of [
    [["1,000"], "ambigu"],
    [["1.000"], "ambigu"],
    [["12,345"], "ambigu"],
    [["1.2345"], "plus de deux décimales"],
    [["--nombre", "2,5"], "pas un nombre entier"],
    [["12 %"], "pas un montant lisible"],
    [["99999999999999999"], "trop grand"],
  ] as const) {
    const r = await cli("lettres", ...args);
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toContain(said);
  }
});

test("usage errors and help, in both languages", async () => {
  expect((await cli("lettres")).code).toBe(2);
  expect((await cli("lettres", "--orthographe", "moderne", "5")).stderr).toContain('--orthographe : "traditionnelle" ou "rectifiee", pas "moderne".');
  expect((await cli("lettres", "--lang", "en", "--bogus", "5")).stderr).toMatch(/^pointage lettres: unknown option --bogus\./);
  const help = await cli("lettres", "--help");
  expect(help.code).toBe(0);
  expect(help.stdout).toContain("Usage : pointage lettres MONTANT…");
  const helpEn = await cli("lettres", "--help", "--lang", "en");
  expect(helpEn.stdout).toContain("Usage: pointage lettres AMOUNT…");
  expect(helpEn.stdout).not.toMatch(/[ \u00a0][:;!?]|«|»|Options :/);
  expect((await cli("--help")).stdout).toContain("pointage lettres MONTANT…");
  expect((await cli("--help", "--lang", "en")).stdout).toContain("pointage lettres AMOUNT…");
});

test("the installed command loads n2words (an ES module) from compiled CommonJS", () => {
  if (!fs.existsSync(path.join(root, "lib/cli/lettres.js"))) throw new Error("lib/ is missing or stale: run `npm run build:cli`");
  const run = spawnSync(process.execPath, [path.join(root, "bin/pointage.js"), "lettres", "1000000.01", "80"], { encoding: "utf8" });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  expect(run.stdout).toBe("un million d'euros et un centime\nquatre-vingts euros\n");
});
