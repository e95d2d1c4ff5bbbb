import * as React from "react";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { allChecks } from "../../src/core/checks";
import { impSolde } from "../../src/core/checks/imp-solde";
import type { Finding, Lang } from "../../src/core/findings";
import { money } from "../../src/core/format";
import { App } from "../../src/taskpane/components/App";
import { FindingItem } from "../../src/taskpane/components/FindingItem";
import { FindingList, groupFindings } from "../../src/taskpane/components/FindingList";
import { IMPUTATION_HEADER, apes2023 } from "../helpers/seeds";
import { snapshotOf } from "../helpers/sheet-builder";
import { FakeHost } from "./fixtures";
import { renderInProvider } from "./render";

const PAYLOAD = "<img src=x onerror=alert(1)>";

function finding(over: Partial<Finding> = {}): Finding {
  return {
    rule: "IMP-SOLDE",
    severity: "error",
    sheet: "Rapport",
    cell: "G2",
    related: ["Rapport!E2", "Rapport!F2"],
    actual: money(15128500),
    expected: money(15228500),
    messageId: "soldeMismatch",
    data: {},
    message: "Le solde est faux.",
    fix: { sheet: "Rapport", cell: "G2", formula: "=E2-F2" },
    table: "Rapport!A1:G2",
    ...over,
  };
}

const noop = (): void => undefined;

test("a message holding HTML is shown as text, never parsed", () => {
  const { container } = renderInProvider(
    <ul>
      <FindingItem finding={finding({ message: `Valeur ${PAYLOAD} illisible.` })} lang="fr" fix="available" onGoTo={noop} onFix={noop} onIgnore={noop} />
    </ul>,
  );
  expect(screen.getByText(`Valeur ${PAYLOAD} illisible.`)).toBeTruthy();
  expect(container.querySelector("img")).toBeNull();
  expect(document.querySelector("img")).toBeNull();
});

test("a sheet named like HTML stays text through the whole pane", async () => {
  const host = new FakeHost(snapshotOf([{ name: PAYLOAD, rows: [IMPUTATION_HEADER, apes2023({ solde: 151285 })] }]));
  const user = userEvent.setup();
  renderInProvider(<App host={host} />);
  await user.click(screen.getByRole("button", { name: "Contrôler le classeur" }));
  // The card names its sheet, as text.
  // IMP-SOLDE and FORMULE-FIGEE share the cell and the fix: one card.
  const card = await screen.findByRole("listitem", { name: /G2.*IMP-SOLDE \+ FORMULE-FIGEE/ });
  expect(card.textContent).toContain(PAYLOAD);
  expect(document.querySelector("img")).toBeNull();
  await user.click(screen.getByRole("button", { name: "Aller à la cellule G2 (IMP-SOLDE + FORMULE-FIGEE)" }));
  expect(host.callsTo("selectCell")).toEqual([[PAYLOAD, "G2"]]);
});

test("found, expected and the proposed fix", () => {
  renderInProvider(
    <ul>
      <FindingItem finding={finding()} lang="fr" fix="available" onGoTo={noop} onFix={noop} onIgnore={noop} />
    </ul>,
  );
  const item = screen.getByRole("listitem", { name: "Erreur G2 IMP-SOLDE" });
  expect(within(item).getByText("constaté").nextSibling?.textContent).toBe("151\u202f285,00\u00a0€");
  expect(within(item).getByText("attendu").nextSibling?.textContent).toBe("152\u202f285,00\u00a0€");
  expect(within(item).getByText("=E2-F2")).toBeTruthy();
  expect(within(item).getByText("cellules liées : Rapport!E2, Rapport!F2")).toBeTruthy();
});

test("each action tells which finding it acts on", async () => {
  const calls: string[] = [];
  const user = userEvent.setup();
  renderInProvider(
    <ul>
      <FindingItem
        finding={finding()}
        lang="fr"
        fix="available"
        onGoTo={(f) => calls.push(`goto ${f.cell}`)}
        onFix={(f) => calls.push(`fix ${f.cell}`)}
        onIgnore={(f) => calls.push(`ignore ${f.cell}`)}
      />
    </ul>,
  );
  await user.click(screen.getByRole("button", { name: "Aller à la cellule G2 (IMP-SOLDE)" }));
  await user.click(screen.getByRole("button", { name: "Corriger G2 (IMP-SOLDE)" }));
  await user.click(screen.getByRole("button", { name: "Ignorer G2 (IMP-SOLDE)" }));
  expect(calls).toEqual(["goto G2", "fix G2", "ignore G2"]);
});

