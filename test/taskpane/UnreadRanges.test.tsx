/**
 * Ranges no check covered, in the pane: the notice, « Aller à la plage », « Associer les en-têtes »
 * and the counts that must not read as an all-clear. The engine does not fill `unread` yet: these
 * tests add the regions to its real result (`mockUnread`), everything else is the engine's own.
 */
import * as React from "react";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { UnreadSummary } from "../../src/core/engine";
import type { ReviewState } from "../../src/core/recheck";
import { App } from "../../src/taskpane/components/App";
import { snapshotOf } from "../helpers/sheet-builder";
import { IMPUTATION_HEADER, lianes2023 } from "../helpers/seeds";
import { FakeHost, plainWorkbook } from "./fixtures";
import { renderInProvider } from "./render";

let mockUnread: UnreadSummary[] = [];

// The pane checks through the review engine (startReview keeps what a re-check needs).
jest.mock("../../src/core/recheck", () => {
  const actual = jest.requireActual<typeof import("../../src/core/recheck")>("../../src/core/recheck");
  return {
    ...actual,
    startReview: (...args: Parameters<typeof actual.startReview>): ReviewState => {
      const review = actual.startReview(...args);
      return { ...review, result: { ...review.result, unread: mockUnread } };
    },
  };
});

jest.setTimeout(20_000);

const PAYLOAD = "<img src=x onerror=alert(1)>";
const truc: UnreadSummary = { sheet: "Budget 2025", range: "E1:G7", reason: "no-header", headers: ["Truc", "Machin", PAYLOAD], roles: [] };
const partial: UnreadSummary = { sheet: "Rapport", range: "A10:C14", reason: "partial-header", headers: ["CP", "Disponible", "Écart constaté"], roles: ["cp", "disponible"] };

/** One right imputation line: no finding at all. */
function rightWorkbook() {
  return snapshotOf([
    { name: "Rapport", rows: [IMPUTATION_HEADER, lianes2023({ solde: { v: 24000, f: "=E2-F2" } })] },
    { name: "Budget 2025", rows: [["Notes"]] },
  ]);
}

async function checked(host: FakeHost, lang: "fr" | "en" = "fr") {
  const user = userEvent.setup();
  renderInProvider(<App host={host} lang={lang} />);
  await user.click(screen.getByRole("button", { name: lang === "fr" ? "Contrôler le classeur" : "Check the workbook" }));
  await waitFor(() => expect(screen.queryByRole("progressbar")).toBeNull());
  return { user, host };
}

afterEach(() => {
  mockUnread = [];
});

test("a range not checked: a notice naming sheet and range, why, the headers seen; the counts are no all-clear", async () => {
  mockUnread = [truc, partial];
  await checked(new FakeHost(rightWorkbook()));
  const summary = screen.getByRole("region", { name: "Résumé" });
  expect(within(summary).getByText("0 erreur")).toBeTruthy();
  expect(within(summary).getByText("2 zones non contrôlées")).toBeTruthy();
  expect(screen.queryByText("Aucune remarque : les tableaux trouvés tombent juste.")).toBeNull();
  expect(screen.getByText("Aucune remarque sur les tableaux contrôlés, mais 2 zones chiffrées n'ont pas été contrôlées : voir « Non contrôlé » plus haut.")).toBeTruthy();

  const section = screen.getByRole("region", { name: "Non contrôlé (2)" });
  const notice = within(section).getByRole("listitem", { name: "'Budget 2025'!E1:G7" });
  expect(within(notice).getByText("Des nombres sous des en-têtes que Pointage ne reconnaît pas : rien n'y a été vérifié.")).toBeTruthy();
  expect(within(notice).getByText(`En-têtes vus : « Truc », « Machin », « ${PAYLOAD} »`)).toBeTruthy();
  // Workbook text is data: never markup.
  expect(document.querySelector("img")).toBeNull();
  const other = within(section).getByRole("listitem", { name: "Rapport!A10:C14" });
  expect(within(other).getByText("L'en-tête nomme CP (crédits de paiement), Disponible, mais pas assez pour former un tableau : rien n'y a été vérifié.")).toBeTruthy();
});

test("Aller à la plage selects the range", async () => {
  mockUnread = [truc];
  const { user, host } = await checked(new FakeHost(rightWorkbook()));
  await user.click(screen.getByRole("button", { name: "Aller à la plage 'Budget 2025'!E1:G7" }));
  expect(host.callsTo("selectCell")).toEqual([["Budget 2025", "E1:G7"]]);
});

