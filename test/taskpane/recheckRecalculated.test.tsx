/**
 * Issue 12, the pane's re-check after a user's edit, with the real Excel adapter on the fake
 * workbook (which recalculates formulas as Excel does): a Proposition edited on the Rapport sheet
 * changes the Article 3 Dépense that refers to it, and the re-check reads that value in the same
 * single sync as the edited cell. The cards over the formula appear and leave; no stale Solde.
 */
import "./textEncoding";
import * as React from "react";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createExcelHost } from "../../src/excel";
import { App } from "../../src/taskpane/components/App";
import { FakeWorkbook } from "../excel/fake-excel";
import { renderInProvider } from "./render";

jest.setTimeout(30_000);

/** The seeds' 2023 Lianes line (CP 43 056, disponible 31 000, proposition 7 000) and its Article 3 line, Dépense `=Rapport!F2`. */
function workbook(): FakeWorkbook {
  const wb = new FakeWorkbook();
  wb.officeJs = false;
  wb.addSheet("Rapport", {
    rows: [
      ["Code Opération", "Imputation budgétaire", "Libellé Opération", "CP", "Disponible", "Proposition", "Solde"],
      ["C05-043A06", "65748/93043", "Actions européennes et internationales", 43056, 31000, 7000, { value: 24000, formula: "=E2-F2" }],
    ],
  });
  wb.addSheet("Article 3", {
    rows: [
      ["Code Opération", "Imputation budgétaire", "Libellé Opération", "CP €", "Dépense €"],
      ["C05-043A06", "65748/93043", "Actions européennes et internationales", 43056, { value: 7000, formula: "=Rapport!F2" }],
    ],
  });
  return wb;
}

const cards = () => [...document.querySelectorAll("li[data-card]")].map((li) => li.getAttribute("data-card"));
const live = () => document.querySelector('[aria-live="polite"]')?.textContent ?? "";

test("an edited Proposition: the Article 3 Dépense it feeds is re-read in the same sync, its DEL-CP comes and goes", async () => {
  const wb = workbook();
  const host = createExcelHost({ run: wb.run, isSetSupported: () => true, retryDelayMs: 0 });
  const user = userEvent.setup();
  renderInProvider(<App host={host} lang="fr" />);
  await user.click(screen.getByRole("button", { name: "Contrôler le classeur" }));
  await screen.findByRole("region", { name: "Résumé" }, { timeout: 10_000 });
  expect(cards().filter((k) => !/NUM-TEXTE|FORMULE-FIGEE/.test(k ?? ""))).toEqual([]);

  // 50 000 > 31 000 disponible (IMP-DEPASSEMENT) and, through the formula, > 43 056 CP (DEL-CP).
  const before = wb.syncCount;
  await wb.userEdit("Rapport", "F2", [[50000]]);
  await waitFor(() => expect(cards()).toContain("DEL-CP|Article 3|E2"));
  await waitFor(() => expect(live()).toMatch(/^Tableaux contrôlés à nouveau/));
  expect(wb.syncCount - before).toBe(1);
  expect(cards()).toContain("IMP-DEPASSEMENT|Rapport|F2");
  // The Solde followed the Proposition (recalculated, re-read): no stale IMP-SOLDE, no XREF-DEPENSE.
  expect(cards().filter((k) => /IMP-SOLDE|XREF-DEPENSE/.test(k ?? ""))).toEqual([]);

  const back = wb.syncCount;
  await wb.userEdit("Rapport", "F2", [[7000]]);
  await waitFor(() => expect(cards()).not.toContain("DEL-CP|Article 3|E2"));
  expect(wb.syncCount - back).toBe(1);
  await waitFor(() => expect(live()).toBe("Tableaux contrôlés à nouveau : 0 erreur, 0 avertissement, 0 information."));
});
