/**
 * Issue 12 on the browser page: a failure clears the spinner, the file name and the download;
 * « Aller à la cellule » switches a narrow screen to the grid; a marked cell clicked selects its
 * card. The file adapter is replaced by the snapshot it would read (ExcelJS runs in Node, see
 * fileHost.test.tsx); the engine is the real one.
 */
import * as React from "react";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { WebPage } from "../../../src/web/components/WebPage";
import { renderInProvider } from "../render";

let mockFail = false;

jest.mock("../../../src/file", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { budgetWorkbook } = require("../fixtures") as typeof import("../fixtures");
  class Unusable extends Error {
    messageIn(): string {
      return "« cassé.xlsx » n'est pas un classeur lisible : le fichier est abîmé.";
    }
  }
  return {
    readXlsx: async () => {
      if (mockFail) throw new Unusable("corrupt");
      return budgetWorkbook();
    },
    isUnusableFileError: (e: unknown) => e instanceof Unusable,
    writeCheckedCopy: async () => new Uint8Array(),
  };
});

jest.setTimeout(30_000);

async function open(name: string) {
  const file = new File([new Uint8Array([80, 75])], name);
  if (!file.arrayBuffer) Object.defineProperty(file, "arrayBuffer", { value: async () => new ArrayBuffer(2) });
  await userEvent.setup().upload(screen.getByTestId("file-input"), file);
}

afterEach(() => {
  mockFail = false;
});

test("a corrupt file after a good one: no spinner, no previous file name, no download, the reason shown", async () => {
  renderInProvider(<WebPage lang="fr" theme="light" download={() => undefined} />);
  await open("budget.xlsx");
  expect(await screen.findByText(/budget\.xlsx/, { selector: "p" })).toBeTruthy();
  await screen.findByRole("button", { name: "Télécharger la copie contrôlée" });

  mockFail = true;
  await open("cassé.xlsx");
  expect(await screen.findByText(/n'est pas un classeur lisible/)).toBeTruthy();
  await waitFor(() => expect(screen.queryByText("Ouverture du fichier…")).toBeNull());
  expect(document.querySelector('[role="progressbar"]')).toBeNull();
  expect(screen.queryByText(/budget\.xlsx/)).toBeNull();
  expect(screen.queryByText(/cassé\.xlsx/, { selector: "p[role=status]" })).toBeNull();
  expect(screen.queryByRole("button", { name: "Télécharger la copie contrôlée" })).toBeNull();
});

test("Aller à la cellule switches to the grid view; a marked cell clicked goes back to its card", async () => {
  const user = userEvent.setup();
  renderInProvider(<WebPage lang="fr" theme="light" download={() => undefined} />);
  await open("budget.xlsx");
  // The switch shows on narrow screens only (a media query jsdom does not apply): `hidden` finds it anyway.
  await screen.findByRole("button", { name: "Aller à la cellule D7 (REP-POURCENT)" });
  const views = document.querySelector<HTMLElement>('[role="group"][aria-label="Affichage"]')!;
  expect(views).not.toBeNull();
  const list = within(views).getByRole("button", { name: "Remarques", hidden: true });
  const grid = within(views).getByRole("button", { name: "Feuilles", hidden: true });
  expect(list.getAttribute("aria-pressed")).toBe("true");

  await user.click(await screen.findByRole("button", { name: "Aller à la cellule D7 (REP-POURCENT)" }));
  await waitFor(() => expect(grid.getAttribute("aria-pressed")).toBe("true"));
  expect(list.getAttribute("aria-pressed")).toBe("false");

  // The grid now shows « Convention 2025 »: D10's mark (REP-POURCENT-SOMME) leads to its card.
  const cell = await waitFor(() => {
    const td = document.querySelector<HTMLElement>('td[data-cell="D10"][data-severity="error"]');
    expect(td).not.toBeNull();
    return td!;
  });
  await user.click(cell);
  await waitFor(() => expect(list.getAttribute("aria-pressed")).toBe("true"));
  await waitFor(() => expect(document.activeElement?.getAttribute("data-card")).toBe("REP-POURCENT-SOMME|Convention 2025|D10"));
});
