/** The built-in templates, in the order `pointage templates` lists them. */
import type { ProrataRegime } from "../../settings";
import { bilan } from "./bilan";
import { budgetPrevisionnel, compteRendu } from "./cerfa";
import { convention } from "./convention";
import { deliberation } from "./deliberation";
import { rapport } from "./rapport";
import { synthese } from "./synthese";
import type { BuiltinTemplate } from "./types";

/** The built-ins; the bilan's subsidy due follows the workbook's regime (prorata by default). */
export function builtins(regime: ProrataRegime = "prorata"): readonly BuiltinTemplate[] {
  return [rapport, deliberation, convention, bilan(regime), synthese, budgetPrevisionnel, compteRendu];
}

export const BUILTINS: readonly BuiltinTemplate[] = builtins();
