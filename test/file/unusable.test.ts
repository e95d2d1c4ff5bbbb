import * as ExcelJS from "exceljs";
import JSZip from "jszip";
import { readXlsx, UnusableFileError, unusableMessage, writeCheckedCopy } from "../../src/file";
import type { UnusableFileCode } from "../../src/file";
import { editZipEntry, makeZip, ole2, toXlsx } from "./helpers";

async function validXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Budget");
  for (let r = 1; r <= 200; r++) ws.addRow([`Ligne ${r}`, r * 100, { formula: `B${r}*2`, result: r * 200 }]);
  return toXlsx(wb);
}

/** Reads and returns the UnusableFileError thrown, failing if none is. */
async function unusable(bytes: Uint8Array, fileName = "budget.xlsx"): Promise<UnusableFileError> {
  try {
    await readXlsx(bytes, fileName);
  } catch (error) {
    expect(error).toBeInstanceOf(UnusableFileError);
    return error as UnusableFileError;
  }
  throw new Error("readXlsx did not throw");
}

function expectOneLine(error: UnusableFileError, fileName: string) {
  for (const message of [error.message, error.messageEn]) {
    expect(message.startsWith(fileName)).toBe(true);
    expect(message).not.toMatch(/[\r\n]/);
    expect(message).not.toMatch(/\bat .*\(|Error:/); // no stack, no raw exception
    expect(message).toMatch(/\.$/);
  }
}

describe("unusable files", () => {
  test("an empty file", async () => {
    const error = await unusable(new Uint8Array(0));
    expect(error.code).toBe("empty");
    expect(error.message).toBe("budget.xlsx : le fichier est vide.");
    expect(error.messageEn).toBe("budget.xlsx: the file is empty.");
  });

  test("a Word document", async () => {
    const docx = await makeZip({
      "[Content_Types].xml": '<?xml version="1.0"?><Types/>',
      "word/document.xml": "<w:document/>",
    });
    const error = await unusable(docx);
    expect(error.code).toBe("docx");
    expect(error.message).toBe("budget.xlsx : ce n'est pas un classeur Excel (.xlsx) mais un document Word.");
    expectOneLine(error, "budget.xlsx");
  });

  test("a truncated .xlsx", async () => {
    const bytes = await validXlsx();
    for (const length of [2, 100, Math.floor(bytes.length / 2), bytes.length - 10]) {
      const error = await unusable(bytes.slice(0, length));
      expect(error.code).toBe("corrupt");
      expect(error.message).toBe("budget.xlsx : le fichier est tronqué ou endommagé.");
    }
  });

  test("an .xlsx whose sheet XML is damaged", async () => {
    const bytes = await editZipEntry(await validXlsx(), "xl/worksheets/sheet1.xml", (xml) => xml.slice(0, xml.length / 2) + "<<<");
    const error = await unusable(bytes);
    expect(error.code).toBe("damaged");
    expectOneLine(error, "budget.xlsx");
    // The message names the part and the sheet, in French and in English.
    expect(error.message).toContain("xl/worksheets/sheet1.xml");
    expect(error.message).toContain("« Budget »");
    expect(error.messageEn).toContain('sheet "Budget"');
  });

  test("an OpenDocument spreadsheet without any spreadsheet body says how to save it as .xlsx", async () => {
    // A readable .ods is read (readOds.test.ts); one that holds no office:spreadsheet is not.
    const ods = await makeZip({
      mimetype: "application/vnd.oasis.opendocument.spreadsheet",
      "content.xml": "<office:document-content/>",
      "META-INF/manifest.xml": "<manifest:manifest/>",
    });
    const error = await unusable(ods, "subventions.ods");
    expect(error.code).toBe("ods");
    expect(error.message).toContain("subventions.ods : ");
    expect(error.message).toContain("Enregistrer sous… > Classeur Excel (.xlsx)");
    expectOneLine(error, "subventions.ods");
  });

  test("an encrypted (password-protected) .xlsx, an OLE2 file with EncryptionInfo", async () => {
    const error = await unusable(ole2(["EncryptionInfo", "EncryptedPackage"]));
    expect(error.code).toBe("password");
    expect(error.message).toBe(
      "budget.xlsx : le fichier est protégé par un mot de passe ; enregistrez-en une copie sans mot de passe.",
    );
  });

  test("an OLE2 file that is not encrypted, Word nor PowerPoint is read as an .xls, and refused when it holds none", async () => {
    // A readable .xls is read (readSheetJs.test.ts); these headers hold no workbook stream.
    for (const streams of [["Workbook", "SummaryInformation"], []]) {
      const error = await unusable(ole2(streams), "subventions-2014.xls");
      expect(error.code).toBe("corrupt");
      expect(error.message).toBe("subventions-2014.xls : le fichier est tronqué ou endommagé.");
    }
  });

  test.each<[string, () => Promise<Uint8Array> | Uint8Array, UnusableFileCode]>([
    ["a legacy Word .doc", () => ole2(["WordDocument", "1Table"]), "docx"],
    ["a PDF", () => new TextEncoder().encode("%PDF-1.7\n%âãÏÓ\n1 0 obj"), "pdf"],
    ["a CSV", () => new TextEncoder().encode("Code;Libellé;CP\nC05-043A06;Subvention;9 380,00\n"), "text"],
    ["an HTML table saved as .xls", () => new TextEncoder().encode("<html><body><table><tr><td>1</td></tr></table></body></html>"), "text"],
    ["random bytes", () => Uint8Array.from({ length: 300 }, (_, i) => (i * 7919) % 256), "not-spreadsheet"],
    ["a zip of something else", () => makeZip({ "readme.txt": "hello" }), "not-spreadsheet"],
    ["a damaged .xlsb", () => makeZip({ "[Content_Types].xml": "<Types/>", "xl/workbook.bin": "x" }), "corrupt"],
    ["a PowerPoint", () => makeZip({ "[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p/>" }), "pptx"],
  ])("%s", async (_label, make, code) => {
    const error = await unusable(await make());
    expect(error.code).toBe(code);
    expectOneLine(error, "budget.xlsx");
  });

  test("an .xlsx whose sheet part has another name is read where its relationships say", async () => {
    // Same workbook, but its sheet part has a name other than xl/worksheets/sheetN.xml.
    const zip = await JSZip.loadAsync(await validXlsx());
    const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    zip.remove("xl/worksheets/sheet1.xml");
    zip.file("xl/worksheets/donnees.xml", sheet);
    const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
    zip.file("xl/_rels/workbook.xml.rels", rels.replace("worksheets/sheet1.xml", "worksheets/donnees.xml"));
    const read = await readXlsx(await zip.generateAsync({ type: "uint8array" }), "budget.xlsx");
    expect(read.sheets.map((s) => s.name)).toEqual(["Budget"]);
    expect(read.sheets[0].values).toHaveLength(200);
    expect(read.sheets[0].values[199]).toEqual(["Ligne 200", 20000, 40000]);
    expect(read.sheets[0].formulas?.[199][2]).toBe("=B200*2");
  });

  test("writeCheckedCopy refuses unusable files the same way", async () => {
    await expect(writeCheckedCopy(new Uint8Array(0), [], "fr", { fileName: "vide.xlsx" })).rejects.toMatchObject({
      code: "empty",
      message: "vide.xlsx : le fichier est vide.",
    });
  });

  test("messages stay on one line whatever the file name", () => {
    expect(unusableMessage("empty", "bad\nname.xlsx", "fr")).toBe("bad name.xlsx : le fichier est vide.");
  });

  test("every code has a French and an English message", () => {
    const codes: UnusableFileCode[] = ["empty", "corrupt", "password", "xls", "ods", "xlsb", "no-copy", "no-fill", "too-large", "docx", "pptx", "pdf", "text", "unsupported", "not-spreadsheet"];
    for (const code of codes) {
      const error = new UnusableFileError(code, "f.xlsx");
      expect(error.message).toMatch(/^f\.xlsx : \S/);
      expect(error.messageEn).toMatch(/^f\.xlsx: \S/);
      expect(error.messageIn("en")).toBe(error.messageEn);
    }
  });
});
