import { STRINGS, plural, severityCount } from "../../src/taskpane/strings";
import { isDarkColor, langOf, themeFor } from "../../src/taskpane/environment";
import { webDarkTheme, webLightTheme } from "@fluentui/react-components";

/** The shape of a catalogue entry: its type, a function's arity, a table's keys. */
function shape(value: unknown): unknown {
  if (typeof value === "function") return `function/${value.length}`;
  if (Array.isArray(value)) return `array/${value.length}`;
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]).sort());
  return typeof value;
}

test("French and English have the same keys, each of the same shape", () => {
  expect(Object.keys(STRINGS.en).sort()).toEqual(Object.keys(STRINGS.fr).sort());
  expect(shape(STRINGS.en)).toEqual(shape(STRINGS.fr));
});

test("no string is empty, and none is left in the other language's words", () => {
  const texts = (value: unknown): string[] =>
    typeof value === "string" ? [value] : value && typeof value === "object" ? Object.values(value).flatMap(texts) : [];
  for (const lang of ["fr", "en"] as const) {
    for (const t of texts(STRINGS[lang])) expect(t.trim()).not.toBe("");
  }
  expect(texts(STRINGS.en).some((t) => /\b(le|la|les|des|classeur)\b/.test(t) && !/Montant|Coût|Code Opération|Contrôle|Dépense|CP €|Crédits/.test(t))).toBe(false);
});

test("the seeds' wording", () => {
  const fr = STRINGS.fr;
  expect([fr.check, fr.goToCell, fr.fix, fr.ignore, fr.highlight, fr.clearHighlights, fr.report, fr.found, fr.expected]).toEqual([
    "Contrôler le classeur",
    "Aller à la cellule",
    "Corriger",
    "Ignorer",
    "Surligner",
    "Effacer les marques",
    "Rapport de contrôle",
    "constaté",
    "attendu",
  ]);
  expect(fr.stale).toBe("Le classeur a changé depuis le contrôle : relancez-le.");
  expect([severityCount("error", 9, "fr"), severityCount("warning", 1, "fr"), severityCount("info", 19, "fr")]).toEqual([
    "9 erreurs",
    "1 avertissement",
    "19 informations",
  ]);
});

test("plural: French singular for 0 and 1, English for 1 only", () => {
  expect(plural(0, ["erreur", "erreurs"], "fr")).toBe("0 erreur");
  expect(plural(0, ["error", "errors"], "en")).toBe("0 errors");
  expect(plural(1, ["error", "errors"], "en")).toBe("1 error");
});

test("language and theme from Office's values", () => {
  expect(langOf("en-US")).toBe("en");
  expect(langOf("EN-gb")).toBe("en");
  expect(langOf("fr-FR")).toBe("fr");
  expect(langOf("de-DE")).toBe("fr");
  expect(langOf(undefined)).toBe("fr");
  expect(isDarkColor("#FFFFFF")).toBe(false);
  expect(isDarkColor("#E6E6E6")).toBe(false);
  expect(isDarkColor("#262626")).toBe(true);
  expect(isDarkColor("#000")).toBe(true);
  expect(isDarkColor("not a colour")).toBe(false);
  expect(themeFor("#1F1F1F")).toBe(webDarkTheme);
  expect(themeFor(undefined)).toBe(webLightTheme);
});

test("no component injects HTML: messages and cell values are data", () => {
  const fs = jest.requireActual<typeof import("fs")>("fs");
  const path = jest.requireActual<typeof import("path")>("path");
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|tsx)$/.test(entry.name)) files.push(full);
    }
  };
  walk(path.join(__dirname, "../../src/taskpane"));
  walk(path.join(__dirname, "../../src/web"));
  expect(files.length).toBeGreaterThan(10);
  const offenders = files.filter((f) => /dangerouslySetInnerHTML|\.innerHTML\s*=|insertAdjacentHTML|document\.write\(/.test(fs.readFileSync(f, "utf8")));
  expect(offenders).toEqual([]);
});
