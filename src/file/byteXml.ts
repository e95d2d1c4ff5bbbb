/**
 * An XML tag scanner over UTF-8 bytes that arrive in chunks (a part as it is unzipped), for the
 * parts that can be large: worksheets and shared strings. A part is never held whole, as bytes or
 * as a string: at 1 048 576 rows a worksheet part unzips to about 350 MB, and a JavaScript string
 * of it (plus the slices of it that texts read from it keep alive) cost more than the snapshot
 * itself (issues 10 and 14). Texts are decoded from the bytes into strings of their own.
 *
 * Linear by construction: each byte is looked at a bounded number of times, whatever the chunk
 * boundaries (a tag, a comment or a text cut between two chunks resumes where the scan stopped),
 * and the buffer grows by doubling, so that a huge text costs its length, never its square.
 * Malformed markup (a tag that never ends, an element left open) throws MalformedXml, as the
 * string scanner of xlsxParts.ts does.
 */
import { decodeXml, elementText } from "./xml";

/** A part that is not well-formed where the scan can tell. */
export class MalformedXml extends Error {}

export interface ByteTagVisitor {
  /**
   * A start tag whose local name is `names[id]` (-1: another name); its attributes are the bytes
   * `[attrStart, attrEnd)` of `buf`, valid during the call only; `after` is the index after its `>`.
   */
  open(id: number, buf: Uint8Array, attrStart: number, attrEnd: number, selfClosing: boolean, after: number): void;
  /** An end tag (also right after `open` for a self-closing tag); `at` is the index of its `<`. */
  close(id: number, buf: Uint8Array, at: number): void;
}

const LT = 60;
const GT = 62;
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const COLON = 58;
const DQUOTE = 34;
const SQUOTE = 39;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

const encoder = new TextEncoder();
const utf8 = new TextDecoder("utf-8");

/** What the scan was in the middle of when the bytes ran out. */
const enum Pending {
  None,
  /** A start or end tag: `resume` is where to look for its `>` again, `quote` the open quote. */
  Tag,
  /** A comment, CDATA section, processing instruction or declaration: `resume` is where to look for its end again. */
  Markup,
}

export class ByteXmlScanner {
  private buf = new Uint8Array(1 << 16);
  private len = 0;
  /** Where the scan goes on: a `<` not dealt with yet, or the next byte to search for one. */
  private pos = 0;
  private depth = 0;
  private pending = Pending.None;
  private resume = 0;
  private quote = 0;
  /** The start of the text the visitor asked to keep (see mark), or -1. */
  private markAt = -1;
  private readonly names: Uint8Array[];
  /**
   * Bytes searched or moved so far: what the scan's cost grows with, counted so that a test can
   * show it linear in the part's size without timing anything (a rescan of a pending construct
   * at each chunk would make it quadratic).
   */
  work = 0;

  constructor(
    names: readonly string[],
    private readonly visitor: ByteTagVisitor,
  ) {
    this.names = names.map((n) => encoder.encode(n));
  }

  /** Keeps the bytes from `at` (an index given to the visitor) until `marked` is called. */
  mark(at: number): void {
    this.markAt = at;
  }

  /** Where the bytes kept since `mark` start in the current `buf` (valid during the visitor's call); the mark is cleared. */
  marked(): number {
    const from = this.markAt;
    this.markAt = -1;
    return from;
  }

