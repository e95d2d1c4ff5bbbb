/**
 * The browser page with a range no check covered: the pane's notice beside the grid, and the grid
 * marks the range. The file adapter is replaced by the snapshot it would read (ExcelJS runs in
 * Node, see fileHost.test.tsx), and the regions the engine does not fill yet are added to its
 * real result.
 */
import * as React from "react";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { CheckResult, UnreadSummary } from "../../../src/core/engine";
import { WebPage } from "../../../src/web/components/WebPage";
import { renderInProvider } from "../render";

let mockUnread: UnreadSummary[] = [];

jest.mock("../../../src/core/engine", () => {
  const actual = jest.requireActual<typeof import("../../../src/core/engine")>("../../../src/core/engine");
  return {
    ...actual,
    checkWorkbook: (...args: Parameters<typeof actual.checkWorkbook>): CheckResult => ({ ...actual.checkWorkbook(...args), unread: mockUnread }),
  };
});

jest.mock("../../../src/file", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { snapshotOf: build } = require("../../helpers/sheet-builder") as typeof import("../../helpers/sheet-builder");
  const rows = [["Truc", "Machin", "Chose"], ...Array.from({ length: 6 }, (_, i) => [10 * (i + 1), 20 * (i + 1), 30 * (i + 1)])];
  return {
    readXlsx: async () => build([{ name: "Feuil1", rows }]),
    isUnusableFileError: () => false,
    writeCheckedCopy: async () => new Uint8Array(),
  };
});

jest.setTimeout(20_000);

async function openTruc() {
  const user = userEvent.setup();
  renderInProvider(<WebPage lang="fr" theme="light" download={() => undefined} />);
  const file = new File([new Uint8Array([80, 75])], "truc.xlsx");
  if (!file.arrayBuffer) Object.defineProperty(file, "arrayBuffer", { value: async () => new ArrayBuffer(2) });
  await user.upload(screen.getByTestId("file-input"), file);
  await waitFor(() => expect(screen.queryByRole("progressbar")).toBeNull());
  await screen.findByRole("region", { name: "Aperçu de la feuille « Feuil1 » (lecture seule)" });
  return user;
}

afterEach(() => {
  mockUnread = [];
});

test("the notice beside the grid, the range marked in it, « Aller à la plage » shows it", async () => {
  mockUnread = [{ sheet: "Feuil1", range: "A2:C7", reason: "no-header", headers: ["Truc", "Machin", "Chose"], roles: [] }];
  const user = await openTruc();
  const notice = await screen.findByRole("listitem", { name: "Feuil1!A2:C7" });
  expect(within(notice).getByText("En-têtes vus : « Truc », « Machin », « Chose »")).toBeTruthy();
  await waitFor(() => expect(document.querySelectorAll('td[data-unread="A2:C7"]')).toHaveLength(18));
  expect(document.querySelector('td[data-cell="A1"]')!.getAttribute("data-unread")).toBeNull();
  await user.click(within(notice).getByRole("button", { name: "Aller à la plage Feuil1!A2:C7" }));
  expect(await screen.findByText("Plage A2:C7 de la feuille « Feuil1 » sélectionnée.")).toBeTruthy();
});

test("nothing marked when every range was checked", async () => {
  await openTruc();
  expect(screen.queryByRole("region", { name: /Non contrôlé/ })).toBeNull();
  expect(document.querySelectorAll("td[data-unread]")).toHaveLength(0);
});
