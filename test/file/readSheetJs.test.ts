/**
 * .xls and .xlsb read through SheetJS into the same snapshot as an .xlsx. The fixtures are made
 * here with SheetJS's writer from one known table; its .xls and .xlsb writers keep values only, so
 * the .xls gets its formulas by BIFF8 record surgery (helpers.ts).
 */
import * as XLSX from "@e965/xlsx";
import type { SheetSnapshot } from "../../src/core/model";
import { readXlsx, UnusableFileError, writeCheckedCopy } from "../../src/file";
import { declaredUnzippedSize } from "../../src/file/readSheetJs";
import { BIFF_ONE_OVER_ZERO, biffSum, editBiff, loadWithExcelJs, ole2, withBiffFormula, withFilePass } from "./helpers";

const PERCENT = "0.00%";
const AMOUNT = "#,##0.00";
const DATE = "dd/mm/yyyy";

/** The known table: values, a % format, an amount total, error cells, a merged title, a date; two hidden sheets. */
function table(withFormulas: boolean): XLSX.WorkBook {
  const ws = XLSX.utils.aoa_to_sheet([
    ["Poste", "Montant", "Taux", "Ratio"],
    ["Études", 1200.5, 0.25],
    ["Travaux", 800, 0.1],
    ["Total"],
  ]);
  ws.C2.z = PERCENT;
  ws.C3.z = PERCENT;
  ws.B4 = { t: "n", v: 2000.5, z: AMOUNT, ...(withFormulas ? { f: "SUM(B2:B3)" } : {}) };
  ws.D2 = { t: "e", v: 0x07 };
  ws.D3 = { t: "e", v: 0x07, ...(withFormulas ? { f: "1/0" } : {}) };
  ws.A6 = { t: "s", v: "Titre fusionné" };
  ws.A7 = { t: "n", v: 45366, z: DATE };
  ws["!merges"] = [XLSX.utils.decode_range("A6:C6")];
  ws["!ref"] = "A1:D7";
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, "Budget");
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([["secret", 1]]), "Cachée");
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([["très secret", 2]]), "Réglages");
  wb.Workbook = { Sheets: [{ Hidden: 0 }, { Hidden: 1 }, { Hidden: 2 }] };
  return wb;
}

function write(wb: XLSX.WorkBook, bookType: XLSX.BookType): Uint8Array {
  return new Uint8Array(XLSX.write(wb, { bookType, type: "array" }) as ArrayBuffer);
}

/** The table as an .xls, with `=SUM(B2:B3)` in B4 and `=1/0` in D3. */
function xlsWithFormulas(): Uint8Array {
  const xls = write(table(false), "xls");
  return withBiffFormula(withBiffFormula(xls, 3, 1, biffSum(1, 1, 2)), 2, 3, BIFF_ONE_OVER_ZERO, 0x07);
}

const E = "";
const G = "General";

/** The snapshot of the Budget sheet, as the .xlsx reader makes it. */
function expectedBudget(withFormulas: boolean): SheetSnapshot {
  return {
    name: "Budget",
    origin: { row: 0, column: 0 },
    values: [
      ["Poste", "Montant", "Taux", "Ratio"],
      ["Études", 1200.5, 0.25, "#DIV/0!"],
      ["Travaux", 800, 0.1, "#DIV/0!"],
      ["Total", 2000.5, E, E],
      [E, E, E, E],
      ["Titre fusionné", E, E, E],
      [45366, E, E, E],
    ],
    formulas: [
      ["Poste", "Montant", "Taux", "Ratio"],
      ["Études", 1200.5, 0.25, "#DIV/0!"],
      ["Travaux", 800, 0.1, withFormulas ? "=1/0" : "#DIV/0!"],
      ["Total", withFormulas ? "=SUM(B2:B3)" : 2000.5, E, E],
      [E, E, E, E],
      ["Titre fusionné", E, E, E],
      [45366, E, E, E],
    ],
    numberFormats: [
      [G, G, G, G],
      [G, G, PERCENT, G],
      [G, G, PERCENT, G],
      [G, AMOUNT, G, G],
      [G, G, G, G],
      [G, G, G, G],
      [DATE, G, G, G],
    ],
    valueTypes: [
      ["String", "String", "String", "String"],
      ["String", "Double", "Double", "Error"],
      ["String", "Double", "Double", "Error"],
      ["String", "Double", "Empty", "Empty"],
      ["Empty", "Empty", "Empty", "Empty"],
      ["String", "Empty", "Empty", "Empty"],
      ["Double", "Empty", "Empty", "Empty"],
    ],
    listObjects: [],
    merges: ["A6:C6"],
    visibility: "Visible",
  };
}

async function unusable(bytes: Uint8Array, fileName: string): Promise<UnusableFileError> {
  const error = await readXlsx(bytes, fileName).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UnusableFileError);
  const e = error as UnusableFileError;
  for (const message of [e.message, e.messageEn]) {
    expect(message.startsWith(fileName)).toBe(true);
    expect(message).not.toMatch(/[\r\n]|\bat \S+ \(|Error:/);
  }
  return e;
}

