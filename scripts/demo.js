#!/usr/bin/env node
/**
 * `npm run demo`: checks the bundled example workbook and writes its checked copy. The example has
 * deliberate mistakes, so `pointage check` exits 1 there; the demo itself exits 0 when the check
 * ran (finding errors is its job) and 2 only when it could not run.
 */
"use strict";
const path = require("path");
const { spawnSync } = require("child_process");

const root = path.join(__dirname, "..");
const input = path.join("examples", "dossier-commission-permanente.xlsx");
const output = path.join("examples", "dossier-commission-permanente.controle.xlsx");
const lang = process.argv.includes("--en") ? "en" : "fr";

const run = spawnSync(process.execPath, [path.join(root, "bin", "pointage.js"), "check", input, "--out", output, "--lang", lang], {
  cwd: root,
  stdio: "inherit",
});
if (run.status === 0 || run.status === 1) {
  process.stdout.write(
    lang === "fr"
      ? `\nDémo terminée : le classeur d'exemple contient des erreurs volontaires (code de sortie de pointage : ${run.status}).\nOuvrez ${output} pour voir les cellules surlignées et la feuille « Contrôle ».\n`
      : `\nDemo done: the example workbook holds deliberate mistakes (pointage exit code: ${run.status}).\nOpen ${output} to see the highlighted cells and the “Contrôle” sheet.\n`,
  );
  process.exit(0);
}
process.exit(run.status ?? 2);
