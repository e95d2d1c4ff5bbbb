import * as React from "react";
import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { checkWorkbook } from "../../../src/core/engine";
import type { Finding, Severity } from "../../../src/core/findings";
import { formatPercent } from "../../../src/core/format";
import type { CellValue } from "../../../src/core/model";
import { computedValues } from "../../../src/web/computedValues";
import { SheetGrid, cellText, overflowSpans, rowWindow } from "../../../src/web/components/SheetGrid";
import type { GridSelection } from "../../../src/web/fileHost";
import { snapshotOf } from "../../helpers/sheet-builder";
import { IMPUTATION_HEADER, apes2023 } from "../../helpers/seeds";
import { renderInProvider } from "../render";

const PAYLOAD = "<img src=x onerror=alert(1)>";

const mark = (sheet: string, cell: string, severity: Severity, message = "Message."): Finding => ({
  rule: "IMP-SOLDE",
  severity,
  sheet,
  cell,
  related: [],
  messageId: "m",
  data: {},
  message,
});

function workbook() {
  const big = Array.from({ length: 10_000 }, (_, i) => [`ligne ${i + 1}`, i + 1]);
  const snapshot = snapshotOf([
    { name: "APES 2023", rows: [IMPUTATION_HEADER, apes2023({ solde: 151285 }), [PAYLOAD]] },
    { name: "Grand", rows: big },
  ]);
  snapshot.sheets.push({ name: "_pointage", origin: { row: 0, column: 0 }, values: [["prorata", "prorata"]] });
  return snapshot;
}

const cell = (address: string) => document.querySelector(`td[data-cell="${address}"]`) as HTMLElement | null;

test("tabs for the sheets (not the settings sheet), column letters, row numbers, values as text", () => {
  renderInProvider(<SheetGrid lang="fr" snapshot={workbook()} marks={[]} height={400} />);
  const tabs = screen.getByRole("tablist", { name: "Feuilles du classeur" });
  expect(within(tabs).getAllByRole("tab")).toHaveLength(2);
  expect(within(tabs).getByRole("tab", { name: "APES 2023" })).toBeTruthy();
  expect(within(tabs).getByRole("tab", { name: "Grand" })).toBeTruthy();
  const grid = screen.getByRole("region", { name: "Aperçu de la feuille « APES 2023 » (lecture seule)" });
  expect(within(grid).getByRole("columnheader", { name: "G" })).toBeTruthy();
  expect(within(grid).getByRole("rowheader", { name: "2" })).toBeTruthy();
  expect(cell("G2")!.textContent).toBe("151285");
  expect(cell("A3")!.textContent).toBe(PAYLOAD);
  expect(document.querySelector("img")).toBeNull();
});

test("marked cells carry their severity, and a tab says how many it has", () => {
  renderInProvider(
    <SheetGrid lang="fr" snapshot={workbook()} marks={[mark("APES 2023", "G2", "info"), mark("APES 2023", "G2", "error"), mark("APES 2023", "E2", "warning")]} height={400} />,
  );
  expect(cell("G2")!.getAttribute("data-severity")).toBe("error");
  expect(cell("G2")!.getAttribute("title")).toBe("Message.\nMessage.");
  expect(cell("G2")!.textContent).toBe("151285 (Erreur)");
  expect(cell("E2")!.getAttribute("data-severity")).toBe("warning");
  expect(cell("D2")!.getAttribute("data-severity")).toBeNull();
  expect(screen.getByRole("tab", { name: "APES 2023, 2 cellules marquées" })).toBeTruthy();
});

test("hidden marks are not shown", () => {
  renderInProvider(<SheetGrid lang="fr" snapshot={workbook()} marks={[mark("APES 2023", "G2", "error")]} marksVisible={false} height={400} />);
  expect(cell("G2")!.getAttribute("data-severity")).toBeNull();
});

test("a big sheet renders a window of rows; a selection switches sheet, renders and outlines its cell", () => {
  const snapshot = workbook();
  const { rerender } = renderInProvider(<SheetGrid lang="fr" snapshot={snapshot} marks={[]} height={400} />);
  const select = (selection: GridSelection) => act(() => rerender(<SheetGrid lang="fr" snapshot={snapshot} marks={[]} height={400} selection={selection} />));
  select({ sheet: "Grand", cell: "B9000", seq: 1 });
  expect(screen.getByRole("tab", { name: "Grand" }).getAttribute("aria-selected")).toBe("true");
  const target = cell("B9000")!;
  expect(target.getAttribute("data-selected")).toBe("true");
  expect(target.textContent).toBe("9000");
  expect(document.querySelectorAll("tbody tr[aria-rowindex]").length).toBeLessThan(100);
  expect(cell("A1")).toBeNull();
  expect(screen.getByText("Cellule B9000 de la feuille « Grand » sélectionnée.")).toBeTruthy();
});

test("the user switches sheets with the tabs", async () => {
  const user = userEvent.setup();
  renderInProvider(<SheetGrid lang="en" snapshot={workbook()} marks={[]} height={400} />);
  await user.click(screen.getByRole("tab", { name: "Grand" }));
  expect(screen.getByRole("region", { name: "Preview of sheet “Grand” (read-only)" })).toBeTruthy();
  expect(cell("A1")!.textContent).toBe("ligne 1");
});

