/**
 * The pane's « Modèles » tab (issue 9): templates listed, a resolved sentence previewed, a
 * problem shown with its cell and suggestion, workbook text kept as text, « Remplir » handing
 * the host the plan. Expected figures come from the seeds (APES 2023: 57 000 € proposés).
 */
import * as React from "react";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { FillPlan } from "../../src/core/fill";
import type { WorkbookSnapshot } from "../../src/core/model";
import { App } from "../../src/taskpane/components/App";
import { Templates } from "../../src/taskpane/components/Templates";
import { snapshotOf } from "../helpers/sheet-builder";
import { apes2023, IMPUTATION_HEADER } from "../helpers/seeds";
import { budgetWorkbook, FakeHost } from "./fixtures";
import { renderInProvider } from "./render";

jest.setTimeout(20_000);

/** Spaces of any kind as one plain space: the engine may write a narrow no-break space before €. */
const plain = (s: string | null | undefined): string => (s ?? "").replace(/[\s\u00a0\u202f]+/g, " ");

/** The APES line under a « Données » sheet naming the beneficiary, and a template sheet using it. */
function withTemplateSheet(beneficiary: string, templateCell = "{beneficiaire}"): WorkbookSnapshot {
  return snapshotOf([
    { name: "Rapport", rows: [IMPUTATION_HEADER, apes2023()] },
    { name: "Données", rows: [["Bénéficiaire", beneficiary]] },
    { name: "Modèle Lettre", rows: [["Objet"], ["", `Subvention à ${templateCell}`]] },
  ]);
}

async function openTab(host: FakeHost, lang: "fr" | "en" = "fr") {
  const user = userEvent.setup();
  renderInProvider(<App host={host} lang={lang} />);
  await user.click(screen.getByRole("tab", { name: lang === "fr" ? "Modèles" : "Templates" }));
  await screen.findByRole("combobox", { name: lang === "fr" ? "Modèle" : "Template" });
  return user;
}

function templateOptions(): string[] {
  return within(screen.getByRole("combobox", { name: /Modèle|Template/ }))
    .getAllByRole("option")
    .map((o) => o.textContent ?? "");
}

test("the tab lists the workbook's template sheets, then the built-ins", async () => {
  await openTab(new FakeHost(withTemplateSheet("Lianes coopération")));
  const options = templateOptions();
  expect(options[0]).toBe("Modèle Lettre");
  // The seven built-ins, named as the README names them (the two cerfa forms of issue 13 last).
  expect(options.slice(1).map((o) => o.replace(/ \(intégré\)$/, ""))).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^Rapport/),
      expect.stringMatching(/^Délibération/),
      expect.stringMatching(/^Convention/),
      expect.stringMatching(/^Bilan/),
      expect.stringMatching(/^Synthèse/),
      expect.stringMatching(/^Budget prévisionnel de l'action \(cerfa 12156\)/),
      expect.stringMatching(/^Compte rendu financier de l'action \(cerfa 15059\)/),
    ]),
  );
  expect(options).toHaveLength(8);
});

test("the Rapport template previews the seed's sentence for the picked line, and Remplir hands the host that plan", async () => {
  const host = new FakeHost(budgetWorkbook());
  const user = await openTab(host);
  await user.selectOptions(screen.getByRole("combobox", { name: "Modèle" }), "rapport");
  const line = screen.getByRole("combobox", { name: "Ligne" });
  // Both lines of « Rapport APES » can be picked: Lianes 2023 and APES 2023.
  expect(within(line).getAllByRole("option").map((o) => o.textContent)).toEqual([expect.stringMatching(/^C05-043A06/), expect.stringMatching(/^C01-020Q01/)]);
  await user.selectOptions(line, "Rapport APES!A3");
  const preview = screen.getByRole("region", { name: "Aperçu des champs" });
  expect(plain(preview.textContent)).toContain("il est proposé un accompagnement financier du Département à hauteur de 57 000 €.");

  await user.click(screen.getByRole("button", { name: "Remplir" }));
  await screen.findByText("Feuille « Rapport C01-020Q01 » créée.");
  const [[plan]] = host.callsTo("applyFillPlan") as [[FillPlan]];
  expect(plan.sheetName).toBe("Rapport C01-020Q01");
  // The plan written is the one previewed: its fields are the ones shown.
  expect(plan.fields.map((f) => [f.placeholder, plain(f.shown)])).toContainEqual(["{proposition|euros}", "57 000 €"]);
  const texts = plan.blocks.flatMap((b) => b.cells.flat()).flatMap((c) => (c?.kind === "text" ? [plain(c.text)] : []));
  expect(texts).toContain("À ce titre, il est proposé un accompagnement financier du Département à hauteur de 57 000 €.");
  // The proposition lands as a number, never as text.
  const numbers = plan.blocks.flatMap((b) => b.cells.flat()).filter((c) => c?.kind === "number");
  expect(numbers.map((c) => (c as { value: number }).value)).toContain(57000);
});

