/* Issue 12, colour: the text report is in colour on a terminal only (errors red, warnings yellow, infos dim), never piped, with NO_COLOR or --no-color. */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { textReport } from "../../src/cli/report";
import type { CheckResult } from "../../src/core/engine";
import { cliWith } from "../helpers/cli";

const root = path.join(__dirname, "../..");
const example = path.join(root, "examples/dossier-commission-permanente.xlsx");
const RED = "\u001b[31m";
const YELLOW = "\u001b[33m";
const DIM = "\u001b[2m";
const RESET = "\u001b[0m";
// eslint-disable-next-line no-control-regex
const ANY_ESCAPE = /\u001b/;

describe("on a terminal", () => {
  test("errors red, warnings yellow, infos dim; each finding line closed by a reset; nothing else coloured", async () => {
    const { stdout, code } = await cliWith({ isTTY: true }, "check", example, "--min-severity", "info");
    expect(code).toBe(1);
    const lines = stdout.split("\n");
    const coloured = lines.filter((l) => ANY_ESCAPE.test(l));
    expect(coloured.filter((l) => l.startsWith(`${RED}    ✖ `) && l.endsWith(RESET))).toHaveLength(8);
    expect(coloured.filter((l) => l.startsWith(`${YELLOW}    ⚠ `) && l.endsWith(RESET))).toHaveLength(1);
    expect(coloured.filter((l) => l.startsWith(`${DIM}    ℹ `) && l.endsWith(RESET))).toHaveLength(17);
    expect(coloured).toHaveLength(26);
    // eslint-disable-next-line no-control-regex
    expect(stdout.match(/\u001b\[[0-9;]*m/g)!.every((e) => [RED, YELLOW, DIM, RESET].includes(e))).toBe(true);
    expect(lines.find((l) => l.startsWith("Résumé"))).not.toMatch(ANY_ESCAPE);
  });

  test("the « non affichées » line is dim", async () => {
    const { stdout } = await cliWith({ isTTY: true }, "check", example);
    expect(stdout).toContain(`\n${DIM}17 informations non affichées\u00a0: --min-severity info${RESET}\n`);
  });

  test("workbook text cannot forge an escape, even with colour on", () => {
    const result: CheckResult = {
      tables: [],
      unread: [],
      sheetsRead: 1,
      findings: [{ rule: "IMP-SOLDE", severity: "error", sheet: "R", cell: "G2", related: [], messageId: "m", data: {}, message: "Faux.\u001b[32m vert" }],
      ignored: 0,
      ignoredByRule: {},
      summary: { errors: 1, warnings: 0, infos: 0 },
      failures: [],
      settings: { ignored: [], headerMap: {}, prorataRegime: "prorata" },
    };
    const text = textReport("x.xlsx", result, "fr", { color: true });
    expect(text).toContain(`${RED}    ✖ G2     IMP-SOLDE          Faux.\\u001b[32m vert${RESET}`);
    expect(text).not.toContain("\u001b[32m");
  });
});

/** The installed command run on a pseudo-terminal by util-linux `script` (undefined where it is missing). */
function onTerminal(args: string[], env: NodeJS.ProcessEnv): string | undefined {
  if (spawnSync("script", ["--version"]).status !== 0) return undefined;
  const command = [process.execPath, path.join(root, "bin/pointage.js"), ...args].map((a) => `'${a}'`).join(" ");
  return spawnSync("script", ["-qec", command, "/dev/null"], { encoding: "utf8", env }).stdout;
}

const scriptTest = spawnSync("script", ["--version"]).status === 0 ? test : test.skip;
scriptTest("the installed command on a real terminal: coloured, and not with NO_COLOR or --no-color", () => {
  const env = { ...process.env };
  delete env.NO_COLOR;
  expect(onTerminal(["check", example], env)).toContain(`${RED}    ✖ G12    IMP-SOLDE`);
  expect(onTerminal(["check", example], { ...env, NO_COLOR: "1" })).not.toMatch(ANY_ESCAPE);
  expect(onTerminal(["check", example, "--no-color"], env)).not.toMatch(ANY_ESCAPE);
});

describe("never coloured", () => {
  test("when stdout is not a terminal (the default of main's io)", async () => {
    expect((await cliWith({}, "check", example, "--min-severity", "info")).stdout).not.toMatch(ANY_ESCAPE);
    expect((await cliWith({ isTTY: false }, "check", example)).stdout).not.toMatch(ANY_ESCAPE);
  });

  test("with NO_COLOR set to anything non-empty; an empty NO_COLOR leaves colour on (no-color.org)", async () => {
    expect((await cliWith({ isTTY: true, env: { NO_COLOR: "1" } }, "check", example)).stdout).not.toMatch(ANY_ESCAPE);
    expect((await cliWith({ isTTY: true, env: { NO_COLOR: "" } }, "check", example)).stdout).toMatch(ANY_ESCAPE);
  });

  test("with --no-color", async () => {
    const r = await cliWith({ isTTY: true }, "check", example, "--no-color");
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(ANY_ESCAPE);
    expect(r.stdout).toMatch(/G12\s+IMP-SOLDE/);
  });

  test("in JSON, nor on stderr, nor in the help", async () => {
    expect((await cliWith({ isTTY: true }, "check", example, "--format", "json")).stdout).not.toMatch(ANY_ESCAPE);
    expect((await cliWith({ isTTY: true }, "check", "absent.xlsx")).stderr).not.toMatch(ANY_ESCAPE);
    const help = await cliWith({ isTTY: true }, "--help");
    expect(help.stdout).not.toMatch(ANY_ESCAPE);
    expect(help.stdout).toContain("--no-color");
  });

  test("the installed command, piped", () => {
    const lib = path.join(root, "lib/cli/pointage.js");
    if (!fs.existsSync(lib)) throw new Error("lib/ is missing: build it with `npx tsc -p tsconfig.cli.json`");
    const run = spawnSync(process.execPath, [path.join(root, "bin/pointage.js"), "check", example], { encoding: "utf8", env: { ...process.env, NO_COLOR: "" } });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/G12\s+IMP-SOLDE/);
    expect(run.stdout).not.toMatch(ANY_ESCAPE);
  });
});