  /** Scans a chunk, on from where the previous one stopped. */
  push(chunk: Uint8Array): void {
    this.compact();
    if (this.len + chunk.length > this.buf.length) {
      let size = this.buf.length;
      while (size < this.len + chunk.length) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.buf.subarray(0, this.len));
      this.work += this.len;
      this.buf = grown;
    }
    this.buf.set(chunk, this.len);
    this.len += chunk.length;
    this.run(false);
  }

  /** The part is complete: anything left unfinished is malformed. */
  end(): void {
    this.run(true);
    if (this.depth !== 0) throw new MalformedXml("unclosed element");
  }

  /** Drops the bytes already scanned, keeping those the visitor or an unfinished construct still needs. */
  private compact(): void {
    let keep = this.pos;
    if (this.markAt >= 0 && this.markAt < keep) keep = this.markAt;
    if (keep === 0) return;
    this.buf.copyWithin(0, keep, this.len);
    this.work += this.len - keep;
    this.len -= keep;
    this.pos -= keep;
    if (this.pending !== Pending.None) this.resume -= keep;
    if (this.markAt >= 0) this.markAt -= keep;
  }

  private run(final: boolean): void {
    // A view as long as the bytes held: indexOf on the whole buffer would also search its spare
    // room, as large as what it holds, at every chunk.
    const buf = this.buf.subarray(0, this.len);
    const len = this.len;
    let pos = this.pos;
    for (;;) {
      let lt: number;
      if (this.pending === Pending.None) {
        lt = buf.indexOf(LT, pos);
        if (lt < 0 || lt >= len) {
          this.work += len - pos;
          this.pos = len;
          return;
        }
        this.work += lt - pos;
        pos = lt;
      } else lt = pos;
      // What kind of markup: `<!--`, `<![CDATA[`, `<!…>`, `<?…?>`, or a tag.
      if (lt + 1 >= len) return this.stop(lt, final, "unterminated tag");
      const next = buf[lt + 1];
      if (next === BANG || next === QUESTION) {
        let terminator: number[];
        let from: number;
        if (next === QUESTION) {
          terminator = [QUESTION, GT];
          from = lt + 2;
        } else {
          if (lt + 3 >= len && !final) return this.stop(lt, false, "");
          if (lt + 3 < len && buf[lt + 2] === 45 && buf[lt + 3] === 45) {
            terminator = [45, 45, GT];
            from = lt + 4;
          } else if (startsWith(buf, lt, len, CDATA)) {
            terminator = [93, 93, GT];
            from = lt + 9;
          } else if (!final && lt + 9 > len && isPrefix(buf, lt, len, CDATA)) {
            return this.stop(lt, false, "");
          } else {
            terminator = [GT];
            from = lt + 2;
          }
        }
        if (this.pending === Pending.Markup) from = Math.max(from, this.resume);
        const close = find(buf, terminator, from, len);
        this.work += (close < 0 ? len : close) - from;
        if (close < 0) {
          this.pending = Pending.Markup;
          this.resume = Math.max(from, len - terminator.length + 1);
          return this.stop(lt, final, "unterminated markup");
        }
        this.pending = Pending.None;
        pos = close + terminator.length;
        continue;
      }
      // A tag: its `>` is the first outside quotes; a `<` before it is damage.
      let i = lt + 1;
      let quote = 0;
      if (this.pending === Pending.Tag) {
        i = this.resume;
        quote = this.quote;
      }
      let gt = -1;
      const tagFrom = i;
      for (; i < len; i++) {
        const c = buf[i];
        if (c === LT) throw new MalformedXml("unterminated tag");
        if (quote !== 0) {
          if (c === quote) quote = 0;
        } else if (c === DQUOTE || c === SQUOTE) quote = c;
        else if (c === GT) {
          gt = i;
          break;
        }
      }
      this.work += i - tagFrom;
      if (gt < 0) {
        this.pending = Pending.Tag;
        this.resume = len;
        this.quote = quote;
        return this.stop(lt, final, "unterminated tag");
      }
      this.pending = Pending.None;
      if (next === SLASH) {
        let end = gt;
        while (end > lt + 2 && isSpace(buf[end - 1])) end--;
        this.visitor.close(this.nameId(buf, lt + 2, end), buf, lt);
        if (--this.depth < 0) throw new MalformedXml("end tag without start tag");
      } else {
        let n = lt + 1;
        while (n < gt) {
          const c = buf[n];
          if (isSpace(c) || c === SLASH) break;
          n++;
        }
        const selfClosing = buf[gt - 1] === SLASH;
        const id = this.nameId(buf, lt + 1, n);
        this.visitor.open(id, buf, n, selfClosing ? gt - 1 : gt, selfClosing, gt + 1);
        if (selfClosing) this.visitor.close(id, buf, gt + 1);
        else this.depth++;
      }
      pos = gt + 1;
    }
  }

  /** Stops at `lt` until more bytes come; at the end of the part, the construct is malformed. */
  private stop(lt: number, final: boolean, reason: string): void {
    if (final) throw new MalformedXml(reason || "unterminated markup");
    this.pos = lt;
  }

  /** The index in `names` of the local name `buf[from, to)` (after its prefix), or -1. */
  private nameId(buf: Uint8Array, from: number, to: number): number {
    for (let i = from; i < to; i++) {
      if (buf[i] === COLON) {
        from = i + 1;
        break;
      }
    }
    const length = to - from;
    const names = this.names;
    outer: for (let k = 0; k < names.length; k++) {
      const name = names[k];
      if (name.length !== length) continue;
      for (let j = 0; j < length; j++) if (buf[from + j] !== name[j]) continue outer;
      return k;
    }
    return -1;
  }
}

