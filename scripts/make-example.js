#!/usr/bin/env node
/**
 * Builds examples/dossier-commission-permanente.xlsx: the seeds' real tables (Pas-de-Calais,
 * Commission Permanente 2023 and 2025; Lianes coopération, APES) laid out as finance staff keep
 * them, with a few deliberate mistakes for `npm run demo` to find:
 *  - APES 2023 report: Solde typed 151 285,00 instead of 152 285,00 (IMP-SOLDE);
 *  - a second 2025 report on C05-043A06 proposes 1 500 € from a disponible of 10 000 € that the
 *    first report already brought down to 620 € (IMP-CUMUL, IMP-CHAINE);
 *  - the 2025 budget's TOTAL formula leaves out the last line and one % is mistyped
 *    (REP-PLAGE, REP-TOTAL, REP-POURCENT, REP-POURCENT-SOMME; its rows still add up to the
 *    convention's 9 380 €, so XREF-MONTANT stays silent rather than ask to match a wrong TOTAL);
 *  - the 2023 year-end statement rounds the prorata up: 5 616,48 € instead of 5 616,47 €
 *    (CONV-PRORATA).
 * Run: node scripts/make-example.js [output]
 */
"use strict";
const path = require("path");
const ExcelJS = require("exceljs");

const MONEY = '#,##0.00\\ "€"';
const IMPUTATION = ["Code Opération", "Imputation budgétaire", "Libellé Opération", "CP", "Disponible", "Proposition", "Solde"];

function header(ws, row, values) {
  ws.getRow(row).values = values;
  ws.getRow(row).font = { bold: true };
}

function money(cell, value) {
  cell.value = value;
  cell.numFmt = MONEY;
}