describe(".xls (Excel 97-2003)", () => {
  test("reads values, formulas, number formats, value types, merges and hidden sheets", async () => {
    const snapshot = await readXlsx(xlsWithFormulas(), "budget.xls");
    expect(snapshot.sheets.map((s) => [s.name, s.visibility])).toEqual([
      ["Budget", "Visible"],
      ["Cachée", "Hidden"],
      ["Réglages", "VeryHidden"],
    ]);
    expect(snapshot.sheets[0]).toEqual(expectedBudget(true));
    expect(snapshot.sheets[1].values).toEqual([["secret", 1]]);
  });

  test("gives the same snapshot as the same workbook saved as .xlsx and read with ExcelJS", async () => {
    const fromXls = await readXlsx(xlsWithFormulas(), "budget.xls");
    const fromXlsx = await readXlsx(write(table(true), "xlsx"), "budget.xlsx");
    expect(fromXls).toEqual(fromXlsx);
  });

  test("reports progress to the end", async () => {
    const seen: { done: number; total: number }[] = [];
    await readXlsx(xlsWithFormulas(), "budget.xls", { onProgress: (p) => seen.push(p) });
    expect(seen).toHaveLength(3);
    expect(seen.at(-1)!.done).toBe(seen.at(-1)!.total);
  });

  test("an encrypted .xls (FILEPASS record) is refused as password-protected", async () => {
    const error = await unusable(withFilePass(write(table(false), "xls")), "protege.xls");
    expect(error.code).toBe("password");
    expect(error.message).toBe("protege.xls : le fichier est protégé par un mot de passe ; enregistrez-en une copie sans mot de passe.");
  });

  test("a truncated .xls is reported as damaged", async () => {
    const bytes = write(table(false), "xls");
    for (const length of [600, Math.floor(bytes.length / 2), bytes.length - 700]) {
      const error = await unusable(bytes.slice(0, length), "coupe.xls");
      expect(error.code).toBe("corrupt");
      expect(error.message).toBe("coupe.xls : le fichier est tronqué ou endommagé.");
    }
  });

  test("an OLE2 file with no readable workbook, or a damaged record stream, is reported as damaged", async () => {
    expect((await unusable(ole2(["Workbook"]), "vide.xls")).code).toBe("corrupt");
    // Number records cut short.
    const damaged = editBiff(write(table(false), "xls"), (records) =>
      records.map((r) => (r.type === 0x0203 ? { ...r, body: r.body.subarray(0, 8) } : r)),
    );
    expect((await unusable(damaged, "abime.xls")).code).toBe("corrupt");
  });

  test("Word and PowerPoint 97-2003 files are still told apart", async () => {
    expect((await unusable(ole2(["WordDocument", "1Table"]), "note.xls")).code).toBe("docx");
    expect((await unusable(ole2(["PowerPoint Document"]), "diapos.xls")).code).toBe("pptx");
  });

  test("a checked copy is an .xlsx that ExcelJS opens, with the same values, and the input is unchanged", async () => {
    const bytes = xlsWithFormulas();
    const before = bytes.slice();
    const copy = await writeCheckedCopy(bytes, [], "fr", { fileName: "budget.xls" });
    expect(bytes).toEqual(before);
    const workbook = await loadWithExcelJs(copy);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Budget", "Cachée", "Réglages", "Contrôle"]);
    expect(workbook.getWorksheet("Budget")!.getCell("B4").formula).toBe("SUM(B2:B3)");
    expect(workbook.getWorksheet("Budget")!.getCell("C2").numFmt).toBe(PERCENT);
    const reread = await readXlsx(copy, "budget.controle.xlsx");
    expect(reread.sheets[0].values).toEqual(expectedBudget(true).values);
    expect(reread.sheets[0].merges).toEqual(["A6:C6"]);
    expect(reread.sheets.slice(0, 3).map((s) => s.visibility)).toEqual(["Visible", "Hidden", "VeryHidden"]);
  });
});

describe(".xlsb (Excel binary)", () => {
  test("reads values, number formats, value types, merges and hidden sheets", async () => {
    // SheetJS writes no formulas into an .xlsb: the cached values stand alone.
    const snapshot = await readXlsx(write(table(false), "xlsb"), "budget.xlsb");
    expect(snapshot.sheets.map((s) => [s.name, s.visibility])).toEqual([
      ["Budget", "Visible"],
      ["Cachée", "Hidden"],
      ["Réglages", "VeryHidden"],
    ]);
    expect(snapshot.sheets[0]).toEqual(expectedBudget(false));
  });

  test("a truncated .xlsb is reported as damaged", async () => {
    const bytes = write(table(false), "xlsb");
    const error = await unusable(bytes.slice(0, Math.floor(bytes.length / 2)), "coupe.xlsb");
    expect(error.code).toBe("corrupt");
  });

  test("a zip declaring more than the unzipped limit is refused before it is read", async () => {
    const bytes = write(table(false), "xlsb");
    expect(declaredUnzippedSize(bytes)).toBeGreaterThan(0);
    // Every central directory entry claims 0x7FFFFFFF bytes.
    const bomb = bytes.slice();
    const view = new DataView(bomb.buffer);
    for (let at = 0; at + 4 <= bomb.length; at++) if (view.getUint32(at, true) === 0x02014b50) view.setUint32(at + 24, 0x7fffffff, true);
    const error = await unusable(bomb, "enorme.xlsb");
    expect(error.code).toBe("too-large");
    expect(error.message).toBe("enorme.xlsb : le classeur décompressé dépasserait 500 Mo, la taille que Pointage lit au plus.");
    expect(error.messageEn).toBe("enorme.xlsb: the workbook would unzip to more than 500 MB, the most Pointage reads.");
  });
});
