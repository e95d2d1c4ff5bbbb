import { ligneCalcul } from "../../../src/core/checks/ligne-calcul";
import { checkTester } from "../../helpers/check-tester";
import type { CellSpec } from "../../helpers/sheet-builder";

/**
 * A cost estimate: Désignation | Quantité | Prix unitaire | Total, Total = Quantité × Prix
 * unitaire, worked out by hand below (no engine code involved).
 */
const ITEMS: [string, number, number][] = [
  ["Vigiles", 4, 1920],
  ["Connexion", 2, 3850],
  ["Électricien", 4, 3215],
  ["Switchs 16 ports", 46, 100],
  ["Switchs 24 ports", 9, 190],
  ["Routeurs", 2, 200],
  ["Câbles (m)", 3500, 0.7],
  ["Serveur", 2, 4600],
  ["Goulotte", 50, 14],
  ["Baie réseau", 1, 990],
];
const HEADER: CellSpec[] = ["Désignation", "Quantité", "Prix unitaire", "Total"];

/** The estimate's rows, with `overrides` replacing some totals (row index → total typed). */
function estimate(overrides: Record<number, number> = {}, items = ITEMS): CellSpec[][] {
  return [HEADER, ...items.map(([label, q, p], i) => [label, q, p, overrides[i] ?? Math.round(q * p * 100) / 100])];
}

/** Grants: Projet | Coût total | Subvention | Taux (fraction shown with 4 decimals). */
const GRANTS: [string, number, number, number][] = [
  // taux = subvention ÷ coût, rounded by hand to 4 decimals.
  ["Mairie", 24247, 9698, 0.4],
  ["École", 662416, 135142, 0.204],
  ["Fours", 11699, 2925, 0.25],
  ["Voirie", 194419, 38883, 0.2],
  ["Place", 176444, 58226, 0.33],
  ["Salle", 420000, 126000, 0.3],
  ["Stade", 1000000, 250000, 0.25],
  ["Musée", 80000, 36000, 0.45],
  ["Crèche", 300000, 120000, 0.4],
  ["Gymnase", 500000, 150000, 0.3],
];
function grants(tauxOverride?: [number, number]): CellSpec[][] {
  return [
    ["Projet", "Coût total", "Subvention", "Taux"],
    ...GRANTS.map(([p, c, s, t], i) => [p, c, s, { v: tauxOverride && tauxOverride[0] === i ? tauxOverride[1] : t, fmt: "0.0000" }]),
  ];
}

checkTester.run(ligneCalcul, {
  valid: [
    { name: "ten rows, every total = quantité × prix unitaire", sheets: [{ name: "Budget", rows: estimate() }] },
    { name: "four rows, one wrong: too few rows to establish the relation", sheets: [{ name: "Budget", rows: estimate({ 0: 7000 }, ITEMS.slice(0, 4)) }] },
    {
      name: "two wrong rows out of ten: 80 % agree, no relation established",
      sheets: [{ name: "Budget", rows: estimate({ 0: 7000, 1: 7000 }) }],
    },
    { name: "grant rates right at their shown 4 decimals", sheets: [{ name: "DETR", rows: grants() }] },
    {
      name: "rates stored as text with a decimal comma, right at their typed precision",
      sheets: [{ name: "DETR", rows: [["Projet", "Coût", "Subvention", "Levier"], ...GRANTS.map(([p, c, s]) => [p, String(c), s, String(Math.round((s / c) * 1e10) / 1e10).replace(".", ",")])] }],
    },
    {
      name: "a quantity of zero says nothing about the relation",
      sheets: [{ name: "Budget", rows: [...estimate(), ["Extincteur", 0, 30, 120]] }],
    },
  ],
  invalid: [
    {
      name: "one total typed wrong: 12 680 for 4 × 3 215",
      sheets: [{ name: "Budget", rows: estimate({ 2: 12680 }) }],
      // 4 × 3 215 = 12 860; nine of the ten rows agree.
      findings: [{ messageId: "calculRompu", cell: "Budget!D4", actual: { kind: "number", value: 12680, decimals: 0 }, expected: { kind: "number", value: 12860, decimals: 0 } }],
    },
    {
      name: "a grant rate that is not subvention ÷ coût at 4 decimals",
      sheets: [{ name: "DETR", at: "B3", rows: grants([5, 0.35]) }],
      // 126 000 ÷ 420 000 = 0,3000, not 0,3500.
      findings: [{ messageId: "calculRompu", cell: "DETR!E9", actual: { kind: "number", value: 0.35, decimals: 4 }, expected: { kind: "number", value: 0.3, decimals: 4 } }],
    },
    {
      name: "recettes − dépenses = solde, one solde wrong",
      sheets: [
        {
          name: "Soldes",
          rows: [
            ["Mois", "Recettes", "Dépenses", "Solde"],
            ["Janvier", 1200, 800, 400],
            ["Février", 1500, 900, 600],
            ["Mars", 900, 950, -50],
            ["Avril", 2000, 1250, 750],
            ["Mai", 1100, 300, 800],
            ["Juin", 1300, 700, 700],
            ["Juillet", 800, 200, 600],
            ["Août", 500, 450, 50],
            ["Septembre", 1700, 1000, 700],
            ["Octobre", 1600, 600, 1000],
          ],
        },
      ],
      // 1 300 − 700 = 600.
      findings: [{ messageId: "calculRompu", cell: "Soldes!D7", actual: { kind: "number", value: 700, decimals: 0 }, expected: { kind: "number", value: 600, decimals: 0 } }],
    },
  ],
});
