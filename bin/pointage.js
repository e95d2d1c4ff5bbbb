#!/usr/bin/env node
// Launcher: the CLI is compiled to lib/ by `npm ci` / `npm install` (the `prepare` script).
"use strict";
let cli;
try {
  cli = require("../lib/cli/pointage.js");
} catch (e) {
  if (e && e.code === "MODULE_NOT_FOUND" && /lib[\\/]cli[\\/]pointage/.test(String(e.message))) {
    process.stderr.write("pointage : la ligne de commande n'est pas encore compilée ; lancez « npm run build:cli » (npm install le fait).\n");
    process.exit(2);
  }
  throw e;
}
cli.main(process.argv.slice(2), { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) }).then((code) => {
  process.exitCode = code;
});