async function main() {
  const out = process.argv[2] || path.join(__dirname, "..", "examples", "dossier-commission-permanente.xlsx");
  const wb = new ExcelJS.Workbook();
  wb.creator = "Pointage";
  wb.created = new Date(Date.UTC(2025, 5, 30));
  wb.modified = wb.created;

  // 1. Report 2023, Lianes coopération: right, with a live Solde.
  let ws = wb.addWorksheet("Rapport 2023 Lianes");
  ws.getCell("A1").value = "Rapport — Soutien aux actions européennes et internationales (CP du 18 septembre 2023)";
  header(ws, 3, IMPUTATION);
  ws.getRow(4).values = ["C05-043A06", "65748/93043", "Actions européennes et internationales"];
  money(ws.getCell("D4"), 43056);
  money(ws.getCell("E4"), 31000);
  money(ws.getCell("F4"), 7000);
  ws.getCell("G4").value = { formula: "E4-F4", result: 24000 };
  ws.getCell("G4").numFmt = MONEY;
  ws.getCell("A6").value = "Il est proposé d'attribuer une subvention de 7 000 € à l'association Lianes coopération, pour l'année 2023.";

  // 2. Deliberation 2023, Article 3: the account written `//` as in the seed (an info).
  ws = wb.addWorksheet("Délibération 2023");
  ws.getCell("A1").value = "Article 3 : La dépense versée en application de l'article 1 sera imputée sur le budget départemental";
  header(ws, 3, ["Code Opération", "Imputation budgétaire", "Libellé Opération", "CP €", "Dépense €"]);
  ws.getRow(4).values = ["C05-043A06", "65748//93043", "Actions européennes et internationales", "43 056,00", "7 000,00"];

  // 3. Convention 2023, Article 4, and the year-end statement: prorata rounded up (mistake).
  ws = wb.addWorksheet("Convention 2023");
  ws.getCell("A1").value = "Article 4 — Montant de la subvention";
  const terms = [
    ["Montant de la subvention", "7 000 €"],
    ["Coût total prévisionnel", "18 695 €"],
    ["Taux d'intervention", "37,44%"],
  ];
  terms.forEach(([k, v], i) => (ws.getRow(3 + i).values = [k, v]));
  ws.getCell("A7").value = "Bilan de l'action (1er avril 2024)";
  ws.getRow(8).values = ["Dépenses réalisées", 15000];
  ws.getRow(9).values = ["Montant versé", 7000];
  ws.getRow(10).values = ["Subvention due", 5616.48];
  ws.getRow(11).values = ["Reversement", 1383.52];
  for (const r of [8, 9, 10, 11]) ws.getCell(`B${r}`).numFmt = MONEY;

  // 4. Report 2025, Lianes coopération: right, the CP header in Cyrillic letters as in the seed.
  ws = wb.addWorksheet("Rapport 2025 Lianes");
  header(ws, 1, ["Code Opération", "Imputation Budgétaire", "Libellé Opération", "СР", "Disponible", "Proposition", "Solde"]);
  ws.getRow(2).values = ["C05-043A06", "65748//93043", "Actions européennes et internationales", "10 000,00", "10 000,00", "9 380,00", "620,00"];

  // 5. A second report of the same meeting on the same line: it restarts from 10 000 (mistake).
  ws = wb.addWorksheet("Rapport 2025 Jumelage");
  ws.getCell("A1").value = "Rapport — Jumelages (même Commission Permanente)";
  header(ws, 3, IMPUTATION);
  ws.getRow(4).values = ["C05-043A06", "65748//93043", "Actions européennes et internationales"];
  money(ws.getCell("D4"), 10000);
  money(ws.getCell("E4"), 10000);
  money(ws.getCell("F4"), 1500);
  ws.getCell("G4").value = { formula: "E4-F4", result: 8500 };
  ws.getCell("G4").numFmt = MONEY;

  // 6. Convention 2025 and its budget: TOTAL leaves out the last line; one % mistyped.
  ws = wb.addWorksheet("Convention 2025");
  ws.getRow(1).values = ["Montant de la subvention", 9380];
  ws.getRow(2).values = ["Coût total prévisionnel", 9380];
  ws.getCell("B1").numFmt = MONEY;
  ws.getCell("B2").numFmt = MONEY;
  header(ws, 4, ["Intitulé de l'action", "Description", "Montant alloué (€)", "%"]);
  const budget = [
    ["Mise en place du parcours d'accompagnement à la mobilité (PAM – 7 modules)", "Animation des modules, supports pédagogiques", 3000, 0.3198],
    ["Appui-conseil auprès des porteurs de projet/lauréats", "Entretiens, fiches-conseil, suivi personnalisé", 1500, 0.1599],
    ["Animation de 2 ateliers collectif lauréats", "Organisation, animation, logistique", 800, 0.0853],
    ["Appui au pôle ingénierie", "Soutien technique, administratif, partage de pratiques", 600, 0.064],
    ["Valorisation des dispositifs MEI et jumelage", "Création de contenus, diffusion, témoignages", 1400, 0.1493],
    ["Frais de coordination", "Réunions, pilotage global, rapports", 1180, 0.1285],
    ["Administratif et coûts indirects", "Gestion administrative et financière, local", 700, 0.0746],
    ["Frais de déplacement et petit matériel", "Déplacements terrain, matériel formation", 200, 0.0213],
  ];
  budget.forEach(([a, d, m, p], i) => {
    const r = 5 + i;
    ws.getRow(r).values = [a, d];
    money(ws.getCell(`C${r}`), m);
    ws.getCell(`D${r}`).value = p;
    ws.getCell(`D${r}`).numFmt = "0.00%";
  });
  ws.getCell("A13").value = "TOTAL";
  ws.getCell("C13").value = { formula: "SUM(C5:C11)", result: 9180 };
  ws.getCell("C13").numFmt = MONEY;
  ws.getCell("D13").value = 1;
  ws.getCell("D13").numFmt = "0.00%";

  // 7. APES 2023: the programme budget as pasted from the PDF (right), and the report (Solde mistyped).
  ws = wb.addWorksheet("APES 2023");
  header(ws, 1, ["AXES", "ACTIONS", "BP"]);
  const apes = [
    ["Axe 1:", "3 petits déjeuners thématiques", "3 750 €"],
    ["IIAC I ,", "2 ateliers de Co-Développement", "3 000 €"],
    ["Axe 2:", "Soutenir les acteurs en situation de fragilité", "4500 €"],
    ["Axe 3:", "Appui aux dynamiques collectives des Maisons de l'ESS", "11 250 €"],
    ["Axe 4:", "Amélioration continue des pratiques", "33 000 €"],
    ["Ingénierie de l'action", "", "1 500 €"],
    ["TOTAL", "", "57 000,00€"],
  ];
  apes.forEach((r, i) => (ws.getRow(2 + i).values = r));
  header(ws, 11, ["Code Opération", "Imputation Budgétaire", "Libellé Opération", "СР", "Disponible", "Proposition", "Solde"]);
  ws.getRow(12).values = ["C01-020Q01", "6568/9365", "Mission ESS - Autres participations", "209 285,00", "209 285,00", "57 000,00", "151 285,00"];

  for (const sheet of wb.worksheets) {
    sheet.columns.forEach((c, i) => (c.width = i === 0 ? 34 : i === 2 ? 40 : 18));
  }
  await wb.xlsx.writeFile(out);
  process.stdout.write(`${out}\n`);
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`);
  process.exit(1);
});
