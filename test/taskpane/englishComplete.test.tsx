/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
/*
 * Issue 12, English as good as French, for the pane and the browser page (as
 * test/cli/englishComplete.test.ts does for the CLI): every entry of their catalogue
 * (src/taskpane/strings.ts) has an English text of its own with English typography, and the pane
 * and the page rendered in English on the demo workbook show no French word of the catalogue.
 */
import "./textEncoding";
import * as React from "react";
import { readFileSync } from "fs";
import * as path from "path";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { allChecks } from "../../src/core/checks";
import { BUILTINS } from "../../src/core/fill/builtins";
import type { WorkbookSnapshot } from "../../src/core/model";
import { HOST_TEXTS } from "../../src/excel/errors";
import { FILL_TEXTS } from "../../src/excel/fill";
import { App } from "../../src/taskpane/components/App";
import { STRINGS } from "../../src/taskpane/strings";
import { WebPage } from "../../src/web/components/WebPage";
import { FakeHost } from "./fixtures";
import { renderInProvider } from "./render";

const DEMO = path.join(__dirname, "../../examples/dossier-commission-permanente.xlsx");
let mockDemo: WorkbookSnapshot;

jest.mock("../../src/file", () => {
  const actual = jest.requireActual("../../src/file");
  return { ...actual, readXlsx: async () => mockDemo };
});

jest.setTimeout(60_000);

beforeAll(async () => {
  const { readXlsx } = jest.requireActual<typeof import("../../src/file")>("../../src/file");
  mockDemo = await readXlsx(readFileSync(DEMO), "dossier-commission-permanente.xlsx");
});

/** A space, no-break or narrow no-break space before `:` `;` `!` `?`, or a French quotation mark. */
const FRENCH_TYPOGRAPHY = /[ \u00a0\u202f][:;!?]|[«»]/;

/** Arguments tried on a catalogue function: a count, a table kind (also a plain word), a list. */
const ARGUMENTS: unknown[] = [2, "imputation", ["imputation", "B2"]];

/** Every text of a catalogue entry, by path: its strings, and what its functions return for the arguments above. */
function texts(value: unknown, at = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === "string") out.set(at, value);
  else if (typeof value === "function") {
    const fn = value as (...a: unknown[]) => unknown;
    const tuples = (n: number): unknown[][] => (n === 0 ? [[]] : tuples(n - 1).flatMap((t) => ARGUMENTS.map((a) => [...t, a])));
    tuples(fn.length).forEach((args, i) => {
      try {
        const r = fn(...args);
        if (typeof r === "string") out.set(`${at}(${i})`, r);
      } catch {
        // Arguments of the wrong kind for this entry: another tuple fits.
      }
    });
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) for (const [p, t] of texts(v, `${at}.${k}`)) out.set(p, t);
  }
  return out;
}

/** The pane's catalogue, and the Excel host's messages the pane shows as they are. */
const fr = texts({ pane: STRINGS.fr, host: HOST_TEXTS.fr, fill: FILL_TEXTS.fr });
const en = texts({ pane: STRINGS.en, host: HOST_TEXTS.en, fill: FILL_TEXTS.en });

/** Entries the same in both languages by nature: the product's name, symbols, cell addresses. */
const SAME_IN_BOTH = /^(Pointage|[A-Z]{1,3}\d*(:[A-Z]{1,3}\d*)?|[\d\s%€.,:()/–-]*)$/;

/** Words both languages write the same, each used by one English entry only. */
const SAME_WORDS = new Set(["budgets", "libreoffice"]);

