/**
 * The seeds' real tables (Pas-de-Calais Commission Permanente 2023 and 2025, APES, Lianes
 * coopération), transcribed so that tests carry their own fixtures: a user's clone has no ../shared.
 */
import type { CellSpec } from "./sheet-builder";

export const IMPUTATION_HEADER = ["Code Opération", "Imputation budgétaire", "Libellé Opération", "CP", "Disponible", "Proposition", "Solde"];
/** The 2025 and APES reports write `CP` in Cyrillic letters. */
export const IMPUTATION_HEADER_CYRILLIC = ["Code Opération", "Imputation Budgétaire", "Libellé Opération", "СР", "Disponible", "Proposition", "Solde"];
export const DEPENSE_HEADER = ["Code Opération", "Imputation budgétaire", "Libellé Opération", "CP €", "Dépense €"];

/** Rapport 2023, Lianes coopération: 43 056 CP, 31 000 disponible, 7 000 proposés, 24 000 de solde. */
export function lianes2023(values: { cp?: CellSpec; disponible?: CellSpec; proposition?: CellSpec; solde?: CellSpec; imputation?: string } = {}): CellSpec[] {
  return [
    "C05-043A06",
    values.imputation ?? "65748/93043",
    "Actions européennes et internationales",
    values.cp ?? 43056,
    values.disponible ?? 31000,
    values.proposition ?? 7000,
    values.solde ?? 24000,
  ];
}

/** Rapport 2025, Lianes coopération: 10 000 CP and disponible, 9 380 proposés, 620 de solde. */
export function lianes2025(values: { disponible?: CellSpec; proposition?: CellSpec; solde?: CellSpec } = {}): CellSpec[] {
  return ["C05-043A06", "65748//93043", "Actions européennes et internationales", 10000, values.disponible ?? 10000, values.proposition ?? 9380, values.solde ?? 620];
}

/** Rapport 2023, APES: participation of 57 000 on C01-020Q01. */
export function apes2023(values: { solde?: CellSpec } = {}): CellSpec[] {
  return ["C01-020Q01", "6568/9365", "Mission ESS - Autres participations", 209285, 209285, 57000, values.solde ?? 152285];
}

/** The 2025 convention's breakdown: eight actions, 9 380 €, % shown with two decimals. */
export const LIANES_2025_BUDGET: [string, string, number, number][] = [
  ["Mise en place du parcours d'accompagnement à la mobilité (PAM – 7 modules)", "Animation des modules, supports pédagogiques", 3000, 31.98],
  ["Appui-conseil auprès des porteurs de projet/lauréats", "Entretiens, fiches-conseil, suivi personnalisé", 1500, 15.99],
  ["Animation de 2 ateliers collectif lauréats", "Organisation, animation, logistique", 800, 8.53],
  ["Appui au pôle ingénierie", "Soutien technique, administratif, partage de pratiques", 600, 6.4],
  ["Valorisation des dispositifs MEI et jumelage", "Création de contenus, diffusion, témoignages", 1400, 14.93],
  ["Frais de coordination", "Réunions, pilotage global, rapports", 1180, 12.58],
  ["Administratif et coûts indirects", "Gestion administrative et financière, local", 700, 7.46],
  ["Frais de déplacement et petit matériel", "Déplacements terrain, matériel formation", 200, 2.13],
];
export const REPARTITION_HEADER = ["Intitulé de l'action", "Description", "Montant alloué (€)", "%"];

/** The APES 2023 programme budget: five axes and the engineering line, 57 000 €. */
export const APES_2023_BUDGET: [string, string, number][] = [
  ["Axe 1:", "3 petits déjeuners thématiques", 3750],
  ["IIAC I ,", "2 ateliers de Co-Développement", 3000],
  ["Axe 2:", "Soutenir les acteurs en situation de fragilité", 4500],
  ["Axe 3:", "Appui aux dynamiques collectives des Maisons de l'ESS", 11250],
  ["Axe 4:", "Amélioration continue des pratiques", 33000],
  ["Ingénierie de l'action", "", 1500],
];