test("keyboard: Tab reaches the actions and Enter runs them", async () => {
  const calls: string[] = [];
  const user = userEvent.setup();
  renderInProvider(
    <ul>
      <FindingItem finding={finding()} lang="fr" fix="none" onGoTo={(f) => calls.push(`goto ${f.cell}`)} onFix={noop} onIgnore={noop} />
    </ul>,
  );
  await user.tab();
  expect(document.activeElement).toBe(screen.getByRole("button", { name: "Aller à la cellule G2 (IMP-SOLDE)" }));
  await user.keyboard("{Enter}");
  expect(calls).toEqual(["goto G2"]);
  expect(screen.queryByRole("button", { name: /Corriger/ })).toBeNull();
});

test("grouping: by sheet in order, tables in workbook order, loose findings last", () => {
  const tables = [
    { id: "A!A1:G3", kind: "imputation" as const, sheet: "A", range: "A1:G3", columns: {}, rows: 2 },
    { id: "A!A10:D20", kind: "repartition" as const, sheet: "A", range: "A10:D20", columns: {}, rows: 9 },
  ];
  const groups = groupFindings(
    [
      finding({ sheet: "A", cell: "B1", table: undefined, rule: "CELL-ERREUR" }),
      finding({ sheet: "A", cell: "G2", table: "A!A1:G3" }),
      finding({ sheet: "A", cell: "C20", table: "A!A10:D20", rule: "REP-TOTAL" }),
      finding({ sheet: "A", cell: "G3", table: "A!A1:G3" }),
      finding({ sheet: "B", cell: "E4", table: "A!A1:G3", rule: "IMP-CHAINE" }),
    ],
    tables,
  );
  expect(groups.map((g) => [g.sheet, g.groups.map((t) => [t.table?.id ?? "other", t.findings.map((f) => f.cell)])])).toEqual([
    ["A", [["A!A1:G3", ["G2", "G3"]], ["A!A10:D20", ["C20"]], ["other", ["B1"]]]],
    ["B", [["other", ["E4"]]]],
  ]);
});

test("the list shows one heading per sheet and per table", () => {
  const tables = [{ id: "Rapport!A1:G2", kind: "imputation" as const, sheet: "Rapport", range: "A1:G2", columns: {}, rows: 1 }];
  renderInProvider(
    <FindingList
      findings={[finding(), finding({ cell: "B1", rule: "CELL-ERREUR", table: undefined, fix: undefined, severity: "warning" })]}
      tables={tables}
      lang="en"
      fixOf={(f) => (f.fix ? "available" : "none")}
      onGoTo={noop}
      onFix={noop}
      onIgnore={noop}
    />,
  );
  expect(screen.getByRole("heading", { level: 3, name: "Sheet “Rapport”" })).toBeTruthy();
  expect(screen.getByRole("heading", { level: 4, name: "Imputation table A1:G2" })).toBeTruthy();
  expect(screen.getByRole("heading", { level: 4, name: "Other findings" })).toBeTruthy();
  expect(screen.getByRole("listitem", { name: "Warning B1 CELL-ERREUR" })).toBeTruthy();
});

