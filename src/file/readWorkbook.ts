/**
 * Reads a workbook (bytes) into the snapshot the engine checks, imitating what Office.js returns
 * for each sheet's used range (`values`, `formulas`, `numberFormat`, `valueTypes`). Works in
 * Node and in the browser: bytes in, snapshot out, no file system. An .xlsx is read by
 * xlsxParts.ts (one linear scan per part); ExcelJS only writes the checked copy.
 */
import type JSZip from "jszip";
import type { WorkbookSnapshot } from "../core/model";
import type { ReadProgress } from "../host/HostApi";
import { isUnusableFileError, UnusableFileError } from "./errors";
import { MAX_FILE_MB, MAX_UNZIPPED_MB, MB } from "./limits";
import { openXlsxZip, toBytes } from "./open";
import { readOds } from "./readOds";
import { readSheetJs } from "./readSheetJs";
import { readXlsxParts } from "./xlsxParts";
import { declaredUnzippedSize } from "./zipSize";

export { displayFormula } from "./formula";

export interface ReadOptions {
  /** Called after each sheet with the sheets read so far and in all. */
  onProgress?: (progress: ReadProgress) => void;
}

/**
 * Reads an .xlsx, an .ods (see readOds), an .xls or an .xlsb (see readSheetJs) into a snapshot;
 * the format is told by the bytes, not the name. Throws UnusableFileError (one French line naming
 * the file) for anything else or unreadable: empty, Word, password, truncated, damaged, too large…
 */
export async function readXlsx(data: Uint8Array | ArrayBuffer, fileName: string, options: ReadOptions = {}): Promise<WorkbookSnapshot> {
  const bytes = toBytes(data);
  let zip: JSZip;
  try {
    // Limits before anything is unzipped (the other readers check theirs the same way).
    if (bytes.length > MAX_FILE_MB * MB) throw new UnusableFileError("too-large", fileName, undefined, { kind: "file-size" });
    if (bytes[0] === 0x50 && bytes[1] === 0x4b && (declaredUnzippedSize(bytes) ?? 0) > MAX_UNZIPPED_MB * MB) {
      throw new UnusableFileError("too-large", fileName, undefined, { kind: "unzipped-size" });
    }
    zip = await openXlsxZip(bytes, fileName);
  } catch (error) {
    if (!isUnusableFileError(error)) throw error;
    // An OpenDocument spreadsheet (LibreOffice): read it with the ODF reader instead.
    if (error.code === "ods") return readOds(bytes, fileName, options);
    // A legacy .xls (OLE2) or an .xlsb (zip with xl/workbook.bin): read them with SheetJS.
    if (error.code === "xls" || error.code === "xlsb") return readSheetJs(bytes, fileName, options);
    throw error;
  }
  return readXlsxParts(zip, fileName, { onSheet: (done, total) => options.onProgress?.({ done, total }) });
}