const CDATA = encoder.encode("<![CDATA[");

function startsWith(buf: Uint8Array, at: number, len: number, prefix: Uint8Array): boolean {
  if (at + prefix.length > len) return false;
  for (let j = 0; j < prefix.length; j++) if (buf[at + j] !== prefix[j]) return false;
  return true;
}

/** Whether the bytes from `at` to `len` are the beginning of `prefix` (the rest yet to come). */
function isPrefix(buf: Uint8Array, at: number, len: number, prefix: Uint8Array): boolean {
  for (let j = 0; at + j < len && j < prefix.length; j++) if (buf[at + j] !== prefix[j]) return false;
  return true;
}

/** The index of `terminator` in `buf[from, len)`, or -1. */
function find(buf: Uint8Array, terminator: readonly number[], from: number, len: number): number {
  const first = terminator[0];
  for (let i = buf.indexOf(first, from); i >= 0 && i + terminator.length <= len; i = buf.indexOf(first, i + 1)) {
    let j = 1;
    while (j < terminator.length && buf[i + j] === terminator[j]) j++;
    if (j === terminator.length) return i;
  }
  return -1;
}

/**
 * The text of an element, `buf[from, to)`, as XML reads it: CDATA sections unwrapped, entities
 * decoded, a line break stored as CR LF or CR read as LF. A string of its own (never a slice of a
 * larger one, which would keep that alive).
 */
export function textOf(buf: Uint8Array, from: number, to: number): string {
  let plain = to - from <= 256;
  if (plain) {
    for (let i = from; i < to; i++) {
      const c = buf[i];
      if (c >= 0x80 || c === 38 /* & */ || c === LT || c === 13) {
        plain = false;
        break;
      }
    }
  }
  if (plain) return String.fromCharCode.apply(null, buf.subarray(from, to) as unknown as number[]);
  return elementText(utf8.decode(buf.subarray(from, to)));
}

/**
 * The attributes of a start tag, `buf[from, to)`, one at a time: `each(buf, nameFrom, nameTo,
 * valueFrom, valueTo)` with the local name (prefix skipped) and the raw value between its quotes.
 * Stops at the first thing that is not `name="value"` or `name='value'`, as scanAttributes does.
 */