describe("« En savoir plus »: the rule's help from the card", () => {
  const PARTS = ["checks", "why", "fix", "example"] as const;

  function renderItem(lang: Lang, over: Partial<Finding> = {}) {
    return renderInProvider(
      <ul>
        <FindingItem finding={finding(over)} lang={lang} fix="available" onGoTo={noop} onFix={noop} onIgnore={noop} />
      </ul>,
    );
  }

  test("in French: folded at first, opens on a click with the four parts, folds again", async () => {
    const user = userEvent.setup();
    renderItem("fr");
    const toggle = screen.getByRole("button", { name: "En savoir plus sur la règle IMP-SOLDE (G2)" });
    expect(toggle.textContent).toBe("En savoir plus");
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(screen.queryByRole("region", { name: "Règle IMP-SOLDE" })).toBeNull();

    await user.click(toggle);
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    const region = screen.getByRole("region", { name: "Règle IMP-SOLDE" });
    expect(toggle.getAttribute("aria-controls")).toBe(region.id);
    expect(within(region).getAllByRole("term").map((t) => t.textContent)).toEqual([
      "Ce qui est vérifié",
      "Pourquoi c'est important",
      "Comment corriger",
      "Exemple",
    ]);
    expect(within(region).getAllByRole("definition").map((d) => d.textContent)).toEqual(PARTS.map((p) => impSolde.help.fr[p]));
    expect(within(region).getByText(/31 000 − 7 000 = 24 000/)).toBeTruthy();

    await user.click(toggle);
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(screen.queryByRole("region", { name: "Règle IMP-SOLDE" })).toBeNull();
  });

  test("in English, from the keyboard: Tab to the button, Enter opens, Space folds", async () => {
    const user = userEvent.setup();
    renderItem("en");
    const toggle = screen.getByRole("button", { name: "Learn more about rule IMP-SOLDE (G2)" });
    expect(toggle.textContent).toBe("Learn more");
    while (document.activeElement !== toggle) await user.tab();
    await user.keyboard("{Enter}");
    const region = screen.getByRole("region", { name: "Rule IMP-SOLDE" });
    expect(within(region).getAllByRole("term").map((t) => t.textContent)).toEqual(["What it checks", "Why it matters", "How to fix it", "Example"]);
    expect(within(region).getAllByRole("definition").map((d) => d.textContent)).toEqual(PARTS.map((p) => impSolde.help.en[p]));
    expect(within(region).getByText(/31,000 − 7,000 = 24,000/)).toBeTruthy();
    await user.keyboard(" ");
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(screen.queryByRole("region")).toBeNull();
  });

  test.each(allChecks.flatMap((c) => (["fr", "en"] as const).map((lang) => [c.id, lang, c] as const)))(
    "%s (%s): the card shows the rule's own help, as text",
    async (id, lang, check) => {
      const user = userEvent.setup();
      const { container } = renderItem(lang, { rule: id, severity: check.severity });
      await user.click(screen.getByRole("button", { name: lang === "fr" ? `En savoir plus sur la règle ${id} (G2)` : `Learn more about rule ${id} (G2)` }));
      const region = screen.getByRole("region", { name: lang === "fr" ? `Règle ${id}` : `Rule ${id}` });
      expect(within(region).getAllByRole("definition").map((d) => d.textContent)).toEqual(PARTS.map((p) => check.help[lang][p]));
      // Only the list's own elements: nothing in the help is parsed as markup.
      expect(new Set([...region.querySelectorAll("*")].map((e) => e.tagName))).toEqual(new Set(["DL", "DIV", "DT", "DD"]));
      expect(container.querySelector("img, a, script")).toBeNull();
    },
  );

  test("a rule no check carries has no help button", () => {
    renderItem("fr", { rule: "ABC-INCONNUE" });
    expect(screen.queryByRole("button", { name: /En savoir plus/ })).toBeNull();
  });

  test("in the pane after a check, each card opens its own help", async () => {
    const host = new FakeHost(snapshotOf([{ name: "Rapport", rows: [IMPUTATION_HEADER, apes2023({ solde: 151285 })] }]));
    const user = userEvent.setup();
    renderInProvider(<App host={host} />);
    await user.click(screen.getByRole("button", { name: "Contrôler le classeur" }));
    // The card merges IMP-SOLDE and FORMULE-FIGEE (same cell, same fix): its help covers both.
    await user.click(await screen.findByRole("button", { name: "En savoir plus sur la règle IMP-SOLDE + FORMULE-FIGEE (G2)" }));
    const region = screen.getByRole("region", { name: /IMP-SOLDE/ });
    expect(within(region).getByText(impSolde.help.fr.why)).toBeTruthy();
  });
});
