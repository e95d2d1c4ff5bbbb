/*
 * Issue 12, the review flow in the pane: counts as filters (infos folded), merged cards,
 * Précédent / Suivant, a keyboard walk with one Tab stop for the list, focus after a check and the
 * live region. The budget workbook's findings are known by hand (fixtures.ts): IMP-SOLDE on
 * 'Rapport APES'!G3, REP-POURCENT on 'Convention 2025'!D7, REP-POURCENT-SOMME on D10, two infos.
 */
import * as React from "react";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { parseA1 } from "../../src/core/address";
import type { Fix } from "../../src/core/findings";
import type { CellValue, WorkbookSnapshot } from "../../src/core/model";
import type { RangeData } from "../../src/core/patch";
import type { ChangedRange } from "../../src/core/recheck";
import type { FixUndo } from "../../src/host/HostApi";
import { App } from "../../src/taskpane/components/App";
import { FakeHost } from "./fixtures";
import { renderInProvider } from "./render";
import { lianesBudget } from "../helpers/budgets";
import { apes2023, IMPUTATION_HEADER } from "../helpers/seeds";
import { snapshotOf } from "../helpers/sheet-builder";

jest.setTimeout(30_000);

const LIST = "Remarques, de la plus grave à la moins grave";

async function checked(host = new FakeHost()) {
  const user = userEvent.setup();
  renderInProvider(<App host={host} />);
  await user.click(screen.getByRole("button", { name: "Contrôler le classeur" }));
  await waitFor(() => expect(screen.queryByRole("progressbar")).toBeNull());
  return { user, host };
}

/** The cards on screen, by their keys (rules, sheet, cell), in order. */
function cardKeys(): string[] {
  const list = screen.queryByRole("list", { name: LIST });
  if (!list) return [];
  return [...list.children].map((li) => li.getAttribute("data-card") ?? "");
}

const SOLDE = "IMP-SOLDE|Rapport APES|G3";
const POURCENT = "REP-POURCENT|Convention 2025|D7";
const SOMME = "REP-POURCENT-SOMME|Convention 2025|D10";

test("the summary's counts are filters: infos folded at first, each count shows or hides its cards", async () => {
  const { user } = await checked();
  const summary = screen.getByRole("region", { name: "Résumé" });
  const errors = within(summary).getByRole("button", { name: "3 erreurs" });
  const infos = within(summary).getByRole("button", { name: "2 informations" });
  expect(errors.getAttribute("aria-pressed")).toBe("true");
  expect(infos.getAttribute("aria-pressed")).toBe("false");
  expect(cardKeys()).toEqual([SOLDE, POURCENT, SOMME]);

  await user.click(infos);
  expect(infos.getAttribute("aria-pressed")).toBe("true");
  expect(cardKeys()).toHaveLength(5);
  expect(cardKeys().slice(0, 3)).toEqual([SOLDE, POURCENT, SOMME]);

  // Errors hidden: only the infos are left.
  await user.click(errors);
  expect(errors.getAttribute("aria-pressed")).toBe("false");
  expect(cardKeys()).toHaveLength(2);
  expect(cardKeys().every((k) => ![SOLDE, POURCENT, SOMME].includes(k))).toBe(true);

  await user.click(infos);
  expect(cardKeys()).toEqual([]);
  expect(screen.getByText(/Aucune remarque avec ces filtres/)).toBeTruthy();
});

test("Suivant and Précédent walk the cards and select each cell, round the end", async () => {
  const { user, host } = await checked();
  const next = screen.getByRole("button", { name: "Suivant" });
  await user.click(next);
  await user.click(next);
  await user.click(next);
  await user.click(next);
  expect(host.callsTo("selectCell")).toEqual([
    ["Rapport APES", "G3"],
    ["Convention 2025", "D7"],
    ["Convention 2025", "D10"],
    ["Rapport APES", "G3"],
  ]);
  expect(screen.getByText("Remarque 1 sur 3")).toBeTruthy();
  await user.click(screen.getByRole("button", { name: "Précédent" }));
  expect(host.callsTo("selectCell").at(-1)).toEqual(["Convention 2025", "D10"]);
  expect(screen.getByText("Remarque 3 sur 3")).toBeTruthy();
  const current = screen.getByRole("list", { name: LIST }).querySelector('[aria-current="true"]');
  expect(current?.getAttribute("data-card")).toBe(SOMME);
});

