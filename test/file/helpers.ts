/** Builds workbook bytes for the file adapter's tests: ExcelJS workbooks, zip surgery with JSZip, BIFF8 surgery with SheetJS's CFB. */
import * as ExcelJS from "exceljs";
import JSZip from "jszip";
import * as XLSX from "@e965/xlsx";

/** The bytes of an ExcelJS workbook. */
export async function toXlsx(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as unknown as ArrayBuffer);
}

/** Loads bytes back with plain ExcelJS (to inspect what a writer produced). */
export async function loadWithExcelJs(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

/** Rewrites one entry of a zip. */
export async function editZipEntry(bytes: Uint8Array, path: string, edit: (text: string) => string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const file = zip.file(path);
  if (!file) throw new Error(`No ${path} in the zip`);
  zip.file(path, edit(await file.async("string")));
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** Renames a sheet in xl/workbook.xml only, as a real file with a name Excel would refuse. */
export function renameSheet(bytes: Uint8Array, from: string, to: string): Promise<Uint8Array> {
  return editZipEntry(bytes, "xl/workbook.xml", (xml) => {
    const before = `name="${from}"`;
    if (!xml.includes(before)) throw new Error(`No sheet ${from} in workbook.xml`);
    return xml.replace(before, `name="${to}"`);
  });
}

/** The text of one zip entry. */
export async function zipEntry(bytes: Uint8Array, path: string): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const file = zip.file(path);
  if (!file) throw new Error(`No ${path} in the zip`);
  return file.async("string");
}

/** A zip with the given text entries (the first one stored first, as `mimetype` must be). */
export async function makeZip(entries: Record<string, string>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [path, text] of Object.entries(entries)) zip.file(path, text);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** Text as UTF-16LE bytes (how OLE2 directory entries name their streams). */
export function utf16le(text: string): number[] {
  const out: number[] = [];
  for (const c of text) out.push(c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8);
  return out;
}

/** An OLE2 compound file header followed by directory-like entries naming these streams. */
export function ole2(streamNames: string[]): Uint8Array {
  const bytes = new Uint8Array(2048);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  let offset = 512;
  for (const name of ["Root Entry", ...streamNames]) {
    bytes.set(utf16le(name), offset);
    offset += 128;
  }
  return bytes;
}

/** One BIFF8 record of an .xls's Workbook stream; `offset` is where it was in the stream read. */
export interface BiffRecord {
  type: number;
  body: Uint8Array;
  offset?: number;
}

/**
 * Rewrites the records of an .xls's Workbook stream (SheetJS's CFB opens and writes the OLE2
 * container). The BOUNDSHEET records' sheet offsets follow the records they pointed at.
 */
export function editBiff(xls: Uint8Array, edit: (records: BiffRecord[]) => BiffRecord[]): Uint8Array {
  const cfb = XLSX.CFB.read(xls, { type: "array" });
  const entry = XLSX.CFB.find(cfb, "Workbook");
  if (!entry) throw new Error("No Workbook stream");
  const stream = Uint8Array.from(entry.content as ArrayLike<number>);
  const records: BiffRecord[] = [];
  for (let at = 0; at + 4 <= stream.length; ) {
    const length = stream[at + 2] | (stream[at + 3] << 8);
    records.push({ type: stream[at] | (stream[at + 1] << 8), body: stream.slice(at + 4, at + 4 + length), offset: at });
    at += 4 + length;
  }
  const edited = edit(records);
  const moved = new Map<number, number>();
  let size = 0;
  for (const r of edited) {
    if (r.offset !== undefined) moved.set(r.offset, size);
    size += 4 + r.body.length;
  }
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const r of edited) {
    view.setUint16(at, r.type, true);
    view.setUint16(at + 2, r.body.length, true);
    out.set(r.body, at + 4);
    if (r.type === 0x0085) {
      const old = view.getUint32(at + 4, true);
      view.setUint32(at + 4, moved.get(old) ?? old, true);
    }
    at += 4 + r.body.length;
  }
  entry.content = out as unknown as typeof entry.content;
  entry.size = out.length;
  return new Uint8Array(XLSX.CFB.write(cfb, { type: "array" }) as ArrayLike<number>);
}

const u16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];

/**
 * Puts a formula into an .xls that SheetJS wrote (its writer keeps values only): the cell record
 * at the 0-based row and column of the first sheet becomes a FORMULA record with these parsed
 * tokens; its cached result is the cell's number, or the error code given.
 */
export function withBiffFormula(xls: Uint8Array, row: number, col: number, tokens: number[], cachedError?: number): Uint8Array {
  let done = false;
  const out = editBiff(xls, (records) =>
    records.map((r) => {
      const cell = [0x0203, 0x0205, 0x027e, 0x00fd].includes(r.type) && r.body.length >= 6;
      if (done || !cell || (r.body[0] | (r.body[1] << 8)) !== row || (r.body[2] | (r.body[3] << 8)) !== col) return r;
      done = true;
      const result = cachedError !== undefined ? [0x02, 0, cachedError, 0, 0, 0, 0xff, 0xff] : r.type === 0x0203 ? [...r.body.subarray(6, 14)] : undefined;
      if (!result) throw new Error("Give a number cell or a cached error");
      const body = [...r.body.subarray(0, 6), ...result, 0, 0, 0, 0, 0, 0, ...u16(tokens.length), ...tokens];
      return { type: 0x0006, body: Uint8Array.from(body), offset: r.offset };
    }),
  );
  if (!done) throw new Error(`No cell record at row ${row}, column ${col}`);
  return out;
}

/** BIFF8 tokens of `SUM(first:last)` over one column's rows (0-based, relative references). */
export function biffSum(col: number, firstRow: number, lastRow: number): number[] {
  const c = col | 0xc000;
  return [0x25, ...u16(firstRow), ...u16(lastRow), ...u16(c), ...u16(c), 0x22, 1, ...u16(0x0004)];
}

/** BIFF8 tokens of `1/0`. */
export const BIFF_ONE_OVER_ZERO = [0x1e, ...u16(1), 0x1e, ...u16(0), 0x06];

/** An .xls marked as encrypted: a FILEPASS record (RC4 CryptoAPI header, random verifier) after the first BOF. */
export function withFilePass(xls: Uint8Array): Uint8Array {
  const body = Uint8Array.from([...u16(1), ...u16(1), ...u16(1), ...Array.from({ length: 48 }, (_, i) => (i * 37) & 0xff)]);
  return editBiff(xls, (records) => [records[0], { type: 0x002f, body }, ...records.slice(1)]);
}