test("row windows and cell texts", () => {
  expect(rowWindow(0, 400, 10_000)).toEqual({ first: 0, last: 30 });
  expect(rowWindow(28 * 5000, 400, 10_000)).toEqual({ first: 4984, last: 5030 });
  expect(rowWindow(0, 400, 3)).toEqual({ first: 0, last: 3 });
  expect(cellText(0.3198, "0.00%", "fr")).toBe(formatPercent(31.98, 2, "fr"));
  expect(cellText(1234.5, "#,##0.00 €", "fr")).toBe("1\u202f234,50");
  expect(cellText(1234.5, "General", "en")).toBe("1234.5");
  expect(cellText(45292, "dd/mm/yyyy", "fr")).toBe("01/01/2024");
  expect(cellText(true, "General", "fr")).toBe("VRAI");
  expect(cellText("", "General", "fr")).toBe("");
});

describe("ranges no check covered", () => {
  const unread = [{ sheet: "APES 2023", range: "B2:C3" }];

  test("their cells are marked « non contrôlé »: hatched, said to screen readers, in the legend", () => {
    renderInProvider(<SheetGrid lang="fr" snapshot={workbook()} marks={[mark("APES 2023", "G2", "error")]} unread={unread} height={400} />);
    for (const address of ["B2", "C2", "B3", "C3"]) {
      expect(cell(address)!.getAttribute("data-unread")).toBe("B2:C3");
      expect(cell(address)!.textContent).toMatch(/ \(Non contrôlé\)$/);
    }
    expect(cell("B2")!.getAttribute("title")).toBe("Non contrôlé : la plage B2:C3 contient des nombres qu'aucun contrôle n'a vérifiés.");
    for (const address of ["A2", "D2", "B1", "A3", "G2"]) expect(cell(address)!.getAttribute("data-unread")).toBeNull();
    expect(cell("G2")!.textContent).toBe("151285 (Erreur)");
    const legend = screen.getByRole("list", { name: "Légende" });
    expect(within(legend).getByText("Non contrôlé")).toBeTruthy();
  });

  test("not on other sheets, not when marks are hidden, not without unread ranges", () => {
    const { rerender } = renderInProvider(<SheetGrid lang="fr" snapshot={workbook()} marks={[]} unread={[{ sheet: "Grand", range: "A1:B3" }]} height={400} />);
    expect(document.querySelectorAll("td[data-unread]")).toHaveLength(0);
    rerender(<SheetGrid lang="fr" snapshot={workbook()} marks={[]} unread={unread} marksVisible={false} height={400} />);
    expect(document.querySelectorAll("td[data-unread]")).toHaveLength(0);
    rerender(<SheetGrid lang="fr" snapshot={workbook()} marks={[]} height={400} />);
    expect(document.querySelectorAll("td[data-unread]")).toHaveLength(0);
    expect(within(screen.getByRole("list", { name: "Légende" })).queryByText("Non contrôlé")).toBeNull();
  });

  test("« Aller à la plage »: the grid shows the range's first cell and says which range", () => {
    const snapshot = workbook();
    renderInProvider(<SheetGrid lang="en" snapshot={snapshot} marks={[]} unread={[{ sheet: "Grand", range: "A9000:B9005" }]} height={400} selection={{ sheet: "Grand", cell: "A9000:B9005", seq: 1 }} />);
    expect(cell("A9000")!.getAttribute("data-selected")).toBe("true");
    expect(cell("B9003")!.getAttribute("data-unread")).toBe("A9000:B9005");
    expect(screen.getByText("Range A9000:B9005 of sheet “Grand” selected.")).toBeTruthy();
  });
});

const SENTENCE = "À ce titre, il est proposé un accompagnement financier du Département à hauteur de 9 380 €.";
const MONEY = "#,##0.00";
/** The filled Rapport sheet (`pointage fill … --template rapport`): formulas written with no result. */
function filled(solde: { v: CellValue; f: string; fmt: string } = { v: "", f: "=E4-F4", fmt: MONEY }) {
  return snapshotOf([
    {
      name: "Rapport C05-043A06",
      rows: [
        ["Rapport – imputation budgétaire"],
        [],
        ["Code Opération", "Imputation budgétaire", "Libellé Opération", "CP", "Disponible", "Proposition", "Solde", "Référence"],
        [
          "C05-043A06",
          "65748//93043",
          "Actions européennes et internationales",
          { v: 10000, fmt: MONEY },
          { v: 10000, fmt: MONEY },
          { v: 9380, fmt: MONEY },
          solde,
          // No cached value and nothing the engine computes: Pointage cannot show it.
          { v: "", f: "=RECHERCHEV(A4,Z1:Z9,2,0)" },
        ],
        [],
        [SENTENCE],
      ],
    },
  ]);
}
const text = (address: string) => cell(address)!.textContent;

