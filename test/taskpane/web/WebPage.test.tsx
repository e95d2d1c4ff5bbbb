/**
 * The browser page with a range no check covered: the pane's notice beside the grid, and the grid
 * marks the range. The file adapter is replaced by the snapshot it would read (ExcelJS runs in
 * Node, see fileHost.test.tsx); the engine is the real one.
 */
import * as React from "react";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { WebPage } from "../../../src/web/components/WebPage";
import { renderInProvider } from "../render";

/** Figures with no arithmetic between them: nothing Pointage can check. */
const UNCHECKABLE = [[12, 7, 301], [45, 3, 18], [8, 90, 27], [66, 14, 5], [23, 51, 42], [9, 38, 77]];
/** Chose = Truc + Machin on every row: a list checked by its arithmetic. */
const CHECKABLE = Array.from({ length: 6 }, (_, i) => [10 * (i + 1), 20 * (i + 1), 30 * (i + 1)]);
let mockFigures: number[][] = UNCHECKABLE;

jest.mock("../../../src/file", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { snapshotOf: build } = require("../../helpers/sheet-builder") as typeof import("../../helpers/sheet-builder");
  return {
    readXlsx: async () => build([{ name: "Feuil1", rows: [["Truc", "Machin", "Chose"], ...mockFigures] }]),
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
  mockFigures = UNCHECKABLE;
});

test("the notice beside the grid, the range marked in it, « Aller à la plage » shows it", async () => {
  const user = await openTruc();
  const notice = await screen.findByRole("listitem", { name: "Feuil1!A1:C7" });
  expect(within(notice).getByText("En-têtes vus : « Truc », « Machin », « Chose »")).toBeTruthy();
  await waitFor(() => expect(document.querySelectorAll('td[data-unread="A1:C7"]')).toHaveLength(21));
  await user.click(within(notice).getByRole("button", { name: "Aller à la plage Feuil1!A1:C7" }));
  expect(await screen.findByText("Plage A1:C7 de la feuille « Feuil1 » sélectionnée.")).toBeTruthy();
});

test("nothing marked when every range was checked", async () => {
  mockFigures = CHECKABLE;
  await openTruc();
  expect(screen.queryByRole("region", { name: /Non contrôlé/ })).toBeNull();
  expect(document.querySelectorAll("td[data-unread]")).toHaveLength(0);
});
