/** Builds .xlsx bytes for the file adapter's tests: ExcelJS workbooks, and zip surgery with JSZip. */
import * as ExcelJS from "exceljs";
import JSZip from "jszip";

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
