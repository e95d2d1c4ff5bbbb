/** The help of a finding's rule, from the checks themselves (the same text as docs/regles.md). */
import { allChecks } from "../core/checks";
import type { RuleHelp } from "../core/checks/types";
import type { Lang } from "../core/findings";

const HELP = new Map(allChecks.map((c) => [c.id, c.help]));

/** The four parts in the order they are shown. */
export const HELP_PARTS: readonly (keyof RuleHelp)[] = ["checks", "why", "fix", "example"];

/** The rule's help in `lang`, or undefined for an id no check carries. */
export function ruleHelp(rule: string, lang: Lang): RuleHelp | undefined {
  return HELP.get(rule)?.[lang];
}
