/**
 * A worksheet part as the checked copy edits it: its cells (everything up to `</sheetData>`) are
 * kept byte for byte and never held whole, only what follows them is read and changed. A
 * 1 048 576-row sheet unzips to some 360 MB: holding it, then a copy with the new tail, cost the
 * copy over 700 MB (issue 14). Here the part is unzipped as a stream to find where its cells end,
 * and, where JSZip can take a stream (Node), unzipped again while the copy is zipped.
 */
import type JSZip from "jszip";
import { MAX_UNZIPPED_MB, MB } from "./limits";
import { inflateEntry, type ChunkStream } from "./zipSize";

/** How many first bytes of the part are enough to read its root element and its namespaces. */
const HEAD_BYTES = 8192;
/** The tail is kept as the part streams by when it is no longer than this (else it is unzipped again). */
const TAIL_WINDOW = 16 * MB;

const SHEET_DATA = new TextEncoder().encode("sheetData");
const D = 0x44; // the rarest letter of "sheetData" in a worksheet (only `dyDescent` shares it)
const GT = 0x3e;

/** What the copy needs of a worksheet part: its first bytes as text, and what follows its cells. */
export interface SheetPartEnds {
  /** The first HEAD_BYTES bytes, decoded (the root element and its namespace declarations). */
  head: string;
  /** The index just after `</sheetData>` (or `<sheetData/>`), or -1 when the part has none. */
  tailStart: number;
  /** The bytes from `tailStart` to the end. */
  tail: Uint8Array;
  /** The part's unzipped size. */
  size: number;
}

/** Where "sheetData" ends in `bytes` when it starts at `at` (its last letter is at `at + 8`). */
function isSheetData(bytes: Uint8Array, at: number): boolean {
  if (at < 0 || at + SHEET_DATA.length > bytes.length) return false;
  for (let j = 0; j < SHEET_DATA.length; j++) if (bytes[at + j] !== SHEET_DATA[j]) return false;
  return true;
}

/** The start of the last "sheetData" in `bytes`, or -1; hops from one `D` to the one before. */
function lastSheetData(bytes: Uint8Array): number {
  for (let d = bytes.lastIndexOf(D); d >= 5; d = d > 0 ? bytes.lastIndexOf(D, d - 1) : -1) {
    if (isSheetData(bytes, d - 5)) return d - 5;
  }
  return -1;
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1 && chunks[0].length === length) return chunks[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk.subarray(0, Math.min(chunk.length, length - at)), at);
    at += chunk.length;
    if (at >= length) break;
  }
  return out;
}

/** A budget for unzipping a part the copy reads: the same bound as the read (src/file/limits.ts). */
function partBudget(): { left: number } {
  return { left: MAX_UNZIPPED_MB * MB };
}

/**
 * Finds, as the part streams by chunk after chunk, the index just after the last `sheetData`
 * tag's `>` (what searching the whole part from its end finds), and keeps the part's first bytes
 * and its last `window` bytes, nothing else.
 */
export class SheetTailFinder {
  private readonly headChunks: Uint8Array[] = [];
  private headLength = 0;
  /** The last bytes seen, for a "sheetData" split between two chunks (one byte short of the word). */
  private carry = new Uint8Array(0);
  private found = -1;
  private gt = -1;
  private readonly held: Uint8Array[] = [];
  private heldLength = 0;
  /** Bytes seen so far: the part's size once it has all streamed by. */
  size = 0;

  constructor(private readonly window = TAIL_WINDOW) {}

  push(chunk: Uint8Array): void {
    if (this.headLength < HEAD_BYTES) {
      const take = Math.min(chunk.length, HEAD_BYTES - this.headLength);
      this.headChunks.push(chunk.slice(0, take));
      this.headLength += take;
    }
    const joined = new Uint8Array(this.carry.length + chunk.length);
    joined.set(this.carry, 0);
    joined.set(chunk, this.carry.length);
    const joinedStart = this.size - this.carry.length;
    const at = lastSheetData(joined);
    if (at >= 0) {
      this.found = joinedStart + at;
      this.gt = -1;
    }
    if (this.found >= 0 && this.gt < 0) {
      const i = joined.indexOf(GT, Math.max(0, this.found + SHEET_DATA.length - joinedStart));
      if (i >= 0) this.gt = joinedStart + i;
    }
    this.size += chunk.length;
    this.held.push(chunk);
    this.heldLength += chunk.length;
    while (this.held.length > 1 && this.heldLength - this.held[0].length >= this.window) this.heldLength -= this.held.shift()!.length;
    this.carry = joined.slice(Math.max(0, joined.length - (SHEET_DATA.length - 1)));
  }