export function eachAttribute(buf: Uint8Array, from: number, to: number, each: (buf: Uint8Array, nameFrom: number, nameTo: number, valueFrom: number, valueTo: number) => void): void {
  let i = from;
  while (i < to) {
    while (i < to && isSpace(buf[i])) i++;
    if (i >= to) return;
    let nameFrom = i;
    while (i < to) {
      const c = buf[i];
      if (c === 61 /* = */ || isSpace(c) || c === DQUOTE || c === SQUOTE) break;
      if (c === COLON) nameFrom = i + 1;
      i++;
    }
    const nameTo = i;
    while (i < to && isSpace(buf[i])) i++;
    if (nameTo === nameFrom || buf[i] !== 61) return;
    i++;
    while (i < to && isSpace(buf[i])) i++;
    const quote = buf[i];
    if (quote !== DQUOTE && quote !== SQUOTE) return;
    // Searched by hand up to the tag's end: indexOf would run on to the end of the buffer.
    let close = i + 1;
    while (close < to && buf[close] !== quote) close++;
    if (close >= to) return;
    each(buf, nameFrom, nameTo, i + 1, close);
    i = close + 1;
  }
}

/** Whether `buf[from, to)` is the ASCII text `name`. */
export function bytesAre(buf: Uint8Array, from: number, to: number, name: string): boolean {
  if (to - from !== name.length) return false;
  for (let j = 0; j < name.length; j++) if (buf[from + j] !== name.charCodeAt(j)) return false;
  return true;
}

/** Bytes as text, nothing decoded but UTF-8 (a start tag's attributes, before they are split). */
export function rawText(buf: Uint8Array, from: number, to: number): string {
  return utf8.decode(buf.subarray(from, to));
}

/** An attribute's value, `buf[from, to)` between its quotes, entities decoded. */
export function attributeText(buf: Uint8Array, from: number, to: number): string {
  return decodeXml(rawText(buf, from, to));
}

/** A non-negative integer written in plain digits, or -1 (anything else: read it as text). */
export function digitsValue(buf: Uint8Array, from: number, to: number): number {
  if (from >= to || to - from > 15) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = buf[i] - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

const POWERS = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * The number `Number(text)` gives for `buf[from, to)` when it is written plainly (`-12`, `3.25`,
 * `1E-3`) and can be read exactly from the bytes: at most 15 significant digits and a power of
 * ten up to 10^22 make one correctly rounded division or product (Clinger's fast path). Undefined
 * for anything else (more digits, spaces, entities, `Infinity`, empty): read its text instead.
 */
export function plainNumber(buf: Uint8Array, from: number, to: number): number | undefined {
  let i = from;
  let negative = false;
  if (i < to && (buf[i] === 45 || buf[i] === 43)) {
    negative = buf[i] === 45;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  let any = false;
  for (; i < to; i++) {
    const c = buf[i] - 48;
    if (c < 0 || c > 9) break;
    any = true;
    if (mantissa === 0 && c === 0) continue;
    mantissa = mantissa * 10 + c;
    digits++;
  }
  if (i < to && buf[i] === 46 /* . */) {
    for (i++; i < to; i++) {
      const c = buf[i] - 48;
      if (c < 0 || c > 9) break;
      any = true;
      scale--;
      if (mantissa === 0 && c === 0) continue;
      mantissa = mantissa * 10 + c;
      digits++;
    }
  }
  if (!any) return undefined;
  if (i < to && (buf[i] === 101 || buf[i] === 69) /* e E */) {
    i++;
    let expNegative = false;
    if (i < to && (buf[i] === 45 || buf[i] === 43)) {
      expNegative = buf[i] === 45;
      i++;
    }
    let exponent = 0;
    const start = i;
    for (; i < to && i - start < 4; i++) {
      const c = buf[i] - 48;
      if (c < 0 || c > 9) break;
      exponent = exponent * 10 + c;
    }
    if (i === start) return undefined;
    scale += expNegative ? -exponent : exponent;
  }
  if (i !== to || digits > 15 || scale < -22 || scale > 22) return undefined;
  const value = scale < 0 ? mantissa / POWERS[-scale] : mantissa * POWERS[scale];
  return negative ? -value : value;
}
