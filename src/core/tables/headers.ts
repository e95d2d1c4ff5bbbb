/**
 * Column headers → column roles. Users word headers their own way; this is the synonym table,
 * extended by the workbook's own header mapping (settings). Matching is on the folded label
 * (text.ts), exact, so that `Subventions d'exploitation` is never taken for `Subvention`.
 */
import type { ColumnRole } from "../settings";
import { normalizeLabel } from "../text";

const SYNONYMS: Record<ColumnRole, readonly (string | RegExp)[]> = {
  code: ["codeoperation", "codeop", "code", "codeoperations", "nooperation", "numerooperation", "operationcode"],
  imputation: ["imputationbudgetaire", "imputation", "imputationcomptable", "imputationsbudgetaires", "naturefonction"],
  libelle: ["libelleoperation", "libelle", "intituleoperation", "libelledeloperation"],
  cp: [/^cp(20\d\d)?$/, "cpvotes", "creditsdepaiement", "creditdepaiement", "cpouverts", "creditsouverts", /^creditsdepaiement20\d\d$/],
  disponible: ["disponible", "dispo", "montantdisponible", "creditsdisponibles", "disponibleavant", "disponibleavantcp"],
  proposition: ["proposition", "montantpropose", "propositions", "montantdelaproposition", "propositioncp"],
  solde: ["solde", "soldeapres", "soldeapresproposition", "soldedisponible", "reste", "restedisponible"],
  depense: ["depense", "depenses", "montantdeladepense", "depensecp"],
  montant: [
    "montant",
    "montantalloue",
    "montants",
    "bp",
    /^bp20\d\d$/,
    "budget",
    "budgetprevisionnel",
    "cout",
    "couts",
    "couttotal",
    "montantprevu",
    "montantprevisionnel",
    "montantdemande",
    "montantsollicite",
    "montantattribue",
    "montantaccorde",
    "montantdelasubvention",
    "montantsubvention",
    "subventionaccordee",
    "subventionattribuee",
    "previsionnel",
  ],
  pourcent: ["%", "part", "pourcentage", "%dutotal", "partdutotal", "partenpourcentage", "pourcentagedutotal", "%dubudget", "ratio"],
};

/** Suffixes a header may carry on top of a synonym: `Montant TTC`, `Montant en euros`. */
const SUFFIXES = ["eneurosttc", "eneurosht", "eneuros", "euros", "ttc", "ht", "eur"];

function matches(key: string, patterns: readonly (string | RegExp)[]): boolean {
  return patterns.some((p) => (typeof p === "string" ? p === key : p.test(key)));
}

/** The role a header names, or undefined for a plain label column. `headerMap` keys are as typed. */
export function headerRole(raw: unknown, headerMap: Record<string, ColumnRole> = {}): ColumnRole | undefined {
  const key = normalizeLabel(raw);
  if (key === "") return undefined;
  for (const [typed, role] of Object.entries(headerMap)) if (normalizeLabel(typed) === key) return role;
  const candidates = [key, ...SUFFIXES.filter((s) => key.endsWith(s) && key.length > s.length).map((s) => key.slice(0, -s.length))];
  for (const candidate of candidates) {
    for (const role of Object.keys(SYNONYMS) as ColumnRole[]) if (matches(candidate, SYNONYMS[role])) return role;
  }
  return undefined;
}
