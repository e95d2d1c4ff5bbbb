/**
 * Hostile files: every scan over workbook text is linear, and .ods repeats are never
 * materialised (issue 14, "bounded by construction"). The inputs are made here, at two sizes:
 * ten times the input must cost at most twelve times the work (the old scanners were quadratic:
 * 13× the time for 4× the input). The work is counted by the scans (a WorkMeter: characters
 * searched or read), not timed, so that a loaded machine can neither fail nor pass these tests.
 */
import * as fs from "fs";
import * as path from "path";
import { performance } from "perf_hooks";
import JSZip from "jszip";
import { isUnusableFileError, readXlsx, type UnusableFileError } from "../../src/file";
import { readOds, odfFormula } from "../../src/file/readOds";
import * as limits from "../../src/file/limits";
import type { WorkMeter } from "../../src/core/workMeter";

const { MAX_CELLS_PER_SHEET } = limits;
import { eachStartTag, findAttribute, replaceStartTags } from "../../src/file/xml";
import { makeZip } from "./helpers";

/** The work a scan of `input` did, as its WorkMeter counted it (an error thrown by the scan is part of the run). */
async function workOf(input: string, run: (input: string, meter: WorkMeter) => unknown): Promise<number> {
  const meter: WorkMeter = { work: 0 };
  await Promise.resolve()
    .then(() => run(input, meter))
    .catch(() => undefined);
  return meter.work;
}

/**
 * Ten times the input, at most twelve times the work (a rescan of the pending tag from its start
 * at each `>` or `<` would make it a hundred times). Returns the two counts, the large input's
 * length with them, for the caller's own floor: the work of a scan that reads its input is at
 * least its length, so a meter left at zero cannot pass.
 */
async function expectLinear(
  make: (n: number) => string,
  run: (input: string, meter: WorkMeter) => unknown,
  small: number,
): Promise<{ small: number; large: number; length: number }> {
  const large = make(small * 10);
  const workSmall = await workOf(make(small), run);
  const workLarge = await workOf(large, run);
  // POINTAGE_WORK=1 prints the two counts, for a closing note.
  if (process.env.POINTAGE_WORK) console.log(`${expect.getState().currentTestName}: ${small} → ${workSmall}, ${small * 10} → ${workLarge}`);
  expect(workSmall).toBeGreaterThan(0);
  expect(workLarge).toBeLessThanOrEqual(12 * workSmall);
  return { small: workSmall, large: workLarge, length: large.length };
}

/** An .ods made of `contentXml`, read with a meter on its scans (see readOds's options). */
const readOdsMetered = async (contentXml: string, meter: WorkMeter) => readOds(await odsOf(contentXml), "hostile.ods", { meter });

const OPEN = '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="A" sheetId="1" r:id="rId1"/>';
/** Unclosed `<sheet ` tags and one stray quote: the old regular expression rescanned the rest of the part from each. */
const unclosedSheets = (n: number) => OPEN + "<sheet ".repeat(n) + '"</sheets></workbook>';

describe("workbook.xml start tags: one linear pass", () => {
  test("finds and rewrites tags as the regular expression did", () => {
    const xml = '<x:workbook><x:sheets><x:sheet name="A&amp;B" sheetId="1"/><sheet name=\'C\'>' + "</sheet><sheets2/><sheetView a='>'/></x:sheets></x:workbook>";
    const tags = eachStartTag(xml, "sheet");
    expect(tags.map((t) => [t.tag, t.attributes, t.slash])).toEqual([
      ["x:sheet", ' name="A&amp;B" sheetId="1"', "/"],
      ["sheet", " name='C'", ""],
    ]);
    expect(findAttribute(tags[0].attributes, "name")?.value).toBe("A&B");
    expect(replaceStartTags(xml, "sheet", (t) => `<${t.tag} name="Z"${t.slash}>`)).toBe(
      '<x:workbook><x:sheets><x:sheet name="Z"/><sheet name="Z">' + "</sheet><sheets2/><sheetView a='>'/></x:sheets></x:workbook>",
    );
    // A tag broken by an unterminated quote is skipped, the next one still found.
    expect(eachStartTag('<sheet name="a <sheet name="b"/>', "sheet").map((t) => t.attributes)).toEqual([' name="b"']);
  });

  test("20 000 and 200 000 unclosed <sheet tags: linear", async () => {
    // The old scan took 0.8 s at 8 000 tags and grew with the square: 200 000 would take minutes.
    const found = await expectLinear(unclosedSheets, (xml, meter) => eachStartTag(xml, "sheet", meter), 20_000);
    expect(found.large).toBeGreaterThanOrEqual(found.length);
    const rewritten = await expectLinear(unclosedSheets, (xml, meter) => replaceStartTags(xml, "sheet", (t) => t.whole, meter), 20_000);
    expect(rewritten.large).toBeGreaterThanOrEqual(found.length);
  });

  test("a workbook whose workbook.xml holds 200 000 of them ends at once with a one-line message", async () => {
    const bytes = await makeZip({
      "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
      "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      "xl/workbook.xml": unclosedSheets(200_000),
    });
    // The scan's linearity is counted above; this only says the whole reader does not hang on it
    // (it ends in well under a second on a quiet machine: 10 s is a margin a loaded one never reaches).
    const start = performance.now();
    const error = (await readXlsx(bytes, "hostile.xlsx").catch((e: unknown) => e)) as UnusableFileError;
    expect(performance.now() - start).toBeLessThan(10_000);
    expect(isUnusableFileError(error)).toBe(true);
    expect(error.message).toMatch(/^hostile\.xlsx : /);
  });
});

const NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ' +
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"';

/** content.xml with one sheet whose inner XML is given. */
const content = (sheet: string, name = "Budget") =>
  `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${NS}><office:body><office:spreadsheet><table:table table:name="${name}">${sheet}</table:table></office:spreadsheet></office:body></office:document-content>`;

async function odsOf(contentXml: string): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file("mimetype", "application/vnd.oasis.opendocument.spreadsheet", { compression: "STORE" });
  zip.file("content.xml", contentXml);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** readOds's result or error, never a hang. */
async function readOrError(bytes: Uint8Array, name = "hostile.ods") {
  return readOds(bytes, name).then(
    (workbook) => ({ workbook, error: undefined }),
    (error: unknown) => ({ workbook: undefined, error: error as UnusableFileError }),
  );
}

describe(".ods content: one linear pass", () => {
  test("an unterminated quote: damaged, at once, at 20 000 and 200 000 characters", async () => {
    const make = (n: number) => content('<table:table-row><table:table-cell office:value-type="string>' + "<text:p>x</text:p>".repeat(n / 18) + "</table:table-cell></table:table-row>");
    const work = await expectLinear(make, readOdsMetered, 20_000);
    // At once: the scan stops at the broken tag, far short of the end of the part.
    expect(work.large).toBeLessThan(work.length / 10);
    const { error } = await readOrError(await odsOf(make(200_000)));
    expect(error?.code).toBe("corrupt");
    expect(error?.message).toBe("hostile.ods : le fichier est tronqué ou endommagé.");
  });

  test("an unterminated quote followed by '>' everywhere: damaged, linear", async () => {
    const make = (n: number) => content('<table:table-row><table:table-cell office:value-type="' + "a>".repeat(n / 2) + "</table:table-row>");
    // The broken tag runs to the end of the part: read once, to its end, never from each `>` again.
    expect((await expectLinear(make, readOdsMetered, 20_000)).large).toBeGreaterThanOrEqual(200_000);
    expect((await readOrError(await odsOf(make(200_000)))).error?.code).toBe("corrupt");
  });

  test("200 000 characters of quoted '>' in a cell's value: read, linear", async () => {
    const make = (n: number) => content(`<table:table-row><table:table-cell office:value-type="string" office:string-value="${">".repeat(n)}"/></table:table-row>`);
    const work = await expectLinear(make, readOdsMetered, 20_000);
    expect(work.large).toBeGreaterThanOrEqual(200_000);
    const { workbook } = await readOrError(await odsOf(make(200_000)));
    // Excel's limit on a cell's text is not applied to a value attribute (it is one string already in memory).
    expect(String(workbook?.sheets[0].values[0][0]).length).toBe(200_000);
  });

  test("a bare word of 200 000 characters among a cell's attributes, and a formula of unclosed '[': linear", async () => {
    const word = (n: number) => content(`<table:table-row><table:table-cell ${"a".repeat(n)} office:value-type="float" office:value="1"/></table:table-row>`);
    expect((await expectLinear(word, readOdsMetered, 20_000)).large).toBeGreaterThanOrEqual(200_000);
    expect((await expectLinear((n) => "of:=" + "[".repeat(n), odfFormula, 20_000)).large).toBeGreaterThanOrEqual(200_000);
    expect(odfFormula("of:=SUM([.B2:.B5];[.C2])+[")).toBe("=SUM(B2:B5,C2)+[");
  });

  test("a cell's text never grows past Excel's 32 767 characters, however many runs of spaces it holds", async () => {
    const xml = content(`<table:table-row><table:table-cell office:value-type="string"><text:p>${'<text:s text:c="1000"/>'.repeat(5_000)}fin</text:p></table:table-cell></table:table-row>`);
    const { workbook } = await readOrError(await odsOf(xml));
    expect(String(workbook?.sheets[0].values[0][0]).length).toBe(32_767);
  });
});