  /** The first HEAD_BYTES bytes, decoded. */
  head(): string {
    return new TextDecoder().decode(concat(this.headChunks, this.headLength));
  }

  /** The index just after `</sheetData>` (or `<sheetData/>`), or -1 when the part has none. */
  tailStart(): number {
    return this.gt < 0 ? -1 : this.gt + 1;
  }

  /** The bytes from tailStart() to the end when the window still holds them all, else undefined. */
  heldTail(): Uint8Array | undefined {
    const start = this.tailStart();
    if (start < 0) return new Uint8Array(0);
    const length = this.size - start;
    if (length > this.heldLength) return undefined;
    return concat(this.held, this.heldLength).slice(this.heldLength - length);
  }
}

/**
 * What the copy needs of a worksheet part, in one streamed unzip (two for a tail longer than
 * TAIL_WINDOW): its first bytes, where its cells end and what follows them.
 */
export async function readSheetPartEnds(entry: JSZip.JSZipObject, window = TAIL_WINDOW): Promise<SheetPartEnds> {
  const finder = new SheetTailFinder(window);
  await inflateEntry(entry, partBudget(), (chunk) => finder.push(chunk));
  const tailStart = finder.tailStart();
  let tail = finder.heldTail();
  if (!tail) {
    const chunks: Uint8Array[] = [];
    let at = 0;
    await inflateEntry(entry, partBudget(), (chunk) => {
      const from = Math.max(0, tailStart - at);
      if (from < chunk.length) chunks.push(chunk.subarray(from));
      at += chunk.length;
    });
    tail = concat(chunks, finder.size - tailStart);
  }
  return { head: finder.head(), tailStart, tail, size: finder.size };
}

type Listener = (value?: unknown) => void;

/**
 * The part with a new tail, as a stream JSZip reads while it zips the copy: the original part
 * unzipped again up to `tailStart`, then `tail`. JSZip in Node takes any object with `on`,
 * `pause` and `resume` for a stream (its NodejsStreamInputAdapter), so no Node module is needed.
 */
class EditedPartStream {
  private readonly listeners: Record<"data" | "end" | "error", Listener[]> = { data: [], end: [], error: [] };
  private inner: ChunkStream | undefined;
  private sent = 0;

  constructor(
    private readonly entry: JSZip.JSZipObject,
    private readonly tailStart: number,
    private readonly tail: Uint8Array,
  ) {}

  on(event: "data" | "end" | "error", listener: Listener): this {
    this.listeners[event].push(listener);
    return this;
  }

  pause(): this {
    this.inner?.pause();
    return this;
  }

  resume(): this {
    if (this.inner) this.inner.resume();
    else this.start();
    return this;
  }

  private emit(event: "data" | "end" | "error", value?: unknown): void {
    for (const listener of this.listeners[event]) listener(value);
  }

  private start(): void {
    const inner = (this.entry as unknown as { internalStream(type: "uint8array"): ChunkStream }).internalStream("uint8array");
    this.inner = inner;
    inner
      .on("data", (chunk) => {
        const keep = Math.min(chunk.length, this.tailStart - this.sent);
        this.sent += chunk.length;
        if (keep > 0) this.emit("data", keep === chunk.length ? chunk : chunk.subarray(0, keep));
      })
      .on("error", (error) => this.emit("error", error))
      .on("end", () => {
        if (this.tail.length > 0) this.emit("data", this.tail);
        this.emit("end");
      })
      .resume();
  }
}

/** Whether JSZip takes a stream as a file's content here: in Node (it checks for `Buffer`), not in the browser. */
function zipTakesStreams(): boolean {
  return typeof Buffer !== "undefined";
}

/**
 * Puts the part back into the zip with its new tail: streamed from the original entry while the
 * copy is zipped where JSZip can (Node), else unzipped whole and joined to the tail (the browser).
 */
export async function replaceSheetTail(zip: JSZip, path: string, entry: JSZip.JSZipObject, tailStart: number, tail: Uint8Array, streamed = zipTakesStreams()): Promise<void> {
  if (streamed) {
    zip.file(path, new EditedPartStream(entry, tailStart, tail) as unknown as NodeJS.ReadableStream, { binary: true });
    return;
  }
  const bytes = await entry.async("uint8array");
  const out = new Uint8Array(tailStart + tail.length);
  out.set(bytes.subarray(0, tailStart), 0);
  out.set(tail, tailStart);
  zip.file(path, out);
}