describe("formulas as Excel shows them", () => {
  test("a formula stored with no result shows what the engine computed, with its number format", () => {
    const snapshot = filled();
    renderInProvider(<SheetGrid lang="fr" snapshot={snapshot} computed={computedValues(snapshot)} marks={[]} height={400} />);
    expect(text("G4")).toBe("620,00");
    expect(text("F4")).toBe("9\u202f380,00");
    expect(text("H4")).toBe("");
  });

  test("a formula the engine could not compute stays empty, marked as not checked", () => {
    const snapshot = filled();
    const { findings } = checkWorkbook(snapshot);
    expect(findings.map((f) => `${f.rule} ${f.messageId} ${f.severity} ${f.cell}`)).toEqual(["NUM-ILLISIBLE formuleNonCalculee warning H4"]);
    renderInProvider(<SheetGrid lang="fr" snapshot={snapshot} computed={computedValues(snapshot)} marks={findings} height={400} />);
    expect(cell("H4")!.getAttribute("data-severity")).toBe("warning");
    expect(cell("H4")!.getAttribute("title")).toMatch(/^La formule =RECHERCHEV\(A4,Z1:Z9,2,0\) n'a pas de résultat enregistré/);
    expect(text("H4")).toBe(" (Avertissement)");
    expect(text("G4")).toBe("620,00");
  });

  test("a formula with a cached value shows that value, not a re-evaluation", () => {
    const snapshot = filled({ v: 999, f: "=E4-F4", fmt: MONEY });
    const computed = computedValues(snapshot);
    expect(computed.get("Rapport C05-043A06")?.has("3,6")).toBeFalsy();
    renderInProvider(<SheetGrid lang="fr" snapshot={snapshot} computed={computed} marks={[]} height={400} />);
    expect(text("G4")).toBe("999,00");
    // Whatever the host hands over, a value the file holds is shown as read.
    const forged = new Map([["Rapport C05-043A06", new Map([["3,6", 620]])]]);
    renderInProvider(<SheetGrid lang="fr" snapshot={snapshot} computed={forged} marks={[]} height={400} />);
    expect(document.querySelectorAll('td[data-cell="G4"]')[1].textContent).toBe("999,00");
  });

  test("without computed values (a host that gives none), such a formula is empty", () => {
    renderInProvider(<SheetGrid lang="fr" snapshot={filled()} marks={[]} height={400} />);
    expect(text("G4")).toBe("");
  });

});

describe("texts overflow as in Excel", () => {
  test("a text overflows into the empty cells to its right, as far as a cell holding something", () => {
    const snapshot = snapshotOf([
      {
        name: "Feuil1",
        rows: [
          ["Rapport – imputation budgétaire", "", "", "suite"],
          [1234567.891, "", "", ""],
          ["Un texte long", { v: "", f: '=IF(D1="","","x")' }],
          ["", "", "Au bord de la grille", ""],
          [true, "", "#DIV/0!", ""],
        ],
      },
    ]);
    renderInProvider(<SheetGrid lang="fr" snapshot={snapshot} computed={computedValues(snapshot)} marks={[]} height={400} />);
    // Over B1 and C1, stopped by D1; the cell holds the whole text, for screen readers too.
    expect(cell("A1")!.getAttribute("data-overflow")).toBe("2");
    expect(text("A1")).toBe("Rapport – imputation budgétaire");
    expect(within(cell("A1")!).getByText("Rapport – imputation budgétaire").style.maxWidth).toMatch(/^calc\(336px - 2 \* var\(/);
    expect(text("B1")).toBe("");
    expect(text("D1")).toBe("suite");
    expect(cell("D1")!.getAttribute("data-overflow")).toBeNull();
    // Numbers, booleans and errors never overflow; a formula giving "" stops a text.
    expect(cell("A2")!.getAttribute("data-overflow")).toBeNull();
    expect(cell("A5")!.getAttribute("data-overflow")).toBeNull();
    expect(cell("C5")!.getAttribute("data-overflow")).toBeNull();
    expect(cell("A3")!.getAttribute("data-overflow")).toBeNull();
    // Up to the grid's edge (the sheet's last column).
    expect(cell("C4")!.getAttribute("data-overflow")).toBe("1");
    expect(document.querySelector('th[scope="col"]:last-child')!.textContent).toBe("D");
  });

  test("the filled sentence overflows over its row; the table's cells keep their own width", () => {
    const snapshot = filled();
    renderInProvider(<SheetGrid lang="fr" snapshot={snapshot} computed={computedValues(snapshot)} marks={[]} height={400} />);
    expect(cell("A1")!.getAttribute("data-overflow")).toBe("7");
    expect(cell("A6")!.getAttribute("data-overflow")).toBe("7");
    expect(text("A6")).toBe(SENTENCE);
    for (const address of ["A3", "B3", "C4", "A4"]) expect(cell(address)!.getAttribute("data-overflow")).toBeNull();
  });

  test("overflow spans", () => {
    expect(overflowSpans(["text", "empty", "empty", "filled", "text", "empty"])).toEqual([2, 0, 0, 0, 1, 0]);
    expect(overflowSpans(["filled", "empty", "text", "text", "empty", "empty"])).toEqual([0, 0, 0, 2, 0, 0]);
    expect(overflowSpans([])).toEqual([]);
  });
});
