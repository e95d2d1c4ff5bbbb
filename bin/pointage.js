#!/usr/bin/env node
// Launcher: the CLI is compiled to lib/ by `npm ci` / `npm install` (the `prepare` script).
// lib/cli/launch.js checks a large workbook in a worker with a heap cap sized from it (issue 14).
"use strict";
let cli;
try {
  cli = require("../lib/cli/launch.js");
} catch (e) {
  if (e && e.code === "MODULE_NOT_FOUND" && /lib[\\/]cli[\\/]launch/.test(String(e.message))) {
    const en = process.argv.includes("--lang=en") || process.argv[process.argv.indexOf("--lang") + 1] === "en";
    process.stderr.write(
      en
        ? "pointage: the command line is not compiled yet; run “npm run build:cli” (npm install does it).\n"
        : "pointage : la ligne de commande n'est pas encore compilée ; lancez « npm run build:cli » (npm install le fait).\n",
    );
    process.exit(2);
  }
  throw e;
}
// Whether stdout is a terminal and NO_COLOR decide the report's colours (`--no-color` turns them off).
const io = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s), isTTY: Boolean(process.stdout.isTTY), env: process.env };
cli.launch(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
});
