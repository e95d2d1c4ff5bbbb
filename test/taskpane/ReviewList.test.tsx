/*
 * One card of the review list on its own (issue 12): its texts stay text, found / expected /
 * related cells / proposed fix, actions naming their card, and the rule's help behind
 * « En savoir plus ». Moved here from the FindingItem tests when the pane's list became cards.
 */
import * as React from "react";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { groupFindings, type FindingCard } from "../../src/core/cards";
import { allChecks } from "../../src/core/checks";
import { impSolde } from "../../src/core/checks/imp-solde";
import type { Finding, Lang } from "../../src/core/findings";
import { money } from "../../src/core/format";
import { App } from "../../src/taskpane/components/App";
import { ReviewList, type ReviewListProps } from "../../src/taskpane/components/ReviewList";
import { IMPUTATION_HEADER, apes2023 } from "../helpers/seeds";
import { snapshotOf } from "../helpers/sheet-builder";
import { FakeHost } from "./fixtures";
import { renderInProvider } from "./render";

const PAYLOAD = "<img src=x onerror=alert(1)>";

/** APES 2023's line with its Solde typed 1 000 € short: 209 285 − 57 000 = 152 285, 151 285 found. */
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

function renderCard(lang: Lang, over: Partial<Finding> = {}, handlers: Partial<ReviewListProps> = {}) {
  const cards: FindingCard[] = groupFindings([finding(over)]);
  return renderInProvider(
    <ReviewList
      cards={cards}
      allCards={cards}
      currentKey={cards[0].key}
      lang={lang}
      fixOf={(c) => (c.fix ? "available" : "none")}
      onCurrentChange={noop}
      onGoTo={noop}
      onStep={noop}
      onFix={noop}
      onIgnore={noop}
      {...handlers}
    />,
  );
}

test("a message holding HTML is shown as text, never parsed", () => {
  const { container } = renderCard("fr", { message: `Valeur ${PAYLOAD} illisible.` });
  expect(screen.getByText(`Valeur ${PAYLOAD} illisible.`)).toBeTruthy();
  expect(container.querySelector("img")).toBeNull();
  expect(document.querySelector("img")).toBeNull();
});

test("a sheet named like HTML stays text through the whole pane", async () => {
  const host = new FakeHost(snapshotOf([{ name: PAYLOAD, rows: [IMPUTATION_HEADER, apes2023({ solde: 151285 })] }]));
  const user = userEvent.setup();
  renderInProvider(<App host={host} />);
  await user.click(screen.getByRole("button", { name: "Contrôler le classeur" }));
  // IMP-SOLDE and FORMULE-FIGEE share the cell and the fix: one card, naming its sheet as text.
  const card = await screen.findByRole("listitem", { name: /G2.*IMP-SOLDE \+ FORMULE-FIGEE/ });
  expect(card.textContent).toContain(PAYLOAD);
  expect(document.querySelector("img")).toBeNull();
  await user.click(screen.getByRole("button", { name: "Aller à la cellule G2 (IMP-SOLDE + FORMULE-FIGEE)" }));
  expect(host.callsTo("selectCell")).toEqual([[PAYLOAD, "G2"]]);
});

test.each([
  ["fr", "constaté", "attendu", "151\u202f285,00\u00a0€", "152\u202f285,00\u00a0€", "cellules liées : Rapport!E2, Rapport!F2"],
  ["en", "found", "expected", "€151,285.00", "€152,285.00", "related cells: Rapport!E2, Rapport!F2"],
] as const)("found, expected, related cells and the proposed fix (%s)", (lang, found, expected, actual, wanted, related) => {
  renderCard(lang);
  const item = screen.getByRole("listitem", { name: /G2.*IMP-SOLDE/ });
  expect(within(item).getByText(found).nextSibling?.textContent).toBe(actual);
  expect(within(item).getByText(expected).nextSibling?.textContent).toBe(wanted);
  expect(within(item).getByText("=E2-F2")).toBeTruthy();
  expect(within(item).getByText(related)).toBeTruthy();
});

test("each action tells which card it acts on", async () => {
  const calls: string[] = [];
  const user = userEvent.setup();
  renderCard("fr", {}, {
    onGoTo: (c) => calls.push(`goto ${c.cell}`),
    onFix: (f) => calls.push(`fix ${f.cell}`),
    onIgnore: (c) => calls.push(`ignore ${c.cell}`),
  });
  await user.click(screen.getByRole("button", { name: "Aller à la cellule G2 (IMP-SOLDE)" }));
  await user.click(screen.getByRole("button", { name: "Corriger G2 (IMP-SOLDE)" }));
  await user.click(screen.getByRole("button", { name: "Ignorer G2 (IMP-SOLDE)" }));
  expect(calls).toEqual(["goto G2", "fix G2", "ignore G2"]);
});

describe("« En savoir plus »: the rule's help from the card", () => {
  const PARTS = ["checks", "why", "fix", "example"] as const;

  test("in French: folded at first, opens on a click with the four parts, folds again", async () => {
    const user = userEvent.setup();
    renderCard("fr");
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
    renderCard("en");
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
    expect(screen.queryByRole("region", { name: "Rule IMP-SOLDE" })).toBeNull();
  });

  test.each(allChecks.flatMap((c) => (["fr", "en"] as const).map((lang) => [c.id, lang, c] as const)))(
    "%s (%s): the card shows the rule's own help, as text",
    async (id, lang, check) => {
      const user = userEvent.setup();
      const { container } = renderCard(lang, { rule: id, severity: check.severity });
      await user.click(screen.getByRole("button", { name: lang === "fr" ? `En savoir plus sur la règle ${id} (G2)` : `Learn more about rule ${id} (G2)` }));
      const region = screen.getByRole("region", { name: lang === "fr" ? `Règle ${id}` : `Rule ${id}` });
      expect(within(region).getAllByRole("definition").map((d) => d.textContent)).toEqual(PARTS.map((p) => check.help[lang][p]));
      // Only the list's own elements: nothing in the help is parsed as markup.
      expect(new Set([...region.querySelectorAll("*")].map((e) => e.tagName))).toEqual(new Set(["DL", "DIV", "DT", "DD"]));
      expect(container.querySelector("img, a, script")).toBeNull();
    },
  );

  test("a rule no check carries has no help button", () => {
    renderCard("fr", { rule: "ABC-INCONNUE" });
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
