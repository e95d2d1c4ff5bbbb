/**
 * Where each template row lands once its repeated rows are repeated, the row operations that get
 * there, and the rewriting of formulas to the new rows: a reference to a repeated row inside a
 * function stretches to exactly the repeated rows (`=SUM(E5)` → `=SUM(E5:E9)`), references below
 * shift, an empty list gives `0`.
 */
import { tokenize, referenceText, type Reference, type RefEnd, type Token } from "./formulaTokens";
import type { RowOperation } from "./plan";

/** Template rows repeated once per item of `list`: one row, or the rows between two markers. */
export interface RepeatGroup {
  list: string;
  /** First and last repeated template rows (0-based, inclusive). */
  first: number;
  last: number;
  startMarker?: number;
  endMarker?: number;
  /** Items: how many times the rows appear. */
  count: number;
}

export class Layout {
  readonly groups: RepeatGroup[];

  constructor(groups: RepeatGroup[]) {
    this.groups = [...groups].sort((a, b) => a.first - b.first);
  }

  height(g: RepeatGroup): number {
    return g.last - g.first + 1;
  }
  spanStart(g: RepeatGroup): number {
    return g.startMarker ?? g.first;
  }
  spanEnd(g: RepeatGroup): number {
    return g.endMarker ?? g.last;
  }
  /** Rows the group adds (negative when it removes rows: an empty list, the markers). */
  growth(g: RepeatGroup): number {
    return g.count * this.height(g) - (this.spanEnd(g) - this.spanStart(g) + 1);
  }

  groupOf(row: number): RepeatGroup | undefined {
    return this.groups.find((g) => row >= g.first && row <= g.last);
  }
  isMarker(row: number): boolean {
    return this.groups.some((g) => g.startMarker === row || g.endMarker === row);
  }

  /** Final row of a template row outside the repeated rows. */
  finalRow(row: number): number {
    let delta = 0;
    for (const g of this.groups) if (this.spanEnd(g) < row) delta += this.growth(g);
    return row + delta;
  }

  /** Final row of the first copy of the group's first row (where the group starts, even empty). */
  finalFirst(g: RepeatGroup): number {
    let delta = 0;
    for (const o of this.groups) if (o !== g && this.spanEnd(o) < this.spanStart(g)) delta += this.growth(o);
    return this.spanStart(g) + delta;
  }

  /** Final row of template row `row` of group `g` in copy `k` (0-based). */
  copyRow(g: RepeatGroup, row: number, k: number): number {
    return this.finalFirst(g) + k * this.height(g) + (row - g.first);
  }

  /**
   * The row operations turning the copied template into the filled layout, bottom group first so
   * that each operation's rows are still the template's own.
   */
  rowOperations(): RowOperation[] {
    const ops: RowOperation[] = [];
    for (const g of [...this.groups].reverse()) {
      const h = this.height(g);
      if (g.count === 0) {
        ops.push({ kind: "deleteRows", start: this.spanStart(g), count: this.spanEnd(g) - this.spanStart(g) + 1 });
        continue;
      }
      if (g.endMarker !== undefined) ops.push({ kind: "deleteRows", start: g.endMarker, count: 1 });
      if (g.count > 1) ops.push({ kind: "insertRows", before: g.last + 1, count: (g.count - 1) * h, formatFrom: g.first });
      if (g.startMarker !== undefined) ops.push({ kind: "deleteRows", start: g.startMarker, count: 1 });
    }
    return ops;
  }
}

/** Where a formula sits: in copy `k` of a repeated group, or outside any. */
export interface FormulaContext {
  group?: RepeatGroup;
  copy?: number;
  /** Names of the template sheet and of the new one: a reference qualified by the template's name follows the copy. */
  templateSheet?: string;
  newSheet: string;
}

const EMPTY = "\u0000";

type Mapped = { t: "text"; text: string } | { t: "empty" };

/** A reference end's row moved, `$` kept. */
function withRow(e: RefEnd, row: number): RefEnd {
  return { ...e, row };
}

/**
 * The formula in the filled sheet's coordinates. Unknown syntax is kept as it is: only
 * references are rewritten, token by token.
 */
export function rewriteFormula(formula: string, layout: Layout, ctx: FormulaContext): string {
  const tokens = tokenize(formula);
  // Depth of function calls around each token: a lone reference to a repeated row stretches only inside one.
  const mapped: (Token | Mapped)[] = [];
  let depth = 0;
  const stack: boolean[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (tok.t === "open") {
      stack.push(tokens[i - 1]?.t === "func");
      if (stack[stack.length - 1]) depth++;
    } else if (tok.t === "close") {
      if (stack.pop()) depth--;
    }
    if (tok.t !== "ref") {
      mapped.push(tok);
      continue;
    }
    const own = tok.ref.sheet === undefined || tok.ref.sheet === ctx.templateSheet;
    if (!own) {
      mapped.push(tok);
      continue;
    }
    const refs = mapReference(tok.ref, layout, ctx, depth > 0);
    if (refs === undefined) mapped.push({ t: "empty" });
    else mapped.push({ t: "text", text: refs.map((ref) => referenceText(tok.ref.sheet !== undefined ? { ...ref, sheet: ctx.newSheet } : ref)).join(",") });
  }
  return render(mapped);
}

