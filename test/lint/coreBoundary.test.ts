/**
 * The engine's boundary (eslint.config.js, src/core): the lint rules are fed the imports they
 * must refuse, at every depth, and the engine's own imports, which they must let through. Run
 * through ESLint's Node API on the repository's own eslint.config.js, as `npm run lint` does.
 */
import * as path from "path";
import { ESLint } from "eslint";

jest.setTimeout(60_000);

const ROOT = path.resolve(__dirname, "../..");
// The repository's config, handed over rather than found: ESLint loads a config file with a
// dynamic import(), which Jest's module sandbox refuses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require("../../eslint.config.js") as ESLint.Options["overrideConfig"];
const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: config });

/** The rule ids ESLint reports for `code` as if it were the file at `filePath`. */
async function errorsIn(code: string, filePath = "src/core/tables/x.ts"): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, filePath) });
  return result.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

const FORBIDDEN_IMPORTS = [
  // Hosts' folders, from src/core/tables (two levels down) and from src/core.
  "../../excel",
  "../../excel/address",
  "../../file/readWorkbook",
  "../../file",
  "../../taskpane/strings",
  "../../taskpane/components/App",
  "../../web/fileHost",
  "../../cli/pointage",
  "../../host/HostApi",
  "../../commands/commands",
  "../excel",
  "../../../src/excel/read",
  "../../core/../excel/read",
  // Node modules.
  "fs",
  "path",
  "os",
  "child_process",
  "node:fs",
  "node:path",
  "fs/promises",
  // Packages: workbooks, zips, Office, React, the DOM.
  "exceljs",
  "jszip",
  "@e965/xlsx",
  "@microsoft/office-js",
  "office-addin-mock",
  "react",
  "react-dom/client",
  "@fluentui/react-components",
  "jsdom",
  // n2words: only its French module is let through (lettres.ts), not the package's other files.
  "n2words",
  "n2words/en-US",
  "n2words/fr-FR/../../fs",
];

describe("src/core's import boundary", () => {
  it.each(FORBIDDEN_IMPORTS)("refuses an import of %s", async (source) => {
    expect(await errorsIn(`import { x } from "${source}";\nexport const y = x;\n`)).toEqual(["no-restricted-imports"]);
  });

  it.each([
    ["a type-only import", `import type { X } from "../../excel/read";\nexport type Y = X;\n`, "no-restricted-imports"],
    ["a re-export", `export * from "../../file/readWorkbook";\n`, "no-restricted-imports"],
    ["a side-effect import", `import "../../taskpane/strings";\n`, "no-restricted-imports"],
    ["a dynamic import", `export const m = import("exceljs");\n`, "no-restricted-syntax"],
    ["a require", `export const m = require("fs");\n`, "no-restricted-syntax"],
    ["an import = require", `import fs = require("fs");\nexport const m = fs;\n`, "no-restricted-syntax"],
  ])("refuses %s", async (_name, code, rule) => {
    expect(await errorsIn(code)).toContain(rule);
  });

  it("refuses an import of a host from src/core's own top level", async () => {
    expect(await errorsIn(`import { x } from "../excel/address";\nexport const y = x;\n`, "src/core/address.ts")).toEqual(["no-restricted-imports"]);
    expect(await errorsIn(`import { x } from "../file";\nexport const y = x;\n`, "src/core/engine.ts")).toEqual(["no-restricted-imports"]);
  });

  it.each(["Office.context", "Excel.run", "window.location", "document.body", "navigator.language", "process.env", "Buffer.from"])(
    "refuses the global in %s",
    async (expression) => {
      expect(await errorsIn(`export const y = ${expression};\n`)).toEqual(["no-restricted-globals"]);
    },
  );

  it.each([
    ["../address", "src/core/tables/x.ts"],
    ["./types", "src/core/tables/x.ts"],
    ["../checks/index", "src/core/tables/x.ts"],
    ["../../core/model", "src/core/tables/x.ts"],
    ["./tables/types", "src/core/engine.ts"],
    ["./format", "src/core/messages.ts"],
    ["n2words/fr-FR", "src/core/lettres.ts"],
  ])("lets %s through (from %s)", async (source, filePath) => {
    expect(await errorsIn(`import { x } from "${source}";\nexport const y = x;\n`, filePath)).toEqual([]);
  });

  it("holds only in src/core: a host may import its own packages", async () => {
    expect(await errorsIn(`import * as fs from "fs";\nexport const y = fs;\n`, "src/cli/x.ts")).toEqual([]);
  });
});