test("keyboard: the list is one Tab stop, the arrow keys walk every card, Enter selects its cell", async () => {
  const { user, host } = await checked();
  await user.click(screen.getByRole("button", { name: "2 informations" }));
  const list = screen.getByRole("list", { name: LIST });
  const cards = [...list.children] as HTMLElement[];
  expect(cards).toHaveLength(5);
  // One card in the Tab order; the other cards and their buttons out of it.
  const tabbable = (root: HTMLElement) => [...root.querySelectorAll<HTMLElement>("li[tabindex], button")].filter((e) => e.tabIndex >= 0 && !(e as HTMLButtonElement).disabled);
  expect(cards.filter((c) => c.tabIndex === 0)).toEqual([cards[0]]);
  for (const c of cards.slice(1)) expect(tabbable(c)).toEqual([]);

  // Tab itself is not simulated: Tabster (Fluent's focus manager) handles Tab keys from jsdom's
  // layout, which has none. The Tab order is the tabindex values asserted here and below.
  cards[0].focus();

  // Down the whole list and back.
  for (let i = 1; i < cards.length; i++) {
    await user.keyboard("{ArrowDown}");
    expect(document.activeElement).toBe(cards[i]);
  }
  await user.keyboard("{ArrowDown}");
  expect(document.activeElement).toBe(cards[4]);
  await user.keyboard("{Home}");
  expect(document.activeElement).toBe(cards[0]);
  await user.keyboard("{End}");
  expect(document.activeElement).toBe(cards[4]);
  await user.keyboard("{ArrowUp}{ArrowUp}{ArrowUp}");
  expect(document.activeElement).toBe(cards[1]);
  await user.keyboard("{Enter}");
  expect(host.callsTo("selectCell")).toEqual([["Convention 2025", "D7"]]);

  // The roving stop followed: only the second card is in the Tab order now.
  expect(cards.filter((c) => c.tabIndex === 0)).toEqual([cards[1]]);
  // The current card's own buttons follow it; the other cards' buttons are out of the Tab order.
  expect(tabbable(cards[1]).length).toBeGreaterThan(1);
  for (const c of cards.filter((_, i) => i !== 1)) expect(tabbable(c)).toEqual([]);
});

test("after a check, focus is on the results' heading and a polite live region says the counts", async () => {
  const live = () => document.querySelector('[aria-live="polite"]');
  const { user } = await checked();
  expect(document.activeElement).toBe(screen.getByRole("heading", { name: "Résumé" }));
  expect(live()?.textContent).toBe("Contrôle terminé : 3 erreurs, 0 avertissement, 2 informations.");
  expect(live()?.getAttribute("aria-atomic")).toBe("true");
  // The region was there before the check, so a screen reader hears it change.
  await user.click(screen.getByRole("button", { name: "Contrôler le classeur" }));
  await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("heading", { name: "Résumé" })));
});