/** Arguments a function takes at most (Excel: 255): beyond, a block's rows are given as one range. */
const MAX_ARGUMENTS = 255;

/**
 * The reference in final coordinates: several when a lone cell of a block of several rows
 * stretches over its copies (`SUM(B2)` → `SUM(B1,B3)`: the block's other rows are not added);
 * undefined when the rows it names are gone (an empty list).
 */
function mapReference(ref: Reference, layout: Layout, ctx: FormulaContext, inFunction: boolean): Reference[] | undefined {
  const { start, end } = ref;
  if (!end) {
    if (start.row === undefined) return [ref];
    const g = layout.groupOf(start.row);
    if (!g) return [{ ...ref, start: withRow(start, layout.finalRow(start.row)) }];
    if (ctx.group === g && ctx.copy !== undefined) return [{ ...ref, start: withRow(start, layout.copyRow(g, start.row, ctx.copy)) }];
    if (g.count === 0) return undefined;
    const first = layout.copyRow(g, start.row, 0);
    const last = layout.copyRow(g, start.row, g.count - 1);
    if (!inFunction || first === last) return [{ ...ref, start: withRow(start, first) }];
    if (layout.height(g) > 1 && g.count <= MAX_ARGUMENTS) {
      return Array.from({ length: g.count }, (_, k) => ({ ...ref, start: withRow(start, layout.copyRow(g, start.row!, k)) }));
    }
    return [{ ...ref, start: withRow(start, first), end: withRow(start, last) }];
  }
  if (start.row === undefined || end.row === undefined) return [ref];
  const top = Math.min(start.row, end.row);
  const bottom = Math.max(start.row, end.row);
  const gTop = layout.groupOf(top);
  const gBottom = layout.groupOf(bottom);
  const inOwnCopy = (g: RepeatGroup | undefined) => g !== undefined && ctx.group === g && ctx.copy !== undefined;
  let newTop: number;
  let newBottom: number;
  if (gTop && inOwnCopy(gTop)) newTop = layout.copyRow(gTop, top, ctx.copy!);
  else if (gTop) newTop = gTop.count === 0 ? layout.finalFirst(gTop) : layout.copyRow(gTop, top, 0);
  else newTop = layout.finalRow(top);
  if (gBottom && inOwnCopy(gBottom)) newBottom = layout.copyRow(gBottom, bottom, ctx.copy!);
  else if (gBottom) newBottom = gBottom.count === 0 ? layout.finalFirst(gBottom) - 1 : layout.copyRow(gBottom, bottom, gBottom.count - 1);
  else newBottom = layout.finalRow(bottom);
  if (newBottom < newTop) return undefined;
  const startIsTop = start.row <= end.row;
  return [
    {
      ...ref,
      start: withRow(start, startIsTop ? newTop : newBottom),
      end: withRow(end, startIsTop ? newBottom : newTop),
    },
  ];
}

/**
 * Writes the tokens back; a reference to rows that are gone (an empty list) is dropped from its
 * function's arguments, a call left with none gives `0`, and one outside any function is `0`.
 */
function render(items: (Token | Mapped)[]): string {
  let pos = 0;
  const textOf = (it: Token | Mapped): string => (it.t === "empty" ? EMPTY : (it as { text: string }).text);
  // Recursive descent over parentheses: returns the text up to the matching close (not included).
  const seq = (): string => {
    let out = "";
    while (pos < items.length) {
      const it = items[pos];
      if (it.t === "close") return out;
      if (it.t === "func" && items[pos + 1]?.t === "open") {
        const name = it.text;
        pos += 2;
        const args = argsOf();
        const kept = args.filter((a) => a.trim() !== EMPTY);
        if (args.length > 0 && kept.length === 0) out += "0";
        else out += `${name}(${kept.join(",")})`;
        pos++; // the close
        continue;
      }
      if (it.t === "open") {
        pos++;
        const inner = seq();
        pos++;
        out += `(${inner})`;
        continue;
      }
      out += textOf(it);
      pos++;
    }
    return out;
  };
  // Arguments of a call up to its close, split at top-level separators.
  const argsOf = (): string[] => {
    const args: string[] = [];
    let cur = "";
    let any = false;
    while (pos < items.length && items[pos].t !== "close") {
      const it = items[pos];
      if (it.t === "sep") {
        args.push(cur);
        cur = "";
        pos++;
        continue;
      }
      any = true;
      if (it.t === "open" || (it.t === "func" && items[pos + 1]?.t === "open")) {
        cur += one();
        continue;
      }
      cur += textOf(it);
      pos++;
    }
    if (any || args.length) args.push(cur);
    return args;
  };
  // One nested construct: a call or a parenthesised group.
  const one = (): string => {
    const it = items[pos];
    if (it.t === "func") {
      const name = it.text;
      pos += 2;
      const args = argsOf();
      const kept = args.filter((a) => a.trim() !== EMPTY);
      pos++;
      if (args.length > 0 && kept.length === 0) return "0";
      return `${name}(${kept.join(",")})`;
    }
    pos++;
    const inner = seq();
    pos++;
    return `(${inner})`;
  };
  const text = seq();
  const whole = text.split(EMPTY).join("0");
  return whole;
}
