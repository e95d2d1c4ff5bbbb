import * as React from "react";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { HostError } from "../../src/host/HostApi";
import { App } from "../../src/taskpane/components/App";
import { budgetWorkbook, FakeHost, plainWorkbook } from "./fixtures";
import { renderInProvider } from "./render";

// Role queries walk Fluent's whole tree in jsdom: generous, but bounded.
jest.setTimeout(20_000);

/**
 * The confirmation dialog, found by its title. Not by role: in jsdom, Tabster's modalizer now and
 * then marks the dialog itself aria-hidden while focus moves into it, which hides it (and its
 * name) from role queries. A real browser moves focus at once.
 */
async function findDialog(title: string): Promise<HTMLElement> {
  const heading = await screen.findByText(title, {}, { timeout: 5_000 });
  const dialog = heading.closest<HTMLElement>('[role="dialog"]');
  expect(dialog?.getAttribute("aria-labelledby")).toBe(heading.id);
  expect(dialog?.getAttribute("aria-modal")).toBe("true");
  return dialog!;
}

/** A button of the dialog, by its text. */
function dialogButton(dialog: HTMLElement, text: string): HTMLElement {
  return within(dialog).getByText(text).closest("button")!;
}

async function checked(host = new FakeHost(), lang: "fr" | "en" = "fr") {
  const user = userEvent.setup();
  renderInProvider(<App host={host} lang={lang} />);
  await user.click(screen.getByRole("button", { name: lang === "fr" ? "Contrôler le classeur" : "Check the workbook" }));
  await waitFor(() => expect(screen.queryByRole("progressbar")).toBeNull());
  return { user, host };
}

