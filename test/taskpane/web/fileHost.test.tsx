/**
 * @jest-environment node
 */
/* The browser page's host over the bundled example workbook (ExcelJS runs in Node here). */
import { readFileSync } from "fs";
import * as path from "path";
import { HostError } from "../../../src/host/HostApi";
import { readSettings } from "../../../src/core/settings";
import { readXlsx } from "../../../src/file";
import type { Finding } from "../../../src/core/findings";
import { checkedCopyName, createFileHost, XLSX_MIME } from "../../../src/web/fileHost";

const EXAMPLE = readFileSync(path.join(__dirname, "../../../examples/dossier-commission-permanente.xlsx"));
const NAME = "dossier-commission-permanente.xlsx";

function host(lang: "fr" | "en" = "fr") {
  const downloads: { blob: Blob; name: string }[] = [];
  const h = createFileHost(new Uint8Array(EXAMPLE), NAME, { lang, download: (blob, name) => downloads.push({ blob, name }) });
  return { h, downloads };
}

const finding = (sheet: string, cell: string): Finding => ({
  rule: "IMP-SOLDE",
  severity: "error",
  sheet,
  cell,
  related: [],
  messageId: "soldeMismatch",
  data: {},
  message: "Le solde est faux.",
});

test("reads the file once, reports progress to the end and shares the snapshot with the grid", async () => {
  const { h } = host();
  const seen: { done: number; total: number }[] = [];
  let notified = 0;
  h.subscribe(() => notified++);
  const snapshot = await h.readWorkbook((p) => seen.push(p));
  expect(snapshot.sheets.map((s) => s.name)).toContain("APES 2023");
  expect(seen.at(-1)!.done).toBe(seen.at(-1)!.total);
  expect(h.getState().snapshot).toBe(snapshot);
  expect(notified).toBe(1);
  expect(await h.readWorkbook()).toBe(snapshot);
});

test("an unusable file becomes a HostError in the page's language", async () => {
  const h = createFileHost(new TextEncoder().encode("Poste;Montant\n"), "budget.xlsx", { lang: "en" });
  const error = await h.readWorkbook().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(HostError);
  expect((error as HostError).code).toBe("unusable-file");
  expect((error as HostError).message).toMatch(/^budget\.xlsx: this is a text file/);
});

test("selectCell tells the grid, every time; an unknown sheet is refused", async () => {
  const { h } = host();
  await h.readWorkbook();
  await h.selectCell("APES 2023", "G12");
  const first = h.getState().selection!;
  expect(first).toMatchObject({ sheet: "APES 2023", cell: "G12" });
  await h.selectCell("APES 2023", "G12");
  expect(h.getState().selection!.seq).toBeGreaterThan(first.seq);
  await expect(h.selectCell("Feuil9", "A1")).rejects.toMatchObject({ code: "not-found" });
});

test("settings live for the session: the next read carries them", async () => {
  const { h } = host();
  await h.saveSettings({ ignored: ["IMP-SOLDE|APES 2023|G12"], headerMap: { "Montant voté": "cp" }, prorataRegime: "reduction" });
  const snapshot = await h.readWorkbook();
  expect(readSettings(snapshot)).toEqual({ ignored: ["IMP-SOLDE|APES 2023|G12"], headerMap: { "Montant voté": "cp" }, prorataRegime: "reduction" });
});

test("Surligner and Effacer les marques show and hide the grid's marks", async () => {
  const { h } = host();
  h.setFindings([finding("APES 2023", "G12")]);
  expect(h.getState()).toMatchObject({ checked: true, marksVisible: true });
  await h.clearHighlights();
  expect(h.getState().marksVisible).toBe(false);
  await h.highlight([finding("APES 2023", "G12")]);
  expect(h.getState().marksVisible).toBe(true);
  expect(h.getState().marks).toHaveLength(1);
});

