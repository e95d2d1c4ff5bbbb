/**
 * The byte scanner the .xlsx reader streams worksheets and shared strings through (issues 10 and
 * 14): the same tags and texts however the part is cut into chunks, numbers read from the bytes
 * exactly as `Number` reads their text, malformed markup refused, and linear at two sizes even
 * when a text or a broken tag spans thousands of chunks.
 */
import { ByteXmlScanner, MalformedXml, plainNumber, textOf } from "../../src/file/byteXml";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const NAMES = ["row", "c", "v", "t", "is"];

/** What a scan saw: tags with their raw attributes, and the texts of `<v>` and `<t>`, as one list of lines. */
function scan(xml: string, chunkSizes: (i: number) => number, meter?: { work: number }): string[] {
  const bytes = encoder.encode(xml);
  const log: string[] = [];
  let capturing = false;
  const scanner: ByteXmlScanner = new ByteXmlScanner(NAMES, {
    open(id, buf, attrStart, attrEnd, selfClosing, after) {
      log.push(`open ${id} [${decoder.decode(buf.subarray(attrStart, attrEnd))}]${selfClosing ? " /" : ""}`);
      if ((id === 2 || id === 3) && !selfClosing) {
        capturing = true;
        scanner.mark(after);
      }
    },
    close(id, buf, at) {
      if (capturing && (id === 2 || id === 3)) {
        log.push(`text ${JSON.stringify(textOf(buf, scanner.marked(), at))}`);
        capturing = false;
      }
      log.push(`close ${id}`);
    },
  });
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = Math.max(1, chunkSizes(i));
    scanner.push(bytes.subarray(at, at + size));
    at += size;
  }
  if (meter) meter.work = scanner.work;
  scanner.end();
  return log;
}

const WHOLE = (): number => Number.MAX_SAFE_INTEGER;

/** Every kind of markup a worksheet may hold, with multi-byte characters to cut in the middle. */
const SAMPLE =
  '<?xml version="1.0" encoding="UTF-8"?>\r\n<!-- a comment with <row> inside --><x:worksheet xmlns:x="urn:x">' +
  '<x:sheetData><x:row r="1" spans="1:3"><x:c r="A1" t="inlineStr"><x:is><x:t xml:space="preserve">Crédits « votés » 1 000 €</x:t></x:is></x:c>' +
  '<x:c r="B1" t="str" note="a &gt; b > c"><x:v>A &amp; B &#8364; &#x1F4B6; 💶</x:v></x:c>' +
  "<c r='C1'><v><![CDATA[1 < 2 ]] and > 3]]></v></c><c r=\"D1\"/><c r=\"E1\"><v>line\r\nbreak\rend</v></c></x:row>" +
  "<?pi some <processing> instruction?><!DOCTYPE none><row r=\"2\"><c><v>-12.5E-3</v></c></row></x:sheetData></x:worksheet>";