/** Words of a text (letters only, accents kept), lower-cased. */
function words(text: string): string[] {
  return (text.toLowerCase().match(/[a-zà-öø-ÿœ]+(?:['’][a-zà-öø-ÿœ]+)*/g) ?? []).map((w) => w.replace(/^(l|d|n|qu|j)['’]/, ""));
}

test("every catalogue function gave texts in both languages, for the same arguments", () => {
  expect([...en.keys()].sort()).toEqual([...fr.keys()].sort());
  // Functions included: more texts than string entries.
  expect(fr.size).toBeGreaterThan(Object.keys(STRINGS.fr).length + Object.keys(HOST_TEXTS.fr).length);
});

test("every entry has an English text of its own, with English typography", () => {
  // An entry that only joins its arguments (`Fix G2 (IMP-SOLDE)` from the action, cell and rule) has no words of its own.
  const ownText = (t: string) => t.replace(/imputation|B2|\b2\b/g, "").trim();
  const untranslated = [...fr].filter(([k, t]) => en.get(k) === t && !SAME_IN_BOTH.test(ownText(t))).map(([k]) => k);
  expect(untranslated).toEqual([]);
  const frenchSpacing = [...en].filter(([, t]) => FRENCH_TYPOGRAPHY.test(t)).map(([k, t]) => `${k}: ${t}`);
  expect(frenchSpacing).toEqual([]);
});

/**
 * The catalogue's French words that English never uses (in its other entries than `leftOut`:
 * an English entry's own French word must not excuse itself), less the demo workbook's own words
 * (its sheet names, labels and headers are data, shown as they are in both languages) and the
 * rules' ids (`REP-PLAGE`, `FORMULE-FIGEE`: stable codes, never translated).
 */
function frenchOnlyWords(leftOut?: string): Set<string> {
  const english = new Set([...en].filter(([k]) => k !== leftOut).flatMap(([, t]) => words(t)));
  const data = new Set(
    [
      ...mockDemo.sheets.flatMap((s) => [s.name, ...s.values.flat().map(String)]),
      ...allChecks.map((c) => c.id),
      // The built-in templates are named after the French documents they make (« Compte rendu
      // financier de l'action (cerfa 15059) » is the form's own title): names, shown as such.
      ...BUILTINS.map((t) => t.name),
    ].flatMap(words),
  );
  return new Set([...fr.values()].flatMap(words).filter((w) => w.length >= 4 && !english.has(w) && !data.has(w)));
}

/** What a user and a screen reader get of the page: its text, labels, titles, placeholders. */
function shownText(root: HTMLElement): string {
  const attrs = [...root.querySelectorAll("*")].flatMap((e) => ["aria-label", "title", "placeholder", "alt"].map((a) => e.getAttribute(a) ?? ""));
  return [root.textContent ?? "", ...attrs].join("\n");
}

function frenchIn(text: string, french: Set<string>): string[] {
  return [...new Set(words(text).filter((w) => french.has(w)))];
}

test("the detector finds a French word of the catalogue in a text and lets English through", () => {
  const french = frenchOnlyWords();
  expect(frenchIn("Contrôler le classeur", french)).toEqual(expect.arrayContaining(["contrôler", "classeur"]));
  expect(frenchIn("Check the workbook: 9 errors, 1 warning", french)).toEqual([]);
});

test("no entry in English uses a French word of the catalogue (a command's CLASSEUR, COPIE)", () => {
  // Text in “quotes” is a header as French workbooks write it (“Montant voté”), data not prose.
  const prose = (t: string) => t.replace(/“[^”]*”/g, "");
  const found = [...en]
    .map(([k, t]) => [k, frenchIn(prose(t), frenchOnlyWords(k)).filter((w) => !SAME_WORDS.has(w))] as const)
    .filter(([, w]) => w.length > 0);
  expect(found).toEqual([]);
});

test("the pane in English, results on the demo workbook, infos shown: no French word, no French spacing", async () => {
  const user = userEvent.setup();
  const { container } = renderInProvider(<App host={new FakeHost(mockDemo)} lang="en" />);
  await user.click(screen.getByRole("button", { name: "Check the workbook" }));
  const summary = await screen.findByRole("region", { name: "Summary" });
  await user.click(within(summary).getByRole("button", { name: /informations?$|infos?$/i }));
  const text = shownText(container);
  expect(text).toContain("IMP-SOLDE");
  expect(frenchIn(text, frenchOnlyWords())).toEqual([]);
  expect(text.split("\n").filter((l) => FRENCH_TYPOGRAPHY.test(l))).toEqual([]);
});

test("the page in English, results on the demo workbook: no French word, no French spacing", async () => {
  const { container } = renderInProvider(<WebPage lang="en" theme="light" download={() => undefined} />);
  const file = new File([new Uint8Array([80, 75])], "dossier-commission-permanente.xlsx");
  if (!file.arrayBuffer) Object.defineProperty(file, "arrayBuffer", { value: async () => new ArrayBuffer(2) });
  await userEvent.setup().upload(screen.getByTestId("file-input"), file);
  await waitFor(() => expect(screen.getAllByText(/IMP-SOLDE/).length).toBeGreaterThan(0));
  const text = shownText(container);
  expect(frenchIn(text, frenchOnlyWords())).toEqual([]);
  expect(text.split("\n").filter((l) => FRENCH_TYPOGRAPHY.test(l))).toEqual([]);
});