test("the ranges no check covered reach the grid; none until a check says so", async () => {
  const { h } = host();
  expect(h.getState().unread).toEqual([]);
  let notified = 0;
  h.subscribe(() => notified++);
  const unread = [{ sheet: "APES 2023", range: "E1:G7", reason: "no-header" as const, headers: ["Truc"], roles: [] }];
  h.setUnread(unread);
  expect(h.getState().unread).toBe(unread);
  expect(notified).toBe(1);
  await h.selectCell("APES 2023", "E1:G7");
  expect(h.getState().selection).toMatchObject({ sheet: "APES 2023", cell: "E1:G7" });
});

test("the download is the checked copy, named <name>.controle.xlsx; Rapport de contrôle downloads it too", async () => {
  const { h, downloads } = host();
  h.setFindings([finding("APES 2023", "G12")]);
  expect(await h.downloadCheckedCopy()).toBe("dossier-commission-permanente.controle.xlsx");
  await h.writeReport([finding("APES 2023", "G12")], "fr");
  expect(downloads.map((d) => [d.name, d.blob.type])).toEqual([
    ["dossier-commission-permanente.controle.xlsx", XLSX_MIME],
    ["dossier-commission-permanente.controle.xlsx", XLSX_MIME],
  ]);
  const copy = await readXlsx(new Uint8Array(await downloads[0].blob.arrayBuffer()), "copie.xlsx");
  expect(copy.sheets.map((s) => s.name)).toContain("Contrôle");
});

test("the page never writes into the file: applyFix is refused", async () => {
  const { h } = host();
  await expect(h.applyFix({ sheet: "APES 2023", cell: "G12", formula: "=E12-F12" })).rejects.toMatchObject({
    code: "unknown",
    message: "Corrigez dans Excel : la page web ne modifie pas votre fichier",
  });
});

test("checked copy names", () => {
  expect(checkedCopyName("budget.xlsx")).toBe("budget.controle.xlsx");
  expect(checkedCopyName("BUDGET 2025.XLSX")).toBe("BUDGET 2025.controle.xlsx");
  expect(checkedCopyName(".xlsx")).toBe("classeur.controle.xlsx");
  expect(checkedCopyName("budget.xlsm", true)).toBe("budget.controle.xlsm");
});

test("an .xls is read (SheetJS) and its checked copy downloads as an .xlsx named .controle.xlsx", async () => {
  const XLSX = await import("@e965/xlsx");
  const sheet = XLSX.utils.aoa_to_sheet([["Poste", "Montant"], ["Études", 1200.5]]);
  const workbook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(workbook, sheet, "Budget");
  const bytes = new Uint8Array(XLSX.write(workbook, { bookType: "xls", type: "array" }) as ArrayBuffer);
  const before = bytes.slice();
  const downloads: { blob: Blob; name: string }[] = [];
  const h = createFileHost(bytes, "budget 2014.xls", { download: (blob, name) => downloads.push({ blob, name }) });
  const snapshot = await h.readWorkbook();
  expect(snapshot.sheets[0].values).toEqual([["Poste", "Montant"], ["Études", 1200.5]]);
  expect(await h.downloadCheckedCopy([finding("Budget", "B2")])).toBe("budget 2014.controle.xlsx");
  expect(downloads[0].blob.type).toBe(XLSX_MIME);
  const copy = await readXlsx(new Uint8Array(await downloads[0].blob.arrayBuffer()), "budget 2014.controle.xlsx");
  expect(copy.sheets.map((s) => s.name)).toEqual(["Budget", "Contrôle"]);
  expect(copy.sheets[0].values).toEqual(snapshot.sheets[0].values);
  expect(bytes).toEqual(before);
  expect(checkedCopyName("budget.xls")).toBe("budget.controle.xlsx");
  expect(checkedCopyName("budget.XLSB")).toBe("budget.controle.xlsx");
  expect(checkedCopyName("budget.ods")).toBe("budget.controle.xlsx");
});
