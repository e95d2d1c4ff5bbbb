import JSZip from "jszip";
import { readSheetPartEnds, replaceSheetTail, SheetTailFinder } from "../../src/file/sheetPart";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The whole-part search the finder replaces: the last "sheetData", then the first `>` after it. */
function wholePartTailStart(bytes: Uint8Array): number {
  const text = decoder.decode(bytes);
  const at = text.lastIndexOf("sheetData");
  if (at < 0) return -1;
  const gt = text.indexOf(">", at + "sheetData".length);
  return gt < 0 ? -1 : encoder.encode(text.slice(0, gt + 1)).length;
}

function inChunks(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

const PARTS = [
  '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>sheetData</t></is></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>',
  "<worksheet><dimension ref=\"A1\"/><sheetData/><pageMargins left=\"0.7\"/></worksheet>",
  '<x:worksheet xmlns:x="m"><x:sheetData><x:row r="1" x14ac:dyDescent="0.25"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData  ><x:tableParts count="0"/></x:worksheet>',
  "<worksheet><dimension ref=\"A1\"/></worksheet>",
  "<worksheet><sheetData></sheetData",
];

describe("SheetTailFinder", () => {
  it.each(PARTS.map((p, i) => [i, p]))("finds where part %i's cells end, whatever the chunks", (_, part) => {
    const bytes = encoder.encode(part as string);
    const expected = wholePartTailStart(bytes);
    for (let size = 1; size <= bytes.length; size++) {
      const finder = new SheetTailFinder();
      for (const chunk of inChunks(bytes, size)) finder.push(chunk);
      expect([size, finder.tailStart()]).toEqual([size, expected]);
      expect(finder.size).toBe(bytes.length);
      expect(finder.head()).toBe(part);
      if (expected >= 0) expect(decoder.decode(finder.heldTail())).toBe(decoder.decode(bytes.subarray(expected)));
    }
  });

  it("keeps only its window of the part: a longer tail is said not held", () => {
    const tail = `<mergeCells>${'<mergeCell ref="A1:B1"/>'.repeat(50)}</mergeCells></worksheet>`;
    const bytes = encoder.encode(`<worksheet><sheetData>${"<row/>".repeat(200)}</sheetData>${tail}`);
    const small = new SheetTailFinder(64);
    for (const chunk of inChunks(bytes, 16)) small.push(chunk);
    expect(small.heldTail()).toBeUndefined();
    const large = new SheetTailFinder(bytes.length);
    for (const chunk of inChunks(bytes, 16)) large.push(chunk);
    expect(decoder.decode(large.heldTail())).toBe(tail);
  });
});

describe("readSheetPartEnds and replaceSheetTail", () => {
  async function zipped(part: string): Promise<JSZip> {
    const zip = new JSZip();
    zip.file("xl/worksheets/sheet1.xml", part);
    return JSZip.loadAsync(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
  }

  it("reads the head, the tail and the size of a zipped part, and puts a new tail back", async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => `<row r="${i + 1}" x14ac:dyDescent="0.25"><c r="A${i + 1}"><v>${i}</v></c></row>`).join("");
    const part = `<worksheet xmlns="m"><sheetData>${rows}</sheetData><pageMargins left="0.7"/></worksheet>`;
    const zip = await zipped(part);
    const entry = zip.file("xl/worksheets/sheet1.xml")!;
    const ends = await readSheetPartEnds(entry);
    expect(ends.size).toBe(encoder.encode(part).length);
    expect(ends.head).toBe(part.slice(0, 8192));
    expect(decoder.decode(ends.tail)).toBe('<pageMargins left="0.7"/></worksheet>');

    // A tail longer than the window kept while streaming is unzipped again, the same.
    expect(await readSheetPartEnds(entry, 16)).toEqual(ends);

    await replaceSheetTail(zip, "xl/worksheets/sheet1.xml", entry, ends.tailStart, encoder.encode('<conditionalFormatting sqref="A1"/></worksheet>'));
    const copy = await JSZip.loadAsync(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
    const written = await copy.file("xl/worksheets/sheet1.xml")!.async("string");
    expect(written).toBe(`<worksheet xmlns="m"><sheetData>${rows}</sheetData><conditionalFormatting sqref="A1"/></worksheet>`);
  });

  it("without streams (the browser: JSZip takes them only where it finds Buffer), the part is joined to its new tail whole", async () => {
    const part = '<worksheet><sheetData><row r="1"/></sheetData><pageMargins/></worksheet>';
    const zip = await zipped(part);
    const entry = zip.file("xl/worksheets/sheet1.xml")!;
    const ends = await readSheetPartEnds(entry);
    await replaceSheetTail(zip, "xl/worksheets/sheet1.xml", entry, ends.tailStart, encoder.encode("<x/></worksheet>"), false);
    expect(await zip.file("xl/worksheets/sheet1.xml")!.async("string")).toBe('<worksheet><sheetData><row r="1"/></sheetData><x/></worksheet>');
  });
});
