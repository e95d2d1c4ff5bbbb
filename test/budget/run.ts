/**
 * Runs the engine on the association budgets test/budget/generator.ts writes (a real .xlsx read
 * back), for the BUD and CRF checks' tests: each check fires on the cell the generator names and
 * stays silent on the near-identical clean workbook.
 */
import { allChecks } from "../../src/core/checks";
import type { Check } from "../../src/core/checks/types";
import { checkWorkbook, type CheckResult } from "../../src/core/engine";
import { readXlsx } from "../../src/file";
import { actionBudget, budgetWorkbook, type AmountStyle, type BudgetSpec } from "./generator";

export type Extra = Parameters<typeof budgetWorkbook>[1];

export async function run(specs: BudgetSpec[], extra: Extra = [], checks: readonly Check[] = allChecks): Promise<{ result: CheckResult; cells: Record<string, string> }> {
  const { bytes, cells } = await budgetWorkbook(specs, extra);
  const snapshot = await readXlsx(bytes, "budget.xlsx");
  const result = checkWorkbook(snapshot, { checks });
  expect(result.failures).toEqual([]);
  return { result, cells };
}

export const at = (r: CheckResult) => r.findings.map((f) => `${f.rule} ${f.sheet}!${f.cell}`);
/** Amounts typed as text are read and said once per run (NUM-TEXTE, an info): left out here. */
export const beyondText = (r: CheckResult) => at(r).filter((x) => !x.startsWith("NUM-TEXTE"));
export const serious = (r: CheckResult) => r.findings.filter((f) => f.severity !== "info").map((f) => `${f.rule} ${f.sheet}!${f.cell}: ${f.message}`);

export function spec(options: Parameters<typeof actionBudget>[0] & { layout?: "side" | "stacked"; amountStyle?: AmountStyle; compteRendu?: boolean } = {}): BudgetSpec {
  const { charges, produits } = actionBudget(options);
  return {
    sheet: "Budget",
    title: options.compteRendu ? "COMPTE RENDU FINANCIER DE L'ACTION" : "BUDGET PRÉVISIONNEL DE L'ACTION",
    layout: options.layout ?? "side",
    amountStyle: options.amountStyle ?? "text",
    charges,
    produits,
    compteRendu: options.compteRendu,
  };
}


export const convention = (subvention: string, extra: (string | number)[][] = []): Extra => [
  {
    sheet: "Convention",
    rows: [["Article 4 – Montant de la subvention"], ["Montant de la subvention", subvention], ["Coût total prévisionnel", "18 695,00 €"], ...extra],
  },
];