test("Associer les en-têtes opens the header mapping with the headers Pointage did not understand", async () => {
  mockUnread = [partial];
  const { user, host } = await checked(new FakeHost(rightWorkbook()));
  expect(screen.queryByRole("textbox", { name: /En-tête tel qu'écrit/ })).toBeNull();
  await user.click(screen.getByRole("button", { name: "Associer les en-têtes Rapport!A10:C14" }));
  const field = await screen.findByRole("textbox", { name: /En-tête tel qu'écrit dans le classeur/ });
  expect((field as HTMLInputElement).value).toBe("Écart constaté");
  expect(document.activeElement).toBe(field);
  // Only the header no role matched is offered; CP and Disponible were understood.
  const offered = screen.getByRole("group", { name: "En-têtes que Pointage n'a pas compris" });
  expect(within(offered).getAllByRole("button").map((b) => b.textContent)).toEqual(["Écart constaté"]);
  expect(within(offered).getByRole("button", { name: "Écart constaté" }).getAttribute("aria-pressed")).toBe("true");

  await user.click(screen.getByRole("combobox", { name: "Rôle de la colonne" }));
  await user.click(await screen.findByRole("option", { name: "Proposition" }));
  await user.click(screen.getByRole("button", { name: "Enregistrer et relancer le contrôle" }));
  await waitFor(() => expect(host.callsTo("readWorkbook")).toHaveLength(2));
  expect(host.callsTo("saveSettings")).toEqual([[{ ignored: [], headerMap: { "Écart constaté": "proposition" }, prorataRegime: "prorata" }]]);
});

test("a range with nothing to check: said, but no mapping offered", async () => {
  mockUnread = [{ sheet: "Rapport", range: "A20:B24", reason: "nothing-to-check", headers: ["Poste", "Montant"], roles: ["libelle", "montant"] }];
  await checked(new FakeHost(rightWorkbook()));
  const notice = screen.getByRole("listitem", { name: "Rapport!A20:B24" });
  expect(within(notice).getByText("Tableau lu, mais il n'a ni total ni calcul entre colonnes à vérifier.")).toBeTruthy();
  expect(within(notice).getByRole("button", { name: "Aller à la plage Rapport!A20:B24" })).toBeTruthy();
  expect(within(notice).queryByRole("button", { name: /Associer les en-têtes/ })).toBeNull();
});

test("no table found but numbers left unchecked: the notices above what Pointage looks for, and the mapping pre-filled", async () => {
  mockUnread = [{ sheet: "Budget", range: "A1:C2", reason: "partial-header", headers: ["Poste", "Reliquat voté", "Reste"], roles: ["solde"] }];
  const { user } = await checked(new FakeHost(plainWorkbook()));
  expect(screen.getByRole("heading", { name: "Aucun tableau reconnu" })).toBeTruthy();
  await user.click(screen.getByRole("button", { name: "Associer les en-têtes Budget!A1:C2" }));
  const field = await screen.findByRole("textbox", { name: /En-tête tel qu'écrit dans le classeur/ });
  expect((field as HTMLInputElement).value).toBe("Poste");
  const offered = screen.getByRole("group", { name: "En-têtes que Pointage n'a pas compris" });
  expect(within(offered).getAllByRole("button").map((b) => b.textContent)).toEqual(["Poste", "Reliquat voté"]);
  await user.click(within(offered).getByRole("button", { name: "Reliquat voté" }));
  expect((field as HTMLInputElement).value).toBe("Reliquat voté");
});

test("everything checked: no notice, and the all-clear stays", async () => {
  await checked(new FakeHost(rightWorkbook()));
  expect(screen.queryByRole("region", { name: /Non contrôlé/ })).toBeNull();
  expect(screen.queryByText(/zones? non contrôlées?/)).toBeNull();
  expect(screen.getByText("Aucune remarque : les tableaux trouvés tombent juste.")).toBeTruthy();
});

test("in English", async () => {
  mockUnread = [truc];
  await checked(new FakeHost(rightWorkbook()), "en");
  expect(within(screen.getByRole("region", { name: "Summary" })).getByText("1 range not checked")).toBeTruthy();
  const notice = within(screen.getByRole("region", { name: "Not checked (1)" })).getByRole("listitem", { name: "'Budget 2025'!E1:G7" });
  expect(within(notice).getByText("Numbers under headers Pointage does not know: nothing was verified there.")).toBeTruthy();
  expect(within(notice).getByRole("button", { name: "Go to range 'Budget 2025'!E1:G7" })).toBeTruthy();
  expect(within(notice).getByRole("button", { name: "Map the headers 'Budget 2025'!E1:G7" })).toBeTruthy();
});