test("an unknown placeholder is named with its sheet, cell and suggestion, and nothing can be filled", async () => {
  const host = new FakeHost(withTemplateSheet("Lianes coopération", "{beneficiare}"));
  await openTab(host);
  const problems = screen.getByRole("list", { name: "Ce modèle ne peut pas être rempli" });
  const text = plain(problems.textContent);
  expect(text).toContain("Modèle Lettre!B2");
  expect(text).toContain("{beneficiare}");
  expect(text).toContain("vouliez-vous dire {beneficiaire}");
  expect((screen.getByRole("button", { name: "Remplir" }) as HTMLButtonElement).disabled).toBe(true);
  expect(host.callsTo("applyFillPlan")).toHaveLength(0);
});

test.each(["<img src=x onerror=alert(1)>", '=HYPERLINK("http://x","clic")'])("a beneficiary %s is shown as text", async (name) => {
  const host = new FakeHost(withTemplateSheet(name));
  const { container } = renderInProvider(<Templates host={host} />);
  const preview = await screen.findByRole("region", { name: "Aperçu des champs" });
  expect(preview.textContent).toContain(`Subvention à ${name}`);
  expect(container.querySelector("img")).toBeNull();
  expect(container.querySelector("a")).toBeNull();
});

test("Insérer le modèle adds the built-in as a template sheet through the host", async () => {
  const host = new FakeHost(budgetWorkbook());
  const user = await openTab(host);
  await user.selectOptions(screen.getByRole("combobox", { name: "Modèle" }), "convention");
  await user.click(screen.getByRole("button", { name: "Insérer le modèle" }));
  const [[plan]] = host.callsTo("applyFillPlan") as [[FillPlan]];
  await screen.findByText(`Feuille « ${plan.sheetName} » créée.`);
  // A template sheet keeps its placeholders as text, to be edited.
  const texts = plan.blocks.flatMap((b) => b.cells.flat()).flatMap((c) => (c?.kind === "text" ? [c.text] : []));
  expect(texts.some((t) => t.includes("{subvention"))).toBe(true);
  expect(plan.fields).toEqual([]);
});

test("a host without applyFillPlan: the buttons are disabled and the pane says why", async () => {
  const host = new FakeHost(budgetWorkbook());
  host.applyFillPlan = undefined;
  await openTab(host);
  expect((screen.getByRole("button", { name: "Remplir" }) as HTMLButtonElement).disabled).toBe(true);
  expect((screen.getByRole("button", { name: "Insérer le modèle" }) as HTMLButtonElement).disabled).toBe(true);
  expect(screen.getByText(/ne sait pas écrire une feuille remplie/)).toBeTruthy();
});

test("in English: tabs, labels, preview and the created sheet", async () => {
  const host = new FakeHost(budgetWorkbook());
  const user = await openTab(host, "en");
  expect(screen.getByRole("tab", { name: "Check" })).toBeTruthy();
  await user.selectOptions(screen.getByRole("combobox", { name: "Template" }), "rapport");
  await user.selectOptions(screen.getByRole("combobox", { name: "Line" }), "Rapport APES!A3");
  expect(screen.getByRole("region", { name: "Preview of the fields" })).toBeTruthy();
  await user.click(screen.getByRole("button", { name: "Fill" }));
  await screen.findByText("Sheet “Rapport C01-020Q01” created.");
});