test("idle: one button and what Pointage does", () => {
  renderInProvider(<App host={new FakeHost()} />);
  expect(screen.getByRole("heading", { level: 1, name: "Pointage" })).toBeTruthy();
  expect(screen.getByRole("button", { name: "Contrôler le classeur" })).toBeTruthy();
  expect(screen.getByText(/tableaux d'imputation, tableaux de dépenses/)).toBeTruthy();
  expect(screen.queryByRole("progressbar")).toBeNull();
});

test("running: a progress bar follows the read, then results", async () => {
  const host = new FakeHost();
  host.progress = [{ done: 1, total: 4 }];
  host.hold();
  const user = userEvent.setup();
  renderInProvider(<App host={host} />);
  await user.click(screen.getByRole("button", { name: "Contrôler le classeur" }));
  const bar = await screen.findByRole("progressbar", { name: "Avancement du contrôle" });
  expect(bar.getAttribute("aria-valuenow")).toBe("0.25");
  expect(screen.getByRole("status").textContent).toBe("Lecture du classeur : 25\u00a0%");
  expect((screen.getByRole("button", { name: "Contrôler le classeur" }) as HTMLButtonElement).disabled).toBe(true);
  await act(async () => host.open());
  expect(await screen.findByRole("heading", { name: "Résumé" })).toBeTruthy();
  expect(screen.queryByRole("progressbar")).toBeNull();
});

test("results: summary counts, tables by kind, then the cards errors first, infos folded", async () => {
  await checked();
  const summary = screen.getByRole("region", { name: "Résumé" });
  expect(within(summary).getByText("3 erreurs")).toBeTruthy();
  expect(within(summary).getByText("0 avertissement")).toBeTruthy();
  expect(within(summary).getByText("2 informations")).toBeTruthy();
  expect(within(summary).getByText("Tableaux trouvés : 2")).toBeTruthy();
  expect(within(summary).getByText("1 tableau d'imputation")).toBeTruthy();
  expect(within(summary).getByText("1 répartition budgétaire")).toBeTruthy();

  // The three errors, by sheet then row; the two infos folded until their count is pressed.
  const list = screen.getByRole("list", { name: "Remarques, de la plus grave à la moins grave" });
  const cards = within(list).getAllByRole("listitem").filter((li) => li.parentElement === list);
  expect(cards.map((c) => c.getAttribute("data-card"))).toEqual([
    "IMP-SOLDE|Rapport APES|G3",
    "REP-POURCENT|Convention 2025|D7",
    "REP-POURCENT-SOMME|Convention 2025|D10",
  ]);

  const solde = cards[0];
  expect(within(solde).getByText(/Le solde 151 285,00 € n'est pas égal/)).toBeTruthy();
  expect(within(solde).getByText("constaté")).toBeTruthy();
  expect(within(solde).getByText("151 285,00 €")).toBeTruthy();
  expect(within(solde).getByText("attendu")).toBeTruthy();
  expect(within(solde).getByText("152 285,00 €")).toBeTruthy();
  expect(within(solde).getByText("Erreur")).toBeTruthy();
});

test("Aller à la cellule selects the finding's cell", async () => {
  const { user, host } = await checked();
  await user.click(screen.getByRole("button", { name: "Aller à la cellule G3 (IMP-SOLDE)" }));
  expect(host.callsTo("selectCell")).toEqual([["Rapport APES", "G3"]]);
});

test("Corriger asks first, showing what will be written where, then applies the fix", async () => {
  const { user, host } = await checked();
  await user.click(screen.getByRole("button", { name: "Corriger G3 (IMP-SOLDE)" }));
  const dialog = await findDialog("Corriger 'Rapport APES'!G3 ?");
  expect(within(dialog).getByText("Pointage va écrire cette formule :")).toBeTruthy();
  expect(within(dialog).getByText("=E3-F3")).toBeTruthy();
  expect(within(dialog).getByText(/dans la cellule 'Rapport APES'!G3/)).toBeTruthy();
  expect(host.callsTo("applyFix")).toEqual([]);
  await user.click(dialogButton(dialog, "Écrire"));
  expect(host.callsTo("applyFix")).toEqual([[{ sheet: "Rapport APES", cell: "G3", formula: "=E3-F3" }]]);
  expect(await screen.findByText("Correction écrite en 'Rapport APES'!G3.")).toBeTruthy();
  expect((screen.getByRole("button", { name: "Corrigé G3 (IMP-SOLDE)" }) as HTMLButtonElement).disabled).toBe(true);
});

test("Annuler la correction puts back what the cell held", async () => {
  const { user, host } = await checked();
  await user.click(screen.getByRole("button", { name: "Corriger G3 (IMP-SOLDE)" }));
  await user.click(dialogButton(await findDialog("Corriger 'Rapport APES'!G3 ?"), "Écrire"));
  await user.click(await screen.findByRole("button", { name: "Annuler la correction" }));
  expect(host.callsTo("undoFix")).toEqual([[{ sheet: "Rapport APES", cell: "G3", value: "152 285,00", numberFormat: "@" }]]);
  expect(await screen.findByText("Correction annulée : 'Rapport APES'!G3 a retrouvé son contenu d'origine.")).toBeTruthy();
  expect((screen.getByRole("button", { name: "Corriger G3 (IMP-SOLDE)" }) as HTMLButtonElement).disabled).toBe(false);
});

test("Corriger can be cancelled: nothing is written", async () => {
  const { user, host } = await checked();
  await user.click(screen.getByRole("button", { name: "Corriger G3 (IMP-SOLDE)" }));
  const dialog = await findDialog("Corriger 'Rapport APES'!G3 ?");
  await user.click(dialogButton(dialog, "Annuler"));
  await waitFor(() => expect(document.querySelector('[role="dialog"]')).toBeNull());
  expect(host.callsTo("applyFix")).toEqual([]);
});

test("a finding without a fix offers no Corriger", async () => {
  await checked();
  expect(screen.queryByRole("button", { name: /^Corriger D10 / })).toBeNull();
  expect(screen.getByRole("button", { name: "Aller à la cellule D10 (REP-POURCENT-SOMME)" })).toBeTruthy();
});

test("Ignorer saves the key in the workbook's settings, hides the finding, and it can be restored", async () => {
  const { user, host } = await checked();
  await user.click(screen.getByRole("button", { name: "Ignorer G3 (IMP-SOLDE)" }));
  expect(host.callsTo("saveSettings")).toEqual([[{ ignored: ["IMP-SOLDE|Rapport APES|G3"], headerMap: {}, prorataRegime: "prorata" }]]);
  await waitFor(() => expect(screen.queryByRole("button", { name: "Aller à la cellule G3 (IMP-SOLDE)" })).toBeNull());
  const summary = screen.getByRole("region", { name: "Résumé" });
  expect(within(summary).getByText("2 erreurs")).toBeTruthy();
  expect(within(summary).getByText(/1 remarque ignorée/)).toBeTruthy();
  // Focus went to the next card, not to the page's start.
  await waitFor(() => expect(document.activeElement?.getAttribute("data-card")).toBe("REP-POURCENT|Convention 2025|D7"));

  const section = screen.getByRole("button", { name: "Remarques ignorées (1)" });
  await user.click(section);
  await user.click(await screen.findByRole("button", { name: "Rétablir G3 (IMP-SOLDE)" }));
  expect(host.callsTo("saveSettings")[1]).toEqual([{ ignored: [], headerMap: {}, prorataRegime: "prorata" }]);
  expect(await screen.findByRole("button", { name: "Aller à la cellule G3 (IMP-SOLDE)" })).toBeTruthy();
  expect(within(screen.getByRole("region", { name: "Résumé" })).getByText("3 erreurs")).toBeTruthy();
  expect(screen.queryByRole("button", { name: /Remarques ignorées/ })).toBeNull();
});

test("findings the workbook already ignores are listed apart", async () => {
  const snapshot = budgetWorkbook();
  snapshot.sheets.push({ name: "_pointage", origin: { row: 0, column: 0 }, values: [["ignore", "REP-POURCENT", "Convention 2025", "D7"]] });
  await checked(new FakeHost(snapshot));
  expect(screen.queryByRole("button", { name: "Aller à la cellule D7 (REP-POURCENT)" })).toBeNull();
  expect(screen.getByRole("button", { name: "Remarques ignorées (1)" })).toBeTruthy();
});

test("Surligner, Effacer les marques and Rapport de contrôle call the host", async () => {
  const { user, host } = await checked();
  const toolbar = screen.getByRole("toolbar", { name: "Actions sur le classeur" });
  await user.click(within(toolbar).getByRole("button", { name: "Surligner" }));
  expect(host.callsTo("highlight")[0][0]).toHaveLength(5);
  expect(await screen.findByText("5 cellules surlignées.")).toBeTruthy();
  await user.click(within(toolbar).getByRole("button", { name: "Effacer les marques" }));
  expect(host.callsTo("clearHighlights")).toHaveLength(1);
  expect(await screen.findByText(/Marques effacées/)).toBeTruthy();
  await user.click(within(toolbar).getByRole("button", { name: "Rapport de contrôle" }));
  const [[findings, lang]] = host.callsTo("writeReport") as [[unknown[], string]];
  expect(findings).toHaveLength(5);
  expect(lang).toBe("fr");
  expect(await screen.findByText("Feuille « Contrôle » écrite dans le classeur.")).toBeTruthy();
});

test("a failed action says why and keeps the results", async () => {
  const { user, host } = await checked();
  host.actionError = new HostError("protected-sheet", "La feuille « Rapport APES » est protégée : ôtez la protection pour corriger.");
  await user.click(screen.getByRole("button", { name: "Aller à la cellule G3 (IMP-SOLDE)" }));
  expect(await screen.findByText("La feuille « Rapport APES » est protégée : ôtez la protection pour corriger.")).toBeTruthy();
  expect(screen.getByText("L'action n'a pas abouti")).toBeTruthy();
  expect(screen.getByRole("region", { name: "Résumé" })).toBeTruthy();
});

test("results go out of date when the workbook changes, until the next check", async () => {
  const { user, host } = await checked();
  expect(screen.queryByText("Le classeur a changé depuis le contrôle : relancez-le.")).toBeNull();
  act(() => host.change());
  expect(await screen.findByText("Le classeur a changé depuis le contrôle : relancez-le.")).toBeTruthy();
  await user.click(screen.getByRole("button", { name: "Contrôler le classeur" }));
  await waitFor(() => expect(screen.queryByRole("progressbar")).toBeNull());
  expect(screen.queryByText("Le classeur a changé depuis le contrôle : relancez-le.")).toBeNull();
  expect(host.callsTo("readWorkbook")).toHaveLength(2);
});

test("nothing found: explains what Pointage looks for and saves a header mapping, then checks again", async () => {
  const { user, host } = await checked(new FakeHost(plainWorkbook()));
  expect(screen.getByRole("heading", { name: "Aucun tableau reconnu" })).toBeTruthy();
  expect(screen.getByText(/des tableaux d'imputation, avec des en-têtes/)).toBeTruthy();
  expect(screen.getByText(/des termes de convention/)).toBeTruthy();

  await user.type(screen.getByRole("textbox", { name: /En-tête tel qu'écrit dans le classeur/ }), "Montant voté");
  await user.click(screen.getByRole("combobox", { name: "Rôle de la colonne" }));
  await user.click(await screen.findByRole("option", { name: "CP (crédits de paiement)" }));
  await user.click(screen.getByRole("button", { name: "Enregistrer et relancer le contrôle" }));
  await waitFor(() => expect(host.callsTo("readWorkbook")).toHaveLength(2));
  expect(host.callsTo("saveSettings")).toEqual([[{ ignored: [], headerMap: { "Montant voté": "cp" }, prorataRegime: "prorata" }]]);
  expect(await screen.findByText("Montant voté → CP (crédits de paiement)")).toBeTruthy();
});

test("the mapping form says what is missing", async () => {
  const { user, host } = await checked(new FakeHost(plainWorkbook()));
  await user.click(screen.getByRole("button", { name: "Enregistrer et relancer le contrôle" }));
  expect(screen.getByText("Indiquez l'en-tête tel qu'il est écrit.")).toBeTruthy();
  expect(screen.getByText("Choisissez un rôle.")).toBeTruthy();
  expect(host.callsTo("saveSettings")).toEqual([]);
});

test("error: a host's message is shown as it is", async () => {
  const host = new FakeHost();
  host.readError = new HostError("cell-edit-mode", "Excel est en train de modifier une cellule : validez-la (Entrée) puis relancez le contrôle.");
  await checked(host);
  expect(await screen.findByText("Le contrôle n'a pas abouti")).toBeTruthy();
  expect(screen.getByText("Excel est en train de modifier une cellule : validez-la (Entrée) puis relancez le contrôle.")).toBeTruthy();
  expect(screen.queryByText(/Détail/)).toBeNull();
});

test("error: an unexpected one gets a generic sentence and its detail", async () => {
  const host = new FakeHost();
  host.readError = new TypeError("x is undefined");
  await checked(host);
  expect(await screen.findByText(/Une erreur inattendue s'est produite/)).toBeTruthy();
  expect(screen.getByText(/TypeError: x is undefined/)).toBeTruthy();
});

test("English when the pane is in English", async () => {
  const { user, host } = await checked(new FakeHost(), "en");
  const summary = screen.getByRole("region", { name: "Summary" });
  expect(within(summary).getByText("3 errors")).toBeTruthy();
  expect(within(summary).getByText("0 warnings")).toBeTruthy();
  expect(within(summary).getByText("2 infos")).toBeTruthy();
  const solde = screen.getByRole("listitem", { name: /G3 IMP-SOLDE/ });
  expect(within(solde).getByText(/Solde €151,285.00 does not equal/)).toBeTruthy();
  expect(within(solde).getByText("found")).toBeTruthy();
  expect(within(solde).getByText("expected")).toBeTruthy();
  expect(within(solde).getByText("€152,285.00")).toBeTruthy();
  await user.click(screen.getByRole("button", { name: "Go to cell G3 (IMP-SOLDE)" }));
  expect(host.callsTo("selectCell")).toEqual([["Rapport APES", "G3"]]);
  expect(screen.getByRole("button", { name: "Highlight" })).toBeTruthy();
  expect(screen.getByRole("button", { name: "Clear marks" })).toBeTruthy();
  expect(screen.getByRole("button", { name: "Check report" })).toBeTruthy();
});

// Issue 12: no control that cannot act on a file in the page.
test("the web page's host: no Corriger (the fix is shown to type in Excel), no second download", async () => {
  await checked(new FakeHost(budgetWorkbook(), "file"));
  expect(screen.queryByRole("button", { name: /^Corriger/ })).toBeNull();
  expect(screen.getByText("=E3-F3")).toBeTruthy();
  expect(screen.queryByRole("button", { name: "Rapport de contrôle" })).toBeNull();
  expect(screen.getByRole("button", { name: "Surligner" })).toBeTruthy();
});
