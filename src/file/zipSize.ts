/** What a zip says of itself, read from its central directory without unzipping anything, and what it really unzips to. */

/** The sum of the sizes a zip's central directory declares for its entries, or undefined when it cannot be found. */
export function declaredUnzippedSize(bytes: Uint8Array): number | undefined {
  return declaredUnzippedSizeIn(bytes.length, (at, length) => bytes.subarray(at, at + length));
}

/**
 * The same from a zip of `size` bytes read piece by piece (`read(at, length)`): only its end and
 * its central directory are read, so that a launcher can size its work before reading the file.
 */
export function declaredUnzippedSizeIn(size: number, read: (at: number, length: number) => Uint8Array): number | undefined {
  // The end-of-central-directory record sits in the last 65 557 bytes.
  const endStart = Math.max(0, size - 65_557);
  const end = read(endStart, size - endStart);
  const endView = new DataView(end.buffer, end.byteOffset, end.byteLength);
  for (let eocd = end.length - 22; eocd >= 0; eocd--) {
    if (endView.getUint32(eocd, true) !== 0x06054b50) continue;
    const entries = endView.getUint16(eocd + 10, true);
    const directoryStart = endView.getUint32(eocd + 16, true);
    if (directoryStart >= size) return undefined;
    // To the end of the file, not the size the record declares: that may lie too.
    const directory = read(directoryStart, size - directoryStart);
    const view = new DataView(directory.buffer, directory.byteOffset, directory.byteLength);
    let at = 0;
    let total = 0;
    for (let i = 0; i < entries; i++) {
      if (at + 46 > directory.length || view.getUint32(at, true) !== 0x02014b50) return undefined;
      const entrySize = view.getUint32(at + 24, true);
      // 0xFFFFFFFF: the real size is in a zip64 extra field, over 4 GB anyway.
      total += entrySize === 0xffffffff ? Number.MAX_SAFE_INTEGER : entrySize;
      at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    }
    return total;
  }
  return undefined;
}

/** What a workbook may still unzip to, shared by every part read from it (see inflateEntry). */
export interface UnzipBudget {
  /** Bytes left before MAX_UNZIPPED_MB is passed. */
  left: number;
}

/** A zip entry's chunked reader: JSZip has it (`internalStream`), its type definitions do not say so. */
export interface ChunkStream {
  on(event: "data", callback: (chunk: Uint8Array) => void): ChunkStream;
  on(event: "end", callback: () => void): ChunkStream;
  on(event: "error", callback: (error: Error) => void): ChunkStream;
  resume(): ChunkStream;
  pause(): ChunkStream;
}

/** Thrown by inflateEntry when an entry unzips past the budget, whatever its header declared. */
export class BeyondUnzipBudget extends Error {}

/**
 * Unzips one entry chunk by chunk, handing each to `onChunk` (which may throw to stop), and
 * counting the bytes really inflated against `budget`: a zip whose headers declare less than it
 * holds (a zip bomb) is stopped once the budget is spent, before the rest is inflated, and
 * BeyondUnzipBudget is thrown. The declared sizes are checked before (declaredUnzippedSize); they
 * cannot be trusted alone.
 */
export function inflateEntry(entry: object, budget: UnzipBudget, onChunk: (chunk: Uint8Array) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let done = false;
    const stream = (entry as { internalStream(type: "uint8array"): ChunkStream }).internalStream("uint8array");
    const fail = (error: unknown) => {
      if (done) return;
      done = true;
      stream.pause();
      reject(error);
    };
    stream
      .on("data", (chunk) => {
        if (done) return;
        budget.left -= chunk.length;
        if (budget.left < 0) return fail(new BeyondUnzipBudget());
        try {
          onChunk(chunk);
        } catch (error) {
          fail(error);
        }
      })
      .on("error", fail)
      .on("end", () => {
        if (done) return;
        done = true;
        resolve();
      })
      .resume();
  });
}