describe(".ods repeats: never materialised, limits refused before memory is spent", () => {
  const expectRefused = (error: UnusableFileError | undefined, fr: RegExp, en: RegExp) => {
    expect(error?.code).toBe("too-large");
    expect(error?.message).toMatch(fr);
    expect(error?.messageEn).toMatch(en);
    expect(error?.message).not.toMatch(/\n/);
  };

  test("under 1 KB, an empty row repeated 1 000 000 000 times and empty cells repeated as much: read at once", async () => {
    const bytes = await odsOf(
      content(
        '<table:table-column table:number-columns-repeated="1000000000"/>' +
          '<table:table-row><table:table-cell office:value-type="float" office:value="1"/><table:table-cell table:number-columns-repeated="1000000000"/></table:table-row>' +
          '<table:table-row table:number-rows-repeated="1000000000"><table:table-cell table:number-columns-repeated="1000000000"/></table:table-row>',
      ),
    );
    expect(bytes.length).toBeLessThan(1024);
    // Hang guards, like the next test's: read in tens of milliseconds on a quiet machine, where
    // materialised repeats would run out of memory; 2 s is a margin a loaded machine never reaches.
    const start = performance.now();
    const { workbook, error } = await readOrError(bytes);
    expect(error).toBeUndefined();
    expect(performance.now() - start).toBeLessThan(2_000);
    expect(workbook?.sheets[0].values).toEqual([[1]]);
  });

  test("a row holding a number, repeated 1 000 000 000 times: refused, naming the file and the sheet", async () => {
    const bytes = await odsOf(content('<table:table-row table:number-rows-repeated="1000000000"><table:table-cell office:value-type="float" office:value="1"/></table:table-row>', "Dépenses"));
    expect(bytes.length).toBeLessThan(1024);
    const { error } = await readOrError(bytes, "bombe.ods");
    expectRefused(error, /^bombe\.ods : la feuille « Dépenses » a des données au-delà de la ligne 1\s048\s576/, /^bombe\.ods: sheet "Dépenses" holds data beyond row 1,048,576/);
  });

  test("data after a billion empty rows, or a number repeated past column XFD: refused, never cut off in silence", async () => {
    const after = await odsOf(content('<table:table-row table:number-rows-repeated="1000000000"><table:table-cell/></table:table-row><table:table-row><table:table-cell office:value-type="float" office:value="1"/></table:table-row>'));
    expectRefused((await readOrError(after)).error, /la feuille « Budget » a des données au-delà de la ligne/, /beyond row/);
    const wide = await odsOf(content('<table:table-row><table:table-cell table:number-columns-repeated="1000000000" office:value-type="float" office:value="1"/></table:table-row>'));
    expectRefused((await readOrError(wide)).error, /^hostile\.ods : la feuille « Budget » a des données au-delà de la colonne 16\s384 \(XFD\)/, /sheet "Budget" holds data beyond column 16,384 \(XFD\)/);
  });

  test("a full row repeated down the sheet: more cells than a sheet may hold, refused before they are made", async () => {
    const bytes = await odsOf(content('<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/></table:table-row>'));
    expect(bytes.length).toBeLessThan(1024);
    const start = performance.now();
    const { error } = await readOrError(bytes);
    expect(performance.now() - start).toBeLessThan(2_000);
    expectRefused(error, new RegExp(`la feuille « Budget » compte plus de ${MAX_CELLS_PER_SHEET.toLocaleString("fr-FR")} cellules`), /sheet "Budget" holds more than 10,000,000 cells/);
  });
});

test("the README states the limits enforced", () => {
  const readme = fs.readFileSync(path.join(__dirname, "../../README.md"), "utf8");
  const spaced = (n: number) => n.toLocaleString("en-US").replace(/,/g, " ");
  for (const text of [
    `| ${limits.MAX_FILE_MB} MB |`,
    `| ${limits.MAX_UNZIPPED_MB} MB |`,
    `${spaced(limits.MAX_ROWS)} rows, ${spaced(limits.MAX_COLUMNS)} columns`,
    `| ${spaced(limits.MAX_CELLS_PER_SHEET)}, repeated`,
    `${spaced(limits.MAX_CELL_TEXT)} characters`,
  ]) {
    expect(readme).toContain(text);
  }
});