test("merged cards: one card for the SUM missing a row, listing both rules, one Corriger", async () => {
  // The Lianes 2025 budget (header row 1, eight lines on rows 2–9) under =SUM(C2:C8): C9's 200 € left out.
  const snapshot = snapshotOf([
    { name: "Rapport APES", rows: [IMPUTATION_HEADER, apes2023({ solde: 151285 })] },
    { name: "Convention 2025", rows: lianesBudget({ amountStyle: "number", percentStyle: "points", total: { v: 9180, f: "=SUM(C2:C8)" } }) },
  ]);
  await checked(new FakeHost(snapshot));
  const list = screen.getByRole("list", { name: LIST });
  const total = [...list.children].find((li) => li.getAttribute("data-card") === "REP-PLAGE+REP-TOTAL|Convention 2025|C10") as HTMLElement;
  expect(total).toBeDefined();
  expect(within(total).getByText("Règles non respectées")).toBeTruthy();
  expect(within(total).getByText(/La formule =SUM\(C2:C8\) de « TOTAL » omet C9/)).toBeTruthy();
  expect(within(total).getByText(/Le total 9 180,00 € n'est pas la somme des 8 lignes/)).toBeTruthy();
  const fixes = within(total).getAllByRole("button", { name: /^Corriger/, hidden: true });
  expect(fixes.map((b) => b.getAttribute("aria-label"))).toEqual(["Corriger C10 (REP-PLAGE + REP-TOTAL)"]);
  // A wrong Solde typed as a constant: IMP-SOLDE and FORMULE-FIGEE, one formula for both.
  const solde = [...list.children].find((li) => li.getAttribute("data-card") === "IMP-SOLDE+FORMULE-FIGEE|Rapport APES|G2") as HTMLElement;
  expect(within(solde).getByText("=E2-F2")).toBeTruthy();
});

/**
 * A host that writes fixes into its snapshot (with the value Excel would compute, given by the
 * test) and reads ranges back from it, counting the reads.
 */
class EditingHost extends FakeHost {
  readonly rangeReads: ChangedRange[][] = [];
  constructor(
    private readonly computed: Record<string, number>,
    snapshot?: WorkbookSnapshot,
  ) {
    super(snapshot);
  }

  override async applyFix(fix: Fix): Promise<FixUndo> {
    const undo = await super.applyFix(fix);
    this.write(fix.sheet, fix.cell, this.computed[`${fix.sheet}!${fix.cell}`], fix.formula ?? String(fix.value));
    return undo;
  }

  private write(sheet: string, cell: string, value: CellValue, formula: CellValue): void {
    const at = parseA1(cell)!;
    this.snapshot = {
      sheets: this.snapshot.sheets.map((s) => {
        if (s.name !== sheet) return s;
        const values = s.values.map((r) => [...r]);
        const formulas = (s.formulas ?? s.values).map((r) => [...r]);
        values[at.row - s.origin.row][at.column - s.origin.column] = value;
        formulas[at.row - s.origin.row][at.column - s.origin.column] = formula;
        return { ...s, values, formulas };
      }),
    };
  }

  /** The user types into a cell: the snapshot changes and the change event names the cell. */
  edit(sheet: string, cell: string, value: number): void {
    this.write(sheet, cell, value, value);
    this.change({ sheet, range: cell });
  }

  async readRanges(ranges: readonly ChangedRange[]): Promise<RangeData[]> {
    this.rangeReads.push([...ranges]);
    return ranges.map((r) => {
      const sheet = this.snapshot.sheets.find((s) => s.name === r.sheet)!;
      const at = parseA1(r.range)!;
      const i = at.row - sheet.origin.row;
      const j = at.column - sheet.origin.column;
      return {
        sheet: r.sheet,
        range: r.range,
        values: [[sheet.values[i]?.[j] ?? ""]],
        formulas: [[sheet.formulas?.[i]?.[j] ?? ""]],
        numberFormats: [[sheet.numberFormats?.[i]?.[j] ?? "General"]],
        valueTypes: sheet.valueTypes ? [[sheet.valueTypes[i]?.[j] ?? "Empty"]] : undefined,
      };
    });
  }
}

test("after Corriger the pane re-checks the table: the fixed card leaves with « résolu », the summary changes", async () => {
  // =E3-F3 on the APES line: 209 285 − 57 000 = 152 285.
  const host = new EditingHost({ "Rapport APES!G3": 152_285 });
  const { user } = await checked(host);
  await user.click(screen.getByRole("button", { name: "Corriger G3 (IMP-SOLDE)" }));
  const heading = await screen.findByText("Corriger 'Rapport APES'!G3 ?", {}, { timeout: 5_000 });
  await user.click(within(heading.closest<HTMLElement>('[role="dialog"]')!).getByText("Écrire").closest("button")!);
  await waitFor(() => expect(cardKeys()).toEqual([POURCENT, SOMME]));
  expect(screen.getByText("IMP-SOLDE 'Rapport APES'!G3 : résolu")).toBeTruthy();
  expect(within(screen.getByRole("region", { name: "Résumé" })).getByText("2 erreurs")).toBeTruthy();
  // One read of the fixed cell, not of the workbook.
  expect(host.rangeReads).toEqual([[{ sheet: "Rapport APES", range: "G3" }]]);
  expect(host.callsTo("readWorkbook")).toHaveLength(1);
  expect(document.querySelector('[aria-live="polite"]')?.textContent).toBe("Tableaux contrôlés à nouveau : 2 erreurs, 0 avertissement, 2 informations.");
});

test("after the fix of the last finding, the « résolu » trace stays beside « aucune remarque »", async () => {
  // One APES 2023 line whose Solde is typed 151 285: =E2-F2 gives 209 285 − 57 000 = 152 285.
  const host = new EditingHost({ "Rapport!G2": 152_285 }, snapshotOf([{ name: "Rapport", rows: [IMPUTATION_HEADER, apes2023({ solde: 151285 })] }]));
  const user = userEvent.setup();
  renderInProvider(<App host={host} />);
  await user.click(screen.getByRole("button", { name: "Contrôler le classeur" }));
  await user.click(await screen.findByRole("button", { name: "Corriger G2 (IMP-SOLDE + FORMULE-FIGEE)" }));
  const heading = await screen.findByText(/^Corriger '?Rapport'?!G2 \?$/, {}, { timeout: 5_000 });
  await user.click(within(heading.closest<HTMLElement>('[role="dialog"]')!).getByText("Écrire").closest("button")!);
  await waitFor(() => expect(screen.queryByRole("list", { name: LIST })).toBeNull());
  expect(screen.getByText(/^IMP-SOLDE.* '?Rapport'?!G2 : résolu$/)).toBeTruthy();
  expect(within(screen.getByRole("region", { name: "Résumé" })).getByText("0 erreur")).toBeTruthy();
});

test("an edit of a checked table's cell re-checks it: a new finding appears, nothing goes stale", async () => {
  const host = new EditingHost({});
  await checked(host);
  // The Lianes 2023 line's Solde =E2-F2 (24 000) typed over with 25 000: 31 000 − 7 000 is 24 000.
  host.edit("Rapport APES", "G2", 25_000);
  await waitFor(() => expect(cardKeys()).toEqual(["IMP-SOLDE+FORMULE-FIGEE|Rapport APES|G2", SOLDE, POURCENT, SOMME]));
  expect(screen.queryByText(/Le classeur a changé/)).toBeNull();
  expect(host.rangeReads).toEqual([[{ sheet: "Rapport APES", range: "G2" }]]);
  expect(within(screen.getByRole("region", { name: "Résumé" })).getByText("4 erreurs")).toBeTruthy();
});
