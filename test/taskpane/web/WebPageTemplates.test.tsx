/**
 * The browser page's « Modèles » section: once a file is opened, the same panel as the pane's
 * tab; « Remplir » fills the opened bytes and downloads NOM.rempli.xlsx; a problem is shown as in
 * the pane. The file adapter is replaced by the snapshot it would read (ExcelJS runs in Node, see
 * fileHostFill.test.tsx), and the writer by a recorder; the engine is the real one.
 */
import * as React from "react";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { FillPlan } from "../../../src/core/fill";
import { WebPage } from "../../../src/web/components/WebPage";
import { renderInProvider } from "../render";

let mockTemplateCell = "{beneficiaire}";
const mockFilled: FillPlan[] = [];

jest.mock("../../../src/file", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { snapshotOf: build } = require("../../helpers/sheet-builder") as typeof import("../../helpers/sheet-builder");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { IMPUTATION_HEADER, lianes2025 } = require("../../helpers/seeds") as typeof import("../../helpers/seeds");
  return {
    readXlsx: async () =>
      build([
        { name: "Rapport 2025", rows: [IMPUTATION_HEADER, lianes2025()] },
        { name: "Données", rows: [["Bénéficiaire", "Lianes coopération"]] },
        { name: "Modèle Lettre", rows: [["Objet"], ["", `Subvention à ${mockTemplateCell}`]] },
      ]),
    isUnusableFileError: () => false,
    isMacroWorkbook: async () => false,
    writeCheckedCopy: async () => new Uint8Array(),
    fillWorkbook: async (_bytes: Uint8Array, plan: FillPlan) => {
      mockFilled.push(plan);
      return new Uint8Array([80, 75]);
    },
  };
});

jest.setTimeout(20_000);

async function openDossier(downloads: string[] = []) {
  const user = userEvent.setup();
  renderInProvider(<WebPage lang="fr" theme="light" download={(_, name) => downloads.push(name)} />);
  const file = new File([new Uint8Array([80, 75])], "dossier.xlsx");
  if (!file.arrayBuffer) Object.defineProperty(file, "arrayBuffer", { value: async () => new ArrayBuffer(2) });
  await user.upload(screen.getByTestId("file-input"), file);
  const section = await screen.findByRole("region", { name: "Modèles" });
  await within(section).findByRole("combobox", { name: "Modèle" });
  return { user, section };
}

afterEach(() => {
  mockTemplateCell = "{beneficiaire}";
  mockFilled.length = 0;
});

test("Remplir with the Rapport template: the seed's sentence previewed, the copy downloaded as dossier.rempli.xlsx", async () => {
  const downloads: string[] = [];
  const { user, section } = await openDossier(downloads);
  await user.selectOptions(within(section).getByRole("combobox", { name: "Modèle" }), "rapport");
  const preview = within(section).getByRole("region", { name: "Aperçu des champs" });
  expect((preview.textContent ?? "").replace(/[\s\u00a0\u202f]+/g, " ")).toContain("à hauteur de 9 380 €.");
  await user.click(within(section).getByRole("button", { name: "Remplir" }));
  await within(section).findByText("Feuille « Rapport C05-043A06 » créée dans la copie dossier.rempli.xlsx, téléchargée.");
  expect(mockFilled.map((p) => p.sheetName)).toEqual(["Rapport C05-043A06"]);
  expect(downloads).toEqual(["dossier.rempli.xlsx"]);
  // The pane above has no second « Modèles » tab.
  expect(screen.queryByRole("tab", { name: "Modèles" })).toBeNull();
});

test("an unknown placeholder: the problem with its cell and suggestion, nothing written", async () => {
  mockTemplateCell = "{beneficiare}";
  const { section } = await openDossier();
  const problems = within(section).getByRole("list", { name: "Ce modèle ne peut pas être rempli" });
  expect(problems.textContent).toContain("Modèle Lettre!B2");
  expect(problems.textContent).toContain("vouliez-vous dire {beneficiaire}");
  expect((within(section).getByRole("button", { name: "Remplir" }) as HTMLButtonElement).disabled).toBe(true);
  await waitFor(() => expect(mockFilled).toHaveLength(0));
});