describe("ByteXmlScanner", () => {
  test("the same tags, attributes and texts whatever the chunk boundaries", () => {
    const whole = scan(SAMPLE, WHOLE);
    // What the sample holds, decoded: entities, CDATA, CR LF, characters of 2, 3 and 4 bytes.
    expect(whole).toContain('text "Crédits « votés » 1 000 €"');
    expect(whole).toContain('text "A & B € 💶 💶"');
    expect(whole).toContain('text "1 < 2 ]] and > 3"');
    expect(whole).toContain('text "line\\nbreak\\nend"');
    expect(whole).toContain("open 1 [ r=\"B1\" t=\"str\" note=\"a &gt; b > c\"]");
    expect(whole).toContain('open 1 [ r="D1"] /');
    expect(whole.filter((l) => l.startsWith("open 0"))).toHaveLength(2);
    // No tag of the comment or the processing instruction is seen.
    expect(whole.join("\n")).not.toMatch(/processing/);
    for (let size = 1; size <= 64; size++) expect(scan(SAMPLE, () => size)).toEqual(whole);
    // Uneven cuts, from a fixed sequence (no randomness: a failure can be replayed).
    for (let seed = 1; seed <= 20; seed++) expect(scan(SAMPLE, (i) => ((i * 7919 + seed * 104729) % 23) + 1)).toEqual(whole);
  });

  test("malformed markup is refused at the end of the part, never read as a shorter one", () => {
    expect(() => scan('<row r="1"><c r="A1"', () => 3)).toThrow(MalformedXml);
    expect(() => scan("<row><c>", WHOLE)).toThrow(/unclosed element/);
    expect(() => scan('<row r="1 < 2"></row>', () => 5)).toThrow(/unterminated tag/);
    expect(() => scan("<row></row></row>", () => 2)).toThrow(/end tag without start tag/);
    expect(() => scan("<row><!-- never closed </row>", () => 4)).toThrow(MalformedXml);
    expect(() => scan("<row><![CDATA[ never closed </row>", () => 4)).toThrow(MalformedXml);
    expect(() => scan("<row></row><", () => 1)).toThrow(MalformedXml);
  });

  /** The bytes the scan searched or moved (`ByteXmlScanner.work`), the part cut in 16 KB chunks. */
  function workOf(xml: string): number {
    const meter = { work: 0 };
    try {
      scan(xml, () => 16_384, meter);
    } catch (error) {
      if (!(error instanceof MalformedXml)) throw error;
    }
    return meter.work;
  }

  /**
   * Ten times the input, at most twelve times the work (a rescan of the pending construct at
   * each chunk would make it a hundred times): counted, not timed, so a loaded machine cannot
   * make it fail or pass.
   */
  function expectLinear(make: (n: number) => string, small: number): void {
    const workSmall = workOf(make(small));
    const workLarge = workOf(make(small * 10));
    expect(workSmall).toBeGreaterThanOrEqual(small);
    expect(workLarge).toBeLessThanOrEqual(12 * workSmall);
  }

  test("a text, a comment and a broken tag spanning thousands of chunks: linear", () => {
    expectLinear((n) => `<row><c><v>${"7".repeat(n)}</v></c></row>`, 400_000);
    expectLinear((n) => `<row><!--${"-".repeat(n)}--></row>`, 400_000);
    // A tag that never ends, its quotes opening and closing: refused, after one pass.
    expectLinear((n) => `<row><c r="A1" ${"x='>' ".repeat(n)}`, 50_000);
  });
});

describe("plainNumber", () => {
  const read = (text: string) => {
    const bytes = encoder.encode(text);
    return plainNumber(bytes, 0, bytes.length);
  };

  test("exactly what Number gives, for every plain number tried", () => {
    // A fixed sequence of texts: integers, decimals, exponents, signs, leading and trailing zeros.
    const texts: string[] = ["0", "-0", "+7", "43056", "31000.5", "0.1", "0.30000000000000004", "1e22", "1E-22", "5.", ".5", "007", "123456789012345", "-9.99", "2.5e+3", "0.000001", "1234.5678e-2"];
    let x = 12345;
    for (let i = 0; i < 5000; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      const digits = String(x).slice(0, 1 + (x % 15));
      const point = x % (digits.length + 1);
      const exponent = x % 5 === 0 ? `e${(x % 45) - 22}` : "";
      texts.push(`${x % 3 === 0 ? "-" : ""}${digits.slice(0, point)}${point < digits.length ? "." + digits.slice(point) : ""}${exponent}`);
    }
    let fast = 0;
    for (const text of texts) {
      const got = read(text);
      if (got === undefined) continue;
      fast++;
      expect(Object.is(got, Number(text))).toBe(true);
    }
    // Most are read from the bytes; the rest are left to Number on their text.
    expect(fast).toBeGreaterThan(texts.length * 0.8);
  });

  test("anything but a plain number is left to the text reading", () => {
    for (const text of ["", " 1", "1 ", "1e", "0x10", "Infinity", "-", ".", "1.2.3", "12345678901234567", "1e400", "1e-400", "1,5", "&#49;"]) expect(read(text)).toBeUndefined();
  });
});
