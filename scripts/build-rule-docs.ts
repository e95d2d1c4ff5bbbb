/**
 * Builds docs/regles.md from the checks' own metadata and help texts (src/core/checks/), French
 * first, then English: one section per rule with its id, severity and the four parts of its help.
 * As markdownlint's doc-build, the page is generated and committed, and
 * test/core/checks/registry.test.ts fails when it is not what this script would write now.
 *
 * `npm run docs` compiles this file with tsconfig.docs.json and writes the page.
 */
import * as fs from "fs";
import * as path from "path";
import { allChecks } from "../src/core/checks";
import type { Check, RuleHelp } from "../src/core/checks/types";
import type { Lang, Severity } from "../src/core/findings";

interface Labels {
  heading: string;
  severity: string;
  severities: Record<Severity, string>;
  parts: Record<keyof RuleHelp, string>;
}

const LABELS: Record<Lang, Labels> = {
  fr: {
    heading: "En français",
    severity: "Gravité :",
    severities: { error: "erreur", warning: "avertissement", info: "information" },
    parts: { checks: "Ce qui est vérifié", why: "Pourquoi c'est important", fix: "Comment corriger", example: "Exemple" },
  },
  en: {
    heading: "In English",
    severity: "Severity:",
    severities: { error: "error", warning: "warning", info: "info" },
    parts: { checks: "What it checks", why: "Why it matters", fix: "How to fix it", example: "Example" },
  },
};

const PARTS: readonly (keyof RuleHelp)[] = ["checks", "why", "fix", "example"];

function section(check: Check, lang: Lang): string[] {
  const labels = LABELS[lang];
  const help = check.help[lang];
  return [
    `### ${check.id}`,
    "",
    `${labels.severity} **${labels.severities[check.severity]}**`,
    "",
    ...PARTS.flatMap((part) => [`**${labels.parts[part]}.** ${help[part]}`, ""]),
  ];
}

/** The whole page, ending with one newline. */
export function renderRuleDocs(checks: readonly Check[] = allChecks): string {
  const lines = [
    "# Règles de Pointage / Pointage's rules",
    "",
    "<!-- Generated from src/core/checks/ by scripts/build-rule-docs.ts: do not edit, run `npm run docs`. -->",
    "",
    `Chaque constat de Pointage porte l'identifiant de la règle qu'il enfreint. ${checks.length} règles, en français puis [en anglais](#in-english).`,
    "",
    `Every Pointage finding carries the id of the rule it breaks. ${checks.length} rules, in French, then [in English](#in-english).`,
    "",
  ];
  for (const lang of ["fr", "en"] as const) {
    lines.push(`## ${LABELS[lang].heading}`, "");
    for (const check of checks) lines.push(...section(check, lang));
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

if (require.main === module) {
  const out = path.resolve(process.argv[2] ?? "docs/regles.md");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, renderRuleDocs(), "utf8");
  console.log(`${path.relative(process.cwd(), out)}: ${allChecks.length} rules`);
}
