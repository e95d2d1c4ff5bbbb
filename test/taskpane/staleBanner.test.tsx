/**
 * The « Résultats périmés » banner, with the real Excel adapter on the fake workbook: the fake
 * raises change events for the add-in's own writes, as Excel does, so Corriger, Annuler,
 * Surligner and the report must not make the results look out of date; a user's edit and a
 * user's number-format change (which changes what a percentage check reads) must. With
 * ExcelApi 1.14 a changed event says who made it (`triggerSource`); a format event never does,
 * nor does any event before 1.14: those are told apart by time (during Pointage's writes and
 * just after), on a clock the test moves.
 */
import "./textEncoding";
import * as React from "react";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createExcelHost } from "../../src/excel";
import { App } from "../../src/taskpane/components/App";
import { FakeWorkbook } from "../excel/fake-excel";
import { renderInProvider } from "./render";

jest.setTimeout(30_000);

const HEADER = ["Code Opération", "Imputation budgétaire", "Libellé Opération", "CP", "Disponible", "Proposition", "Solde"];
const STALE = "Résultats périmés";

/** The APES 2023 line with a solde 1 000 € short (IMP-SOLDE on G3, fix `=E3-F3`) under the right Lianes line. */
function workbook(triggerSource: boolean): FakeWorkbook {
  const wb = new FakeWorkbook();
  wb.officeJs = false;
  wb.triggerSource = triggerSource;
  wb.addSheet("Rapport APES", {
    rows: [
      HEADER,
      ["C05-043A06", "65748/93043", "Actions européennes et internationales", 43056, 31000, 7000, { value: 24000, formula: "=E2-F2" }],
      ["C01-020Q01", "6568/9365", "Mission ESS - Autres participations", 209285, 209285, 57000, { value: 151285, formula: "=E3-F3-1000" }],
    ],
  });
  return wb;
}

/** ExcelApi `v` is in Excel `version`: minor numbers compared as numbers (1.14 is after 1.9). */
function hasApiSet(v: string, version: number): boolean {
  const minor = (x: string) => Number(x.split(".")[1] ?? 0);
  return minor(v) <= minor(String(version));
}

/** The pane on the real adapter over `wb`, as Excel at `version`, with a clock the test moves. */
async function paneOn(wb: FakeWorkbook, version: number) {
  const clock = { ms: 1_000_000 };
  const host = createExcelHost({
    run: wb.run,
    isSetSupported: (name, v) => name === "ExcelApi" && hasApiSet(v, version),
    retryDelayMs: 0,
    ownEventsGraceMs: 1_000,
    now: () => clock.ms,
  });
  const user = userEvent.setup();
  renderInProvider(<App host={host} lang="fr" />);
  await recheck(user);
  return { user, clock };
}

async function recheck(user: ReturnType<typeof userEvent.setup>): Promise<void> {
  await user.click(screen.getByRole("button", { name: "Contrôler le classeur" }));
  expect(await screen.findByRole("button", { name: "Corriger G3 (IMP-SOLDE)" }, { timeout: 10_000 })).toBeTruthy();
}

/** Waits for every event the fake raised to reach the adapter, then lets React render. */
async function eventsDelivered(wb: FakeWorkbook): Promise<void> {
  await wb.settled();
  await new Promise((resolve) => setTimeout(resolve, 0));
}

const toolbarButton = (name: string) => within(screen.getByRole("toolbar", { name: "Actions sur le classeur" })).getByRole("button", { name });

describe.each([
  { version: 1.14, label: "ExcelApi 1.14 (triggerSource)" },
  { version: 1.9, label: "ExcelApi 1.9 (no triggerSource)" },
])("the stale banner, $label", ({ version }) => {
  it("stays away after Corriger, Annuler, Surligner, Effacer les marques and the report", async () => {
    const wb = workbook(version === 1.14);
    const { user } = await paneOn(wb, version);

    await user.click(screen.getByRole("button", { name: "Corriger G3 (IMP-SOLDE)" }));
    await user.click(within((await screen.findByText("Corriger 'Rapport APES'!G3 ?")).closest<HTMLElement>('[role="dialog"]')!).getByText("Écrire"));
    expect(await screen.findByText("Correction écrite en 'Rapport APES'!G3.")).toBeTruthy();
    await eventsDelivered(wb);
    expect(screen.queryByText(STALE)).toBeNull();

    await user.click(screen.getByRole("button", { name: "Annuler la correction" }));
    expect(await screen.findByText(/Correction annulée/)).toBeTruthy();
    await eventsDelivered(wb);
    expect(screen.queryByText(STALE)).toBeNull();

    await user.click(toolbarButton("Surligner"));
    expect(await screen.findByText(/cellule surlignée/)).toBeTruthy();
    await user.click(toolbarButton("Effacer les marques"));
    expect(await screen.findByText(/Marques effacées/)).toBeTruthy();
    await user.click(toolbarButton("Rapport de contrôle"));
    expect(await screen.findByText("Feuille « Contrôle » écrite dans le classeur.")).toBeTruthy();
    await eventsDelivered(wb);
    expect(screen.queryByText(STALE)).toBeNull();

    // Excel did raise events for those writes, on the user's sheet too.
    const apes = wb.sheet("Rapport APES").id;
    const own = wb.events.filter((e) => e.worksheetId === apes);
    expect(own.some((e) => e.type === "WorksheetChanged")).toBe(true);
    expect(own.some((e) => e.type === "WorksheetFormatChanged")).toBe(true);
    const changed = own.filter((e) => e.type === "WorksheetChanged");
    expect(changed.every((e) => e.triggerSource === (version === 1.14 ? "ThisLocalAddin" : undefined))).toBe(true);
  });

  // Issue 12: a user's edit names its range, so the pane re-checks it rather than going stale.
  it("re-checks after a user's edit, and shows after a user's number-format change", async () => {
    const wb = workbook(version === 1.14);
    const { user, clock } = await paneOn(wb, version);
    await user.click(toolbarButton("Surligner"));
    expect(await screen.findByText(/cellule surlignée/)).toBeTruthy();
    await eventsDelivered(wb);
    clock.ms += 5_000;

    await act(() => wb.emitChanged("Rapport APES", "E3"));
    await waitFor(() => expect(document.querySelector('[aria-live="polite"]')?.textContent).toMatch(/^Tableaux contrôlés à nouveau/));
    expect(screen.queryByText(STALE)).toBeNull();
    clock.ms += 5_000;
    await act(() => wb.emitFormatChanged("Rapport APES", "D3"));
    expect(await screen.findByText(STALE)).toBeTruthy();
  });
});

test("with ExcelApi 1.14, a user's edit right after Corriger is re-checked", async () => {
  const wb = workbook(true);
  const { user } = await paneOn(wb, 1.14);
  await user.click(screen.getByRole("button", { name: "Corriger G3 (IMP-SOLDE)" }));
  await user.click(within((await screen.findByText("Corriger 'Rapport APES'!G3 ?")).closest<HTMLElement>('[role="dialog"]')!).getByText("Écrire"));
  expect(await screen.findByText("Correction écrite en 'Rapport APES'!G3.")).toBeTruthy();
  await eventsDelivered(wb);
  expect(screen.queryByText(STALE)).toBeNull();
  // No time has passed: the event's own triggerSource says it is the user's, and it is re-checked.
  await act(() => wb.emitChanged("Rapport APES", "D3"));
  await waitFor(() => expect(document.querySelector('[aria-live="polite"]')?.textContent).toMatch(/^Tableaux contrôlés à nouveau/));
});
