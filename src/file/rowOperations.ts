/**
 * What Excel's Insert and Delete of whole rows do to the ranges of a sheet (merges, conditional
 * formats, data validation, tables, names, hyperlinks…), for the file host's filled copy: a
 * range below the rows moves; one the rows cut through stretches or shrinks; one that ends on
 * the copied row grows over its copies when it is a format that follows its row (a conditional
 * format, a table, a name over the repeated row), as a table's formats do. Pure geometry on
 * 0-based rows, so that every range kind of the sheet follows one rule.
 */
import type { RangeRef } from "../core/address";
import type { RowOperation } from "../core/fill/plan";

/** How a range behaves when rows are inserted under a row it covers. */
export interface MoveRule {
  /** It grows over the copies of the copied row (`formatFrom`) it covers. */
  growsWithCopies: boolean;
}

/** A range after `count` rows are inserted above row `before`, the new rows formatted like `formatFrom`. */
export function afterInsert(range: RangeRef, op: Extract<RowOperation, { kind: "insertRows" }>, rule: MoveRule): RangeRef {
  const { start, end } = range;
  const { before, count, formatFrom } = op;
  if (start.row >= before) return { start: { ...start, row: start.row + count }, end: { ...end, row: end.row + count } };
  if (end.row >= before || (rule.growsWithCopies && start.row <= formatFrom && formatFrom <= end.row)) {
    return { start, end: { ...end, row: end.row + count } };
  }
  return range;
}

/** A range after rows `start` … `start + count − 1` are deleted, or undefined when all its rows went. */
export function afterDelete(range: RangeRef, op: Extract<RowOperation, { kind: "deleteRows" }>): RangeRef | undefined {
  const last = op.start + op.count - 1;
  const top = range.start.row;
  const bottom = range.end.row;
  const newTop = top < op.start ? top : top > last ? top - op.count : op.start;
  const newBottom = bottom < op.start ? bottom : bottom > last ? bottom - op.count : op.start - 1;
  if (newBottom < newTop) return undefined;
  return { start: { ...range.start, row: newTop }, end: { ...range.end, row: newBottom } };
}

/** A range after one row operation (undefined: deleted). */
export function afterOperation(range: RangeRef, op: RowOperation, rule: MoveRule): RangeRef | undefined {
  return op.kind === "insertRows" ? afterInsert(range, op, rule) : afterDelete(range, op);
}

/** A row's number after one operation (undefined: the row was deleted). */
export function rowAfter(row: number, op: RowOperation): number | undefined {
  if (op.kind === "insertRows") return row >= op.before ? row + op.count : row;
  if (row < op.start) return row;
  if (row < op.start + op.count) return undefined;
  return row - op.count;
}

/**
 * The ranges of one validation after an insert: moved, plus, for a range on exactly the copied
 * row, one range per inserted row (the copies of a validated row are validated the same way).
 */
export function validationAfterInsert(ranges: readonly RangeRef[], op: Extract<RowOperation, { kind: "insertRows" }>): RangeRef[] {
  const out: RangeRef[] = [];
  for (const r of ranges) {
    out.push(afterInsert(r, op, { growsWithCopies: false }));
    if (r.start.row === op.formatFrom && r.end.row === op.formatFrom) {
      out.push({ start: { ...r.start, row: op.before }, end: { ...r.end, row: op.before + op.count - 1 } });
    }
  }
  return out;
}
