/**
 * A small hand-written fake of the Excel members `src/excel/` uses, stricter than
 * office-addin-mock where it matters:
 *  - proxy objects queue their loads and writes until `context.sync()`, and reading a property
 *    that was not loaded (and synced) throws, as Office.js does;
 *  - every sync is counted, with its estimated request and response bytes, and a sync whose
 *    response (or request) exceeds 5 MB fails with `ResponsePayloadSizeLimitExceeded`
 *    (`RequestPayloadSizeLimitExceeded`), as on Excel on the web;
 *  - writes follow Excel's typing: a text starting with `=` written into `values` of a cell not
 *    formatted `@` becomes a formula; protected sheets refuse writes with `AccessDenied`;
 *  - formulas are recalculated after writes as Excel's automatic calculation does: the written
 *    formulas and their dependents on every sheet (./recalc.ts, on hyperformula); `userEdit`
 *    is a user's typing (set, recalculate, changed event);
 *  - errors can be injected (`failNextSyncs("InvalidOperationInCellEditMode")`);
 *  - the add-in's own writes raise change events, as Excel's do: `onChanged` for values and
 *    formulas, `onFormatChanged` for formats (number formats, fills, conditional formats),
 *    delivered after the sync that made them; a changed event says `triggerSource:
 *    "ThisLocalAddin"` only when the workbook plays ExcelApi 1.14 (`triggerSource`), and a
 *    format event never does (WorksheetFormatChangedEventArgs has no `triggerSource`);
 *  - with `officeJs`, request bytes are Office.js's own (see ./officejs.ts): each proxy mirrors
 *    its calls onto a real `Excel.RequestContext`, whose request body is measured at each sync.
 * It implements only what the adapter calls; anything else is `undefined` and fails loudly.
 */
import type { CellValue, ValueType } from "../../src/core/model";
import { EXCEL_ERRORS } from "../../src/core/model";
import { columnLetter as columnLetters, parseRange as parseA1Range } from "../../src/core/address";
import { referenceText, tokenize, untokenize, type Reference, type Token } from "../../src/core/fill/formulaTokens";

/** A range's top-left cell and size; throws on what is not an A1 range. */
function parseRange(address: string): { start: { row: number; column: number }; rowCount: number; columnCount: number } {
  const r = parseA1Range(address);
  if (!r) throw new Error(`Not an A1 range: ${address}`);
  return { start: r.start, rowCount: r.end.row - r.start.row + 1, columnCount: r.end.column - r.start.column + 1 };
}
import { realContext, requestBytes } from "./officejs";
import { recalculate } from "./recalc";

/**
 * The Office.js object a fake proxy mirrors when the workbook measures real request bytes
 * (`officeJs`): every load, write and call is queued on it too, and each sync's request bytes
 * are those of Office.js's own request body.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Real = any;
type RealOf = () => Real | undefined;
const none: RealOf = () => undefined;

/** UTF-8 bytes of a value's JSON, as a request carries it. */
export function jsonBytes(value: unknown): number {
  // TextEncoder, not Buffer: the fake also runs in the browser, under the e2e Office.js stand-in.
  return new TextEncoder().encode(JSON.stringify(value) ?? "").length;
}

/** A value that JSON serialises as an object with keys (not an array, not null). */
function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * UTF-8 bytes of a response's JSON, as `jsonBytes` counts them, and where they go: each loaded
 * property's value under its load path (`values`, `areas/items/formulas`) and the keys, braces
 * and commas of the objects holding them under `json`. The collection items of one path are
 * summed together. What a test or the bench reads to tell values from formats from overhead.
 */
export function responseParts(value: unknown, parts: Map<string, number>, path = ""): number {
  const add = (key: string, bytes: number) => parts.set(key, (parts.get(key) ?? 0) + bytes);
  const json = value as { toJSON?: () => unknown } | null;
  if (json !== null && typeof json === "object" && typeof json.toJSON === "function") return responseParts(json.toJSON(), parts, path);
  if (isRecord(value)) {
    // `{`, `}`, each key with its quotes and colon, and the commas between entries.
    let punctuation = 2;
    let bytes = 0;
    let entries = 0;
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined || typeof v === "function" || typeof v === "symbol") continue;
      punctuation += jsonBytes(key) + 1 + (entries > 0 ? 1 : 0);
      bytes += responseParts(v, parts, path ? `${path}/${key}` : key);
      entries += 1;
    }
    add("json", punctuation);
    return punctuation + bytes;
  }
  if (Array.isArray(value) && value.length > 0 && value.every(isRecord)) {
    const punctuation = 1 + value.length;
    add("json", punctuation);
    return value.reduce((n: number, item) => n + responseParts(item, parts, path), punctuation);
  }
  const bytes = jsonBytes(value);
  add(path || "json", bytes);
  return bytes;
}

export const FAKE_PAYLOAD_LIMIT = 5_000_000;
const KEY_COLUMNS = 16_384;

export interface FakeHyperlink {
  address?: string;
  documentReference?: string;
  textToDisplay?: string;
  screenTip?: string;
}

/** A cell: its value (cached result for formulas), formula, and its own formats. */
export interface FakeCell {
  value: CellValue;
  formula?: string;
  numberFormat?: string;
  fill?: string;
  bold?: boolean;
  wrapText?: boolean;
  verticalAlignment?: string;
  hyperlink?: FakeHyperlink;
}

/** What a test writes into a cell: a bare value or a cell description. */
export type CellSpec = CellValue | null | Partial<FakeCell>;

export interface FakeConditionalFormat {
  type: string;
  /** Local A1 addresses the format applies to. */
  ranges: string[];
  formula?: string;
  fill?: string;
  /**
   * A rule Office.js cannot load (OfficeDev/office-js #6827: two cellValue rules on a table
   * column; #6835: a duplicated rule): loading its `rule` fails the sync with
   * `GeneralException`; with "all", loading its `type` fails too.
   */
  unreadable?: "rule" | "all";
}

/** A sheet whose cells are computed on demand (for 300 000-row tests without 2 M objects). */
export interface VirtualCells {
  rows: number;
  columns: number;
  cell(row: number, column: number): FakeCell;
}

type Visibility = "Visible" | "Hidden" | "VeryHidden";

export class FakeExcelError extends Error {
  readonly debugInfo: { code: string; message: string };
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
    this.debugInfo = { code, message };
  }
}

interface Rect {
  sheet: FakeSheet;
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
}

function valueType(v: CellValue): ValueType {
  if (v === "") return "Empty";
  if (typeof v === "number") return "Double";
  if (typeof v === "boolean") return "Boolean";
  return EXCEL_ERRORS.has(v) ? "Error" : "String";
}

function rectAddress(r: Rect): string {
  const first = `${columnLetters(r.column)}${r.row + 1}`;
  const last = `${columnLetters(r.column + r.columnCount - 1)}${r.row + r.rowCount}`;
  return r.rowCount === 1 && r.columnCount === 1 ? first : `${first}:${last}`;
}

function sheetPrefix(name: string): string {
  return /^[\p{L}\p{N}_.]+$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function overlaps(a: Rect, address: string): boolean {
  const b = parseRange(address);
  return (
    a.row < b.start.row + b.rowCount &&
    b.start.row < a.row + a.rowCount &&
    a.column < b.start.column + b.columnCount &&
    b.start.column < a.column + a.columnCount
  );
}

export class FakeSheet {
  readonly cells = new Map<number, FakeCell>();
  virtual?: VirtualCells;
  conditionalFormats: FakeConditionalFormat[] = [];
  tables: Array<{ name: string; range: string }> = [];
  isProtected = false;
  frozenRows = 0;
  columnWidths: Record<number, number> = {};
  // ---- fill (issue 9): what a template sheet carries and Excel moves with its rows ----
  /** Merged areas, local A1 ranges. */
  merges: string[] = [];
  dataValidations: FakeDataValidation[] = [];
  /** Sheet-scoped names: `refersTo` is a formula (`=Modèle!$E$5`). */
  names: FakeName[] = [];
  rowHeights: Record<number, number> = {};
  charts: FakeChart[] = [];
  // ---- end fill ----

  constructor(
    public name: string,
    public visibility: Visibility,
    readonly id: string,
  ) {}

  getCell(row: number, column: number): FakeCell | undefined {
    if (this.virtual) {
      return row < this.virtual.rows && column < this.virtual.columns ? this.virtual.cell(row, column) : undefined;
    }
    return this.cells.get(row * KEY_COLUMNS + column);
  }

  /** The cell to write into, created if needed. */
  cellForWrite(row: number, column: number): FakeCell {
    if (this.virtual) throw new Error("fake Excel: virtual sheets are read-only");
    const key = row * KEY_COLUMNS + column;
    let cell = this.cells.get(key);
    if (!cell) {
      cell = { value: "" };
      this.cells.set(key, cell);
    }
    return cell;
  }

  /** Bounding box of cells with values (valuesOnly) or with anything. */
  usedRect(valuesOnly: boolean): Rect | null {
    if (this.virtual) {
      return this.virtual.rows > 0 ? { sheet: this, row: 0, column: 0, rowCount: this.virtual.rows, columnCount: this.virtual.columns } : null;
    }
    let r0 = Infinity;
    let c0 = Infinity;
    let r1 = -1;
    let c1 = -1;
    for (const [key, cell] of this.cells) {
      const hasValue = cell.value !== "" || cell.formula !== undefined;
      const hasFormat = cell.numberFormat !== undefined || cell.fill !== undefined || cell.bold !== undefined;
      if (!hasValue && (valuesOnly || !hasFormat)) continue;
      const row = Math.floor(key / KEY_COLUMNS);
      const column = key % KEY_COLUMNS;
      r0 = Math.min(r0, row);
      c0 = Math.min(c0, column);
      r1 = Math.max(r1, row);
      c1 = Math.max(c1, column);
    }
    if (r1 < 0) return null;
    return { sheet: this, row: r0, column: c0, rowCount: r1 - r0 + 1, columnCount: c1 - c0 + 1 };
  }

  /** Writes rows of specs from `topLeft` (test set-up, not through the API). */
  setRows(topLeft: string, rows: CellSpec[][]): this {
    const { start } = parseRange(topLeft);
    rows.forEach((row, i) =>
      row.forEach((spec, j) => {
        if (spec === null) return;
        const cell = this.cellForWrite(start.row + i, start.column + j);
        if (typeof spec === "object") Object.assign(cell, { value: "" }, spec);
        else cell.value = spec;
      }),
    );
    return this;
  }

  /** A deep copy of every cell's own format, keyed by address, to compare before and after. */
  formats(): Record<string, Omit<FakeCell, "value" | "formula">> {
    const out: Record<string, Omit<FakeCell, "value" | "formula">> = {};
    for (const [key, cell] of this.cells) {
      const { value: _v, formula: _f, ...format } = cell;
      out[`${columnLetters(key % KEY_COLUMNS)}${Math.floor(key / KEY_COLUMNS) + 1}`] = JSON.parse(JSON.stringify(format));
    }
    return out;
  }

  cell(a1: string): FakeCell | undefined {
    const { start } = parseRange(a1);
    return this.getCell(start.row, start.column);
  }
}

type EventHandler = (args: unknown) => Promise<unknown>;

/** The two worksheet events the fake raises. */
export type FakeEventKind = "changed" | "format";

/** An event's arguments, shaped as Office.js gives them. */
export interface FakeEventArgs {
  type: "WorksheetChanged" | "WorksheetFormatChanged";
  worksheetId: string;
  address: string;
  source: "Local";
  changeType?: "RangeEdited";
  triggerSource?: "Unknown" | "ThisLocalAddin";
}

/** An operation queued until `sync`: it runs then, may answer data, and commits loads after. */
interface Op {
  requestBytes: number;
  /** A write: the recalculation it causes can wait until something reads. */
  writes?: boolean;
  exec(): { response?: unknown; commit?: () => void } | void;
}

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  /** The response bytes by load path (`values`, `areas/items/numberFormat`, `json` for keys and braces); see `responseParts`. */
  responseByProperty: Map<string, number>;
  failed?: string;
}

export class FakeWorkbook {
  readonly sheets: FakeSheet[] = [];
  readonly syncs: SyncRecord[] = [];
  limitBytes = FAKE_PAYLOAD_LIMIT;
  /** Measure each sync's request with Office.js's own serialisation (see ./officejs.ts); false: a rough count. */
  officeJs = true;
  /** Over this many areas, `getSpecialCells` fails as Excel does for too complex a result (undefined: no limit). */
  specialCellsAreaLimit?: number;
  structureProtected = false;
  runs = 0;
  activeSheet?: string;
  selection?: { sheet: string; address: string };
  handlers: Array<{ scope: string; kind: FakeEventKind; handler: EventHandler }> = [];
  /** Changed events carry `triggerSource` (ExcelApi 1.14); false: an older Excel's, which do not say who made them. */
  triggerSource = true;
  /** Every event raised, the add-in's and the user's, in order. */
  readonly events: FakeEventArgs[] = [];
  /** Events raised by the writes of the sync now running, delivered once it is over. */
  private outbox: FakeEventArgs[] = [];
  /** How many events of the outbox the last recalculation took in. */
  private recalculated = 0;
  private deliveries: Promise<void>[] = [];
  private failures: string[] = [];
  private nextId = 1;
  // ---- fill (issue 9) ----
  /** Workbook-scoped names: `refersTo` is a formula (`=Données!$B$2`). */
  names: FakeName[] = [];
  // ---- end fill ----

  get syncCount(): number {
    return this.syncs.length;
  }

  /** Makes the next `count` syncs fail with this Excel error code. */
  failNextSyncs(code: string, count = 1): void {
    for (let i = 0; i < count; i += 1) this.failures.push(code);
  }

  addSheet(name: string, options: { visibility?: Visibility; rows?: CellSpec[][]; at?: string } = {}): FakeSheet {
    const sheet = new FakeSheet(name, options.visibility ?? "Visible", `{sheet-${this.nextId++}}`);
    this.sheets.push(sheet);
    if (options.rows) sheet.setRows(options.at ?? "A1", options.rows);
    return sheet;
  }

  sheet(name: string): FakeSheet {
    const s = this.find(name);
    if (!s) throw new Error(`fake Excel: no sheet ${name}`);
    return s;
  }

  find(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  /** Fires the worksheet-changed handlers, as Excel does when a user edits a cell. */
  async emitChanged(sheetName: string, address = "A1"): Promise<void> {
    await this.deliver([this.eventArgs("changed", this.sheet(sheetName), address, "Unknown")]);
  }

  /** Fires the format-changed handlers, as Excel does when a user changes a cell's format. */
  async emitFormatChanged(sheetName: string, address = "A1"): Promise<void> {
    await this.deliver([this.eventArgs("format", this.sheet(sheetName), address, "Unknown")]);
  }

  /** Queues the event of one of the add-in's writes, delivered after its sync. */
  raise(kind: FakeEventKind, sheet: FakeSheet, address: string): void {
    this.outbox.push(this.eventArgs(kind, sheet, address, "ThisLocalAddin"));
  }

  /** Resolves once every event raised so far has reached its handlers. */
  async settled(): Promise<void> {
    while (this.deliveries.length > 0) await Promise.all(this.deliveries.splice(0));
  }

  private eventArgs(kind: FakeEventKind, sheet: FakeSheet, address: string, trigger: "Unknown" | "ThisLocalAddin"): FakeEventArgs {
    if (kind === "format") return { type: "WorksheetFormatChanged", worksheetId: sheet.id, address, source: "Local" };
    const args: FakeEventArgs = { type: "WorksheetChanged", worksheetId: sheet.id, address, changeType: "RangeEdited", source: "Local" };
    if (this.triggerSource) args.triggerSource = trigger;
    return args;
  }

  private async deliver(events: FakeEventArgs[]): Promise<void> {
    for (const args of events) {
      this.events.push(args);
      const kind: FakeEventKind = args.type === "WorksheetChanged" ? "changed" : "format";
      for (const h of [...this.handlers]) {
        if (h.kind === kind && (h.scope === "all" || h.scope === args.worksheetId)) await h.handler(args);
      }
    }
  }

  /**
   * Recalculates the formulas that depend on the cells written since the last recalculation (the
   * changed events raised), as Excel's automatic calculation does; see ./recalc.ts.
   */
  private recalculate(): void {
    const written = this.outbox.slice(this.recalculated).filter((e) => e.type === "WorksheetChanged");
    this.recalculated = this.outbox.length;
    if (written.length === 0) return;
    const ranges = written.flatMap((e) => {
      const sheet = this.sheets.find((s) => s.id === e.worksheetId);
      return sheet ? [{ sheet: sheet.name, range: e.address }] : [];
    });
    recalculate(this.sheets, ranges);
  }

  /**
   * A user's edit: the cells set, Excel's recalculation, then the changed event (what typing in
   * a cell does; `setRows` alone is the test's set-up, with the cached values it gives).
   */
  async userEdit(sheetName: string, topLeft: string, rows: CellSpec[][]): Promise<void> {
    const sheet = this.sheet(sheetName);
    sheet.setRows(topLeft, rows);
    const { start } = parseRange(topLeft);
    const address = rectAddress({ sheet, row: start.row, column: start.column, rowCount: rows.length, columnCount: Math.max(1, ...rows.map((r) => r.length)) });
    recalculate(this.sheets, [{ sheet: sheet.name, range: address }]);
    await this.emitChanged(sheetName, address);
  }

  /** Sends the events of the sync just over, later (Excel's come after the request's answer). */
  private flushEvents(): void {
    this.recalculated = 0;
    const events = this.outbox.splice(0);
    if (events.length === 0) return;
    this.deliveries.push(new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => this.deliver(events)));
  }

  /** `Excel.run`: `run(batch)` or `run(contextOrObject, batch)`. */
  readonly run = (async (...args: unknown[]): Promise<unknown> => {
    const batch = args[args.length - 1] as (context: unknown) => Promise<unknown>;
    const first = args.length > 1 ? args[0] : undefined;
    const context = first instanceof FakeContext ? first : new FakeContext(this);
    this.runs += 1;
    const result = await batch(context);
    if (context.pending > 0) throw new Error("fake Excel: operations queued after the last context.sync()");
    return result;
  }) as unknown as typeof Excel.run;

  /** Runs a sync's operations: fails as injected, or over the payload limits. */
  async runSync(ops: Op[], measured?: number): Promise<void> {
    await Promise.resolve();
    const requestBytes = measured ?? ops.reduce((n, op) => n + op.requestBytes, 0);
    const record: SyncRecord = { requestBytes, responseBytes: 0, responseByProperty: new Map() };
    this.syncs.push(record);
    const failure = this.failures.shift();
    if (failure) {
      record.failed = failure;
      throw new FakeExcelError(failure, `Injected failure: ${failure}`);
    }
    if (requestBytes > this.limitBytes) {
      record.failed = "RequestPayloadSizeLimitExceeded";
      throw new FakeExcelError(record.failed, "The request payload size has exceeded the limit.");
    }
    const commits: Array<() => void> = [];
    try {
      for (const op of ops) {
        // Excel recalculates after each write: what a later operation reads is recalculated.
        if (!op.writes) this.recalculate();
        const r = op.exec();
        if (!r) continue;
        if (r.response !== undefined) record.responseBytes += responseParts(r.response, record.responseByProperty);
        if (r.commit) commits.push(r.commit);
      }
    } catch (e) {
      record.failed = e instanceof FakeExcelError ? e.code : "GeneralException";
      throw e;
    } finally {
      this.recalculate();
      // The operations before a failing one stay done, as in Excel, and so do their events.
      this.flushEvents();
    }
    if (record.responseBytes > this.limitBytes) {
      record.failed = "ResponsePayloadSizeLimitExceeded";
      throw new FakeExcelError(record.failed, "The response payload size has exceeded the limit.");
    }
    for (const c of commits) c();
  }

  newSheetForAdd(name: string): FakeSheet {
    if (this.structureProtected) throw new FakeExcelError("AccessDenied", "The workbook is protected.");
    if (this.find(name)) throw new FakeExcelError("ItemAlreadyExists", `A sheet named ${name} exists.`);
    return this.addSheet(name);
  }
}

function notLoaded(prop: string): never {
  throw new FakeExcelError(
    "PropertyNotLoaded",
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

function notFaked(prop: string): never {
  throw new Error(`fake Excel: ${prop} is not faked`);
}

function splitProps(props: string | string[]): string[] {
  const list = Array.isArray(props) ? props : props.split(",");
  return list.map((p) => p.trim()).filter(Boolean);
}

export class FakeContext {
  private queue: Op[] = [];
  readonly workbook: { worksheets: WorksheetCollectionProxy; tables: TableCollectionProxy };

  /** The real Office.js context mirrored, when the workbook measures real bytes. */
  readonly real?: Excel.RequestContext;

  constructor(readonly wb: FakeWorkbook) {
    if (wb.officeJs) this.real = realContext();
    const real = this.real;
    this.workbook = {
      worksheets: new WorksheetCollectionProxy(this, () => real?.workbook.worksheets),
      tables: new TableCollectionProxy(this, () => real?.workbook.tables),
    };
  }

  get pending(): number {
    return this.queue.length;
  }

  enqueue(op: Op): void {
    this.queue.push(op);
  }

  /**
   * Queues a write of about `bytes` request bytes: Office.js sends about 180 bytes per
   * operation (the action, and the object path it acts on) besides its arguments' JSON.
   */
  write(bytes: number, apply: () => void): void {
    this.enqueue({
      requestBytes: 180 + bytes,
      writes: true,
      exec: () => {
        apply();
      },
    });
  }

  /** Raises the event of a write that ran (see `FakeWorkbook.raise`). */
  raise(kind: FakeEventKind, sheet: FakeSheet, address: string): void {
    this.wb.raise(kind, sheet, address);
  }

  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    let measured: number | undefined;
    if (this.real) {
      measured = requestBytes(this.real);
      // The next request starts empty, as after a real sync.
      (this.real as unknown as { m_pendingRequest: unknown }).m_pendingRequest = null;
    }
    await this.wb.runSync(ops, measured);
  }
}

/** Base of proxies: loaded properties, readable only after the sync that loaded them. */
class Proxy {
  protected readonly loaded = new Map<string, unknown>();
  constructor(
    protected readonly ctx: FakeContext,
    readonly real: RealOf = none,
  ) {}

  /** Queues the same call on the mirrored Office.js object, if any. */
  protected mirror(f: (real: Real) => void): void {
    const r = this.real();
    if (r) f(r);
  }

  /** What the response carries for this object: its loaded properties. */
  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loaded);
  }

  protected read<T>(prop: string): T {
    if (!this.loaded.has(prop)) notLoaded(prop);
    return this.loaded.get(prop) as T;
  }

  /** Queues a load: at sync, `compute` gives the values, which become readable after it. */
  protected queueLoad(compute: () => Record<string, unknown>): void {
    this.ctx.enqueue({
      requestBytes: 100,
      exec: () => {
        const data = compute();
        return { response: data, commit: () => Object.entries(data).forEach(([k, v]) => this.loaded.set(k, v)) };
      },
    });
  }
}

function assertWritable(sheet: FakeSheet): void {
  if (sheet.isProtected) throw new FakeExcelError("AccessDenied", `The sheet ${sheet.name} is protected.`);
}

class WorksheetCollectionProxy extends Proxy {
  readonly onChanged = {
    add: (handler: EventHandler) => registerHandler(this.ctx, "all", "changed", handler),
  };

  readonly onFormatChanged = {
    add: (handler: EventHandler) => registerHandler(this.ctx, "all", "format", handler),
  };

  load(props: string | string[]): this {
    this.mirror((r) => r.load(props));
    const itemProps = splitProps(props).map((p) => p.replace(/^items\//, ""));
    this.queueLoad(() => {
      const items = this.ctx.wb.sheets.map((s) => {
        const real = this.real();
        const proxy = new WorksheetProxy(this.ctx, () => s, false, real ? once(() => real.getItem(s.name)) : none);
        proxy.setLoaded(itemProps);
        return proxy;
      });
      return { items };
    });
    return this;
  }

  get items(): WorksheetProxy[] {
    return this.read("items");
  }

  getItem(name: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.ctx.wb.find(name) ?? null, false, once(() => this.real()?.getItem(name)));
  }

  getItemOrNullObject(name: string): WorksheetProxy {
    const real = once(() => this.real()?.getItemOrNullObject(name));
    const proxy = new WorksheetProxy(this.ctx, () => this.ctx.wb.find(name) ?? null, true, real);
    real()?.load("isNullObject");
    proxy.queueNullCheck();
    return proxy;
  }

  add(name: string): WorksheetProxy {
    const real = once(() => this.real()?.add(name));
    real();
    let added: FakeSheet | null = null;
    this.ctx.write(jsonBytes(name), () => {
      added = this.ctx.wb.newSheetForAdd(name);
    });
    // The new sheet itself, whatever it is renamed to later.
    return new WorksheetProxy(this.ctx, () => (added && this.ctx.wb.sheets.includes(added) ? added : null), false, real);
  }
}

/** A real object made on first use, then the same one (Office.js paths are made once). */
function once(make: () => Real): RealOf {
  let made = false;
  let value: Real;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value;
  };
}

function registerHandler(ctx: FakeContext, scope: string | (() => string), kind: FakeEventKind, handler: EventHandler) {
  const entry = { scope: "", kind, handler };
  ctx.write(50, () => {
    entry.scope = typeof scope === "string" ? scope : scope();
    ctx.wb.handlers.push(entry);
  });
  return {
    context: ctx,
    remove: () => ctx.write(50, () => (ctx.wb.handlers = ctx.wb.handlers.filter((h) => h !== entry))),
  };
}

class WorksheetProxy extends Proxy {
  constructor(
    ctx: FakeContext,
    private readonly resolveSheet: () => FakeSheet | null,
    private readonly nullable: boolean,
    real: RealOf = none,
  ) {
    super(ctx, real);
  }

  /** The sheet, at sync time; a missing sheet fails the batch with `ItemNotFound`. */
  sheet(): FakeSheet {
    const s = this.resolveSheet();
    if (!s) throw new FakeExcelError("ItemNotFound", "The requested resource doesn't exist.");
    return s;
  }

  /** For items of a loaded collection: the properties come with the collection's sync. */
  setLoaded(props: string[]): void {
    const s = this.sheet();
    for (const p of props) this.loaded.set(p, this.value(s, p));
  }

  queueNullCheck(): void {
    this.queueLoad(() => ({ isNullObject: this.resolveSheet() === null }));
  }

  private value(s: FakeSheet, prop: string): unknown {
    switch (prop) {
      case "name":
        return s.name;
      case "visibility":
        return s.visibility;
      case "id":
        return s.id;
      case "position":
        return this.ctx.wb.sheets.indexOf(s);
      default:
        throw new Error(`fake Excel: Worksheet.${prop} is not faked`);
    }
  }

  load(props: string | string[]): this {
    this.mirror((r) => r.load(props));
    const list = splitProps(props);
    this.queueLoad(() => {
      const s = this.nullable ? this.resolveSheet() : this.sheet();
      if (!s) return { isNullObject: true };
      return Object.fromEntries(list.map((p) => [p, this.value(s, p)]));
    });
    return this;
  }

  get isNullObject(): boolean {
    return this.read("isNullObject");
  }
  get name(): string {
    return this.read("name");
  }
  get id(): string {
    return this.read("id");
  }
  get visibility(): Visibility {
    return this.read("visibility");
  }
  get position(): number {
    return this.read("position");
  }
  set position(index: number) {
    this.mirror((r) => (r.position = index));
    this.ctx.write(20, () => {
      const sheets = this.ctx.wb.sheets;
      const s = this.sheet();
      sheets.splice(sheets.indexOf(s), 1);
      sheets.splice(Math.min(index, sheets.length), 0, s);
    });
  }
  set name(name: string) {
    this.mirror((r) => (r.name = name));
    this.ctx.write(jsonBytes(name), () => {
      const s = this.sheet();
      if (this.ctx.wb.structureProtected) throw new FakeExcelError("AccessDenied", "The workbook is protected.");
      const other = this.ctx.wb.sheets.find((x) => x !== s && x.name.toLowerCase() === name.toLowerCase());
      if (other) throw new FakeExcelError("ItemAlreadyExists", `A sheet named ${name} exists.`);
      renameReferences(this.ctx.wb, s.name, name); // fill (issue 9): Excel follows a renamed sheet
      s.name = name;
    });
  }

  delete(): void {
    this.mirror((r) => r.delete());
    this.ctx.write(20, () => {
      const s = this.sheet();
      if (this.ctx.wb.structureProtected) throw new FakeExcelError("AccessDenied", "The workbook is protected.");
      this.ctx.wb.sheets.splice(this.ctx.wb.sheets.indexOf(s), 1);
    });
  }
  set visibility(v: Visibility) {
    this.mirror((r) => (r.visibility = v));
    this.ctx.write(20, () => {
      this.sheet().visibility = v;
    });
  }

  readonly protection = new ProtectionProxy(this.ctx, () => this.sheet(), () => this.real()?.protection);

  // ---- fill (issue 9): Worksheet.copy (ExcelApi 1.7) and charts ----
  copy(positionType: string = "None", relativeTo?: WorksheetProxy): WorksheetProxy {
    const real = once(() => this.real()?.copy(positionType, relativeTo?.real()));
    real();
    let copied: FakeSheet | null = null;
    this.ctx.write(jsonBytes(positionType) + 100, () => {
      copied = copySheet(this.ctx.wb, this.sheet(), positionType, relativeTo?.sheet());
    });
    return new WorksheetProxy(this.ctx, () => (copied && this.ctx.wb.sheets.includes(copied) ? copied : null), false, real);
  }

  get charts(): ChartCollectionProxy {
    return new ChartCollectionProxy(this.ctx, () => this.sheet(), () => this.real()?.charts);
  }
  // ---- end fill ----

  readonly freezePanes = {
    freezeRows: (count = 1) => {
      this.mirror((r) => r.freezePanes.freezeRows(count));
      this.ctx.write(10, () => {
        this.sheet().frozenRows = count;
      });
    },
  };

  readonly onChanged = {
    add: (handler: EventHandler) => registerHandler(this.ctx, () => this.sheet().id, "changed", handler),
  };

  readonly onFormatChanged = {
    add: (handler: EventHandler) => registerHandler(this.ctx, () => this.sheet().id, "format", handler),
  };

  activate(): void {
    this.mirror((r) => r.activate());
    this.ctx.write(10, () => {
      const s = this.sheet();
      if (s.visibility !== "Visible") throw new FakeExcelError("InvalidOperation", "Hidden sheets cannot be activated.");
      this.ctx.wb.activeSheet = s.name;
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    const real = once(() => this.real()?.getUsedRangeOrNullObject(valuesOnly));
    const range = new RangeProxy(this.ctx, () => this.sheet().usedRect(valuesOnly), true, real);
    range.queueNullCheck();
    return range;
  }

  getRangeByIndexes(row: number, column: number, rowCount: number, columnCount: number): RangeProxy {
    const real = once(() => this.real()?.getRangeByIndexes(row, column, rowCount, columnCount));
    return new RangeProxy(this.ctx, () => ({ sheet: this.sheet(), row, column, rowCount, columnCount }), false, real);
  }

  getRange(address?: string): RangeProxy {
    return new RangeProxy(
      this.ctx,
      () => {
        const sheet = this.sheet();
        if (address === undefined) return { sheet, row: 0, column: 0, rowCount: 1_048_576, columnCount: KEY_COLUMNS };
        let pos;
        try {
          pos = parseRange(address);
        } catch {
          throw new FakeExcelError("InvalidArgument", `Bad address ${address}`);
        }
        return { sheet, row: pos.start.row, column: pos.start.column, ...pos };
      },
      false,
      once(() => this.real()?.getRange(address)),
    );
  }

  getRanges(address: string): RangeAreasProxy {
    return new RangeAreasProxy(this.ctx, once(() => this.real()?.getRanges(address)), () =>
      address.split(/[,;]/).map((a) => {
        const pos = parseRange(a.trim());
        return { sheet: this.sheet(), row: pos.start.row, column: pos.start.column, rowCount: pos.rowCount, columnCount: pos.columnCount };
      }),
    );
  }
}

class ProtectionProxy extends Proxy {
  constructor(
    ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
    real: RealOf,
  ) {
    super(ctx, real);
  }
  load(props: string): this {
    this.mirror((r) => r.load(props));
    const list = splitProps(props);
    this.queueLoad(() => Object.fromEntries(list.map((p) => [p, p === "protected" ? this.sheet().isProtected : undefined])));
    return this;
  }
  get protected(): boolean {
    return this.read("protected");
  }
}

class TableCollectionProxy extends Proxy {
  load(props: string | string[]): this {
    this.mirror((r) => r.load(props));
    const itemProps = splitProps(props).map((p) => p.replace(/^items\//, ""));
    this.queueLoad(() => {
      const items: TableProxy[] = [];
      for (const sheet of this.ctx.wb.sheets) {
        for (const t of sheet.tables) {
          const real = this.real();
          const proxy = new TableProxy(this.ctx, sheet, t, real ? once(() => real.getItem(t.name)) : none);
          if (itemProps.includes("name")) proxy.markNameLoaded();
          items.push(proxy);
        }
      }
      return { items };
    });
    return this;
  }
  get items(): TableProxy[] {
    return this.read("items");
  }
}

class TableProxy extends Proxy {
  readonly worksheet: WorksheetProxy;
  constructor(
    ctx: FakeContext,
    private readonly sheet: FakeSheet,
    private readonly table: { name: string; range: string },
    real: RealOf,
  ) {
    super(ctx, real);
    this.worksheet = new WorksheetProxy(ctx, () => sheet, false, once(() => this.real()?.worksheet));
  }
  markNameLoaded(): void {
    this.loaded.set("name", this.table.name);
  }
  get name(): string {
    return this.read("name");
  }
  getRange(): RangeProxy {
    return new RangeProxy(
      this.ctx,
      () => {
        const pos = parseRange(this.table.range);
        return { sheet: this.sheet, row: pos.start.row, column: pos.start.column, rowCount: pos.rowCount, columnCount: pos.columnCount };
      },
      false,
      once(() => this.real()?.getRange()),
    );
  }
}

/** Excel's typing of a written value: `=…` is a formula unless the cell is text (`@`). */
function writeCell(cell: FakeCell, v: unknown): void {
  const isTextFormat = cell.numberFormat === "@";
  if (typeof v === "string" && !isTextFormat && v.startsWith("=")) {
    cell.formula = v;
    cell.value = 0;
    return;
  }
  delete cell.formula;
  if (typeof v === "string" && !isTextFormat && /^[+-]?\d+(\.\d+)?$/.test(v.trim())) cell.value = Number(v);
  else cell.value = v === null || v === undefined ? "" : (v as CellValue);
}

class RangeProxy extends Proxy {
  constructor(
    ctx: FakeContext,
    private readonly resolveRect: () => Rect | null,
    private readonly nullable: boolean,
    real: RealOf = none,
  ) {
    super(ctx, real);
  }

  private rect(): Rect {
    const r = this.resolveRect();
    if (!r) throw new FakeExcelError("InvalidReference", "The range is a null object.");
    return r;
  }

  queueNullCheck(): void {
    this.queueLoad(() => ({ isNullObject: this.resolveRect() === null }));
  }

  private grid<T>(r: Rect, f: (cell: FakeCell | undefined) => T): T[][] {
    const rows: T[][] = [];
    for (let i = 0; i < r.rowCount; i += 1) {
      const row: T[] = [];
      for (let j = 0; j < r.columnCount; j += 1) row.push(f(r.sheet.getCell(r.row + i, r.column + j)));
      rows.push(row);
    }
    return rows;
  }

  private value(r: Rect, prop: string): unknown {
    switch (prop) {
      case "address":
        return `${sheetPrefix(r.sheet.name)}!${rectAddress(r)}`;
      case "rowCount":
        return r.rowCount;
      case "columnCount":
        return r.columnCount;
      case "values":
        return this.grid(r, (c) => c?.value ?? "");
      case "formulas":
        return this.grid(r, (c) => c?.formula ?? c?.value ?? "");
      case "numberFormat":
        return this.grid(r, (c) => c?.numberFormat ?? "General");
      case "valueTypes":
        return this.grid(r, (c) => valueType(c?.value ?? ""));
      default:
        throw new Error(`fake Excel: Range.${prop} is not faked`);
    }
  }

  load(props: string | string[]): this {
    this.mirror((r) => r.load(props));
    const list = splitProps(props);
    this.queueLoad(() => {
      const r = this.nullable ? this.resolveRect() : this.rect();
      if (!r) return { isNullObject: true };
      return Object.fromEntries(list.map((p) => [p, this.value(r, p)]));
    });
    return this;
  }

  get isNullObject(): boolean {
    return this.read("isNullObject");
  }
  get address(): string {
    return this.read("address");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }
  get values(): unknown[][] {
    return this.read("values");
  }
  set values(rows: unknown[][]) {
    this.mirror((r) => (r.values = rows));
    this.writeGrid(rows, "changed", (cell, v) => writeCell(cell, v));
  }
  get formulas(): unknown[][] {
    return this.read("formulas");
  }
  set formulas(rows: unknown[][]) {
    this.mirror((r) => (r.formulas = rows));
    this.writeGrid(rows, "changed", (cell, v) => writeCell(cell, v));
  }
  get numberFormat(): string[][] {
    return this.read("numberFormat");
  }
  set numberFormat(rows: string[][]) {
    this.mirror((r) => (r.numberFormat = rows));
    this.writeGrid(rows, "format", (cell, v) => (cell.numberFormat = String(v)));
  }
  get valueTypes(): ValueType[][] {
    return this.read("valueTypes");
  }

  set hyperlink(link: FakeHyperlink) {
    this.mirror((r) => (r.hyperlink = link));
    this.ctx.write(jsonBytes(link), () => {
      const r = this.rect();
      assertWritable(r.sheet);
      const cell = r.sheet.cellForWrite(r.row, r.column);
      cell.hyperlink = { ...link };
      if (link.textToDisplay !== undefined) cell.value = link.textToDisplay;
      this.ctx.raise("changed", r.sheet, rectAddress(r));
    });
  }

  /** `Range.setCellProperties` (ExcelApi 1.9): fills, bold, alignment, wrapping and links. */
  setCellProperties(grid: Excel.SettableCellProperties[][]): void {
    this.mirror((r) => r.setCellProperties(grid));
    this.ctx.write(jsonBytes(grid), () => {
      const r = this.rect();
      assertWritable(r.sheet);
      if (grid.length !== r.rowCount || grid.some((row) => row.length !== r.columnCount)) {
        throw new FakeExcelError("InvalidArgument", `Array of ${grid.length} rows does not match ${rectAddress(r)}`);
      }
      grid.forEach((row, i) =>
        row.forEach((props, j) => {
          if (Object.keys(props).length === 0) return;
          const cell = r.sheet.cellForWrite(r.row + i, r.column + j);
          const f = props.format;
          if (f?.fill?.color !== undefined) cell.fill = f.fill.color;
          if (f?.font?.bold !== undefined) cell.bold = f.font.bold;
          if (f?.wrapText !== undefined) cell.wrapText = f.wrapText;
          if (f?.verticalAlignment !== undefined) cell.verticalAlignment = f.verticalAlignment;
          if (props.hyperlink) {
            cell.hyperlink = { ...props.hyperlink };
            if (props.hyperlink.textToDisplay !== undefined) cell.value = props.hyperlink.textToDisplay;
          }
        }),
      );
      this.ctx.raise("format", r.sheet, rectAddress(r));
      if (grid.some((row) => row.some((props) => props.hyperlink?.textToDisplay !== undefined))) {
        this.ctx.raise("changed", r.sheet, rectAddress(r));
      }
    });
  }

  private writeGrid(rows: unknown[][], kind: FakeEventKind, apply: (cell: FakeCell, v: unknown) => void): void {
    this.ctx.write(jsonBytes(rows), () => {
      const r = this.rect();
      assertWritable(r.sheet);
      if (rows.length !== r.rowCount || rows.some((row) => row.length !== r.columnCount)) {
        throw new FakeExcelError("InvalidArgument", `Array of ${rows.length} rows does not match ${rectAddress(r)}`);
      }
      rows.forEach((row, i) => row.forEach((v, j) => apply(r.sheet.cellForWrite(r.row + i, r.column + j), v)));
      this.ctx.raise(kind, r.sheet, rectAddress(r));
    });
  }

  select(): void {
    this.mirror((r) => r.select());
    this.ctx.write(10, () => {
      const r = this.rect();
      if (this.ctx.wb.activeSheet !== r.sheet.name) throw new FakeExcelError("InvalidSelection", "Not the active sheet.");
      this.ctx.wb.selection = { sheet: r.sheet.name, address: rectAddress(r) };
    });
  }

  clear(): void {
    this.mirror((r) => r.clear());
    this.ctx.write(10, () => {
      const r = this.rect();
      assertWritable(r.sheet);
      for (const key of [...r.sheet.cells.keys()]) {
        const row = Math.floor(key / KEY_COLUMNS);
        const column = key % KEY_COLUMNS;
        if (row >= r.row && row < r.row + r.rowCount && column >= r.column && column < r.column + r.columnCount) {
          r.sheet.cells.delete(key);
        }
      }
      this.ctx.raise("changed", r.sheet, rectAddress(r));
      this.ctx.raise("format", r.sheet, rectAddress(r));
    });
  }

  /** Cell formats: font, fill and alignment go on the cells; widths on the sheet. */
  readonly format = new RangeFormatProxy(() => this.real()?.format, (apply: (sheet: FakeSheet, cell: FakeCell) => void, columnWidth?: number) =>
    this.ctx.write(20, () => {
      const r = this.rect();
      assertWritable(r.sheet);
      this.ctx.raise("format", r.sheet, rectAddress(r));
      if (columnWidth !== undefined) {
        for (let j = 0; j < r.columnCount; j += 1) r.sheet.columnWidths[r.column + j] = columnWidth;
        return;
      }
      for (let i = 0; i < r.rowCount; i += 1)
        for (let j = 0; j < r.columnCount; j += 1) apply(r.sheet, r.sheet.cellForWrite(r.row + i, r.column + j));
    }),
  );

  get conditionalFormats(): ConditionalFormatCollectionProxy {
    return new ConditionalFormatCollectionProxy(this.ctx, () => [this.rect()], () => this.real()?.conditionalFormats);
  }

  // ── SPECIAL CELLS (read side, issue 10): see SpecialCellsProxy below ──
  /** A property of `r` as a load would return it (for the areas of special cells). */
  propertyOf(r: Rect, prop: string): unknown {
    return this.value(r, prop);
  }
  /** Properties loaded by the collection holding this range. */
  setLoaded(data: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(data)) this.loaded.set(k, v);
  }
  /** `Range.getSpecialCellsOrNullObject(cellType, cellValueType?)` (ExcelApi 1.9). */
  getSpecialCellsOrNullObject(cellType: string, cellValueType?: string): SpecialCellsProxy {
    const real = once(() => this.real()?.getSpecialCellsOrNullObject(cellType, cellValueType));
    const areas = () => {
      const r = this.nullable ? this.resolveRect() : this.rect();
      if (!r) throw new FakeExcelError("InvalidReference", "The range is a null object.");
      return specialAreas(r, cellType, cellValueType);
    };
    return new SpecialCellsProxy(this.ctx, areas, real);
  }
  // ── end SPECIAL CELLS ──
  // ---- fill (issue 9): whole rows, insert / delete / copyFrom / merge ----
  getEntireRow(): RangeProxy {
    return new RangeProxy(
      this.ctx,
      () => ({ ...this.rect(), column: 0, columnCount: KEY_COLUMNS }),
      false,
      once(() => this.real()?.getEntireRow()),
    );
  }

  /** `Range.insert(shift)`: only whole rows shifted down are faked (what the fill uses). */
  insert(shift: string): RangeProxy {
    const real = once(() => this.real()?.insert(shift));
    real();
    this.ctx.write(20, () => {
      const r = this.rect();
      if (shift !== "Down" || r.column !== 0 || r.columnCount !== KEY_COLUMNS) notFaked(`Range.insert(${shift}) of ${rectAddress(r)}`);
      assertWritable(r.sheet);
      shiftRows(this.ctx.wb, r.sheet, r.row, r.rowCount);
      this.ctx.raise("changed", r.sheet, rectAddress(r));
    });
    return new RangeProxy(this.ctx, () => this.rect(), false, real);
  }

  /** `Range.delete(shift)`: only whole rows shifted up are faked. */
  delete(shift: string): void {
    this.mirror((r) => r.delete(shift));
    this.ctx.write(20, () => {
      const r = this.rect();
      if (shift !== "Up" || r.column !== 0 || r.columnCount !== KEY_COLUMNS) notFaked(`Range.delete(${shift}) of ${rectAddress(r)}`);
      assertWritable(r.sheet);
      shiftRows(this.ctx.wb, r.sheet, r.row, -r.rowCount);
      this.ctx.raise("changed", r.sheet, rectAddress(r));
    });
  }

  /** `Range.copyFrom(source, "Formats")` (ExcelApi 1.9), the source repeated over the destination. */
  copyFrom(source: RangeProxy, copyType = "All"): void {
    this.mirror((r) => r.copyFrom(source.real(), copyType));
    this.ctx.write(100, () => {
      if (copyType !== "Formats") notFaked(`Range.copyFrom(…, ${copyType})`);
      const to = this.rect();
      assertWritable(to.sheet);
      copyFormats(source.rect(), to);
      this.ctx.raise("format", to.sheet, rectAddress(to));
    });
  }

  /** The rectangle now, for the fill section's helpers (charts' source data). */
  rectNow(): Rect {
    return this.rect();
  }

  merge(across = false): void {
    this.mirror((r) => r.merge(across));
    this.ctx.write(20, () => {
      const r = this.rect();
      assertWritable(r.sheet);
      if (across) notFaked("Range.merge(true)");
      const address = rectAddress(r);
      // Merging an area again is a no-op; an area overlapping others replaces them (Excel keeps the top-left content).
      r.sheet.merges = r.sheet.merges.filter((m) => !overlaps(r, m));
      if (address.includes(":")) r.sheet.merges.push(address);
    });
  }
  // ---- end fill ----
}

type FormatWrite = (apply: (sheet: FakeSheet, cell: FakeCell) => void, columnWidth?: number) => void;

/** Queues `f` on the mirrored object, if any. */
function mirrorOn(real: RealOf, f: (r: Real) => void): void {
  const r = real();
  if (r) f(r);
}

class RangeFormatProxy {
  readonly font: FontProxy;
  readonly fill: FillProxy;
  constructor(
    private readonly real: RealOf,
    private readonly write: FormatWrite,
  ) {
    this.font = new FontProxy(() => real()?.font, (bold) => write((_, cell) => (cell.bold = bold)));
    this.fill = new FillProxy(() => real()?.fill, (color) => write((_, cell) => (cell.fill = color)));
  }
  set wrapText(v: boolean) {
    mirrorOn(this.real, (r) => (r.wrapText = v));
    this.write((_, cell) => (cell.wrapText = v));
  }
  set verticalAlignment(v: string) {
    mirrorOn(this.real, (r) => (r.verticalAlignment = v));
    this.write((_, cell) => (cell.verticalAlignment = v));
  }
  set columnWidth(points: number) {
    mirrorOn(this.real, (r) => (r.columnWidth = points));
    this.write(() => undefined, points);
  }
}

class FontProxy {
  constructor(
    private readonly real: RealOf,
    private readonly setBold: (bold: boolean) => void,
  ) {}
  set bold(v: boolean) {
    mirrorOn(this.real, (r) => (r.bold = v));
    this.setBold(v);
  }
}

class FillProxy {
  constructor(
    private readonly real: RealOf,
    private readonly setColor: (color: string) => void,
  ) {}
  set color(c: string) {
    mirrorOn(this.real, (r) => (r.color = c));
    this.setColor(c);
  }
}

// ── SPECIAL CELLS (read side, issue 10) ──
/** Whether a cell is one `getSpecialCells(cellType, cellValueType)` selects. */
function isSpecial(cell: FakeCell | undefined, cellType: string, cellValueType: string | undefined): boolean {
  if (!cell) return false;
  const isFormula = cell.formula !== undefined;
  if (cellType === "Formulas" && !isFormula) return false;
  if (cellType === "Constants" && (isFormula || cell.value === "" || cell.value === undefined)) return false;
  if (cellType !== "Formulas" && cellType !== "Constants") throw new Error(`fake Excel: getSpecialCells(${cellType}) is not faked`);
  if (cellValueType === undefined || cellValueType === "All") return true;
  const type = valueType(cell.value ?? "");
  const wanted: Record<string, ValueType[]> = {
    Errors: ["Error"],
    Logical: ["Boolean"],
    Numbers: ["Double"],
    Text: ["String", "Empty"],
  };
  const list = wanted[cellValueType];
  if (!list) throw new Error(`fake Excel: cellValueType ${cellValueType} is not faked`);
  return list.includes(type);
}

/**
 * The rectangles of the selected cells in `r`, as Excel cuts them: runs down each column, a run
 * joined with the same run of the column to its left into one rectangle (`G2:G10001`, `D5:F9`).
 * Null when no cell is selected (then `isNullObject`).
 */
function specialAreas(r: Rect, cellType: string, cellValueType: string | undefined): Rect[] | null {
  // Only the cells the sheet holds are visited: a block of a million empty cells costs nothing.
  const byColumn = new Map<number, number[]>();
  for (const [key, cell] of r.sheet.cells) {
    const row = Math.floor(key / KEY_COLUMNS);
    const column = key % KEY_COLUMNS;
    if (row < r.row || row >= r.row + r.rowCount || column < r.column || column >= r.column + r.columnCount) continue;
    if (!isSpecial(cell, cellType, cellValueType)) continue;
    const rows = byColumn.get(column) ?? [];
    rows.push(row);
    byColumn.set(column, rows);
  }
  const virtual = r.sheet.virtual;
  if (virtual) {
    for (let i = r.row; i < Math.min(r.row + r.rowCount, virtual.rows); i += 1)
      for (let j = r.column; j < Math.min(r.column + r.columnCount, virtual.columns); j += 1) {
        if (r.sheet.cells.has(i * KEY_COLUMNS + j) || !isSpecial(virtual.cell(i, j), cellType, cellValueType)) continue;
        const rows = byColumn.get(j) ?? [];
        rows.push(i);
        byColumn.set(j, rows);
      }
  }
  const runs: Rect[] = [];
  const open = new Map<string, Rect>();
  for (const column of [...byColumn.keys()].sort((a, b) => a - b)) {
    const rows = byColumn.get(column)!.sort((a, b) => a - b);
    for (let k = 0; k < rows.length; ) {
      let end = k;
      while (end + 1 < rows.length && rows[end + 1] === rows[end] + 1) end += 1;
      const key = `${rows[k]}:${rows[end]}`;
      const left = open.get(key);
      if (left && left.column + left.columnCount === column) left.columnCount += 1;
      else {
        const area = { sheet: r.sheet, row: rows[k], column, rowCount: rows[end] - rows[k] + 1, columnCount: 1 };
        runs.push(area);
        open.set(key, area);
      }
      k = end + 1;
    }
  }
  return runs.length ? runs.sort((a, b) => a.row - b.row || a.column - b.column) : null;
}

/**
 * The `RangeAreas` that `getSpecialCellsOrNullObject` returns: `isNullObject` when no cell
 * matches, `areaCount`, `address`, and `areas` (a RangeCollection) whose items load like ranges:
 * `load("areaCount,areas/items/address,areas/items/formulas")` answers
 * `{areaCount, areas: {items: [{address, formulas}]}}`, counted in the response bytes.
 * `areaLimit` on the workbook makes Excel refuse a result of more areas (the fallback path).
 */
class SpecialCellsProxy extends Proxy {
  private readonly items: RangeProxy[] = [];

  constructor(
    ctx: FakeContext,
    private readonly resolveAreas: () => Rect[] | null,
    real: RealOf,
  ) {
    super(ctx, real);
    this.queueLoad(() => ({ isNullObject: this.areasOrLimit() === null }));
  }

  private areasOrLimit(): Rect[] | null {
    const areas = this.resolveAreas();
    const limit = this.ctx.wb.specialCellsAreaLimit;
    if (areas && limit !== undefined && areas.length > limit) throw new FakeExcelError("GeneralException", "There are too many areas.");
    return areas;
  }

  load(props: string | string[]): this {
    this.mirror((r) => r.load(props));
    const list = splitProps(props);
    this.queueLoad(() => {
      const areas = this.areasOrLimit();
      if (!areas) return { isNullObject: true };
      const out: Record<string, unknown> = {};
      const itemProps: string[] = [];
      for (const p of list) {
        if (p === "areaCount") out.areaCount = areas.length;
        else if (p === "address") out.address = areas.map((a) => `${sheetPrefix(a.sheet.name)}!${rectAddress(a)}`).join(",");
        else if (p.startsWith("areas/items/")) itemProps.push(p.slice("areas/items/".length));
        else throw new Error(`fake Excel: RangeAreas.${p} is not faked`);
      }
      if (itemProps.length) {
        const items = areas.map((a) => {
          const range = new RangeProxy(this.ctx, () => a, false);
          return { range, data: Object.fromEntries(itemProps.map((p) => [p, range.propertyOf(a, p)])) };
        });
        out.areas = { items: items.map((i) => i.data) };
        // Readable after the sync, as the items of a loaded collection.
        this.items.length = 0;
        for (const i of items) {
          i.range.setLoaded(i.data);
          this.items.push(i.range);
        }
      }
      return out;
    });
    return this;
  }

  get isNullObject(): boolean {
    return this.read("isNullObject");
  }
  get areaCount(): number {
    return this.read("areaCount");
  }
  get address(): string {
    return this.read("address");
  }
  get areas(): { items: RangeProxy[] } {
    if (!this.loaded.has("areas")) notLoaded("areas");
    return { items: this.items };
  }
}
// ── end SPECIAL CELLS ──

class RangeAreasProxy {
  constructor(
    private readonly ctx: FakeContext,
    private readonly real: RealOf,
    private readonly rects: () => Rect[],
  ) {}
  get conditionalFormats(): ConditionalFormatCollectionProxy {
    return new ConditionalFormatCollectionProxy(this.ctx, this.rects, () => this.real()?.conditionalFormats);
  }
}

class ConditionalFormatCollectionProxy extends Proxy {
  constructor(
    ctx: FakeContext,
    private readonly rects: () => Rect[],
    real: RealOf,
  ) {
    super(ctx, real);
  }

  add(type: string): ConditionalFormatProxy {
    const real = once(() => this.real()?.add(type));
    real();
    const ref: { cf?: FakeConditionalFormat; sheet?: FakeSheet } = {};
    this.ctx.write(50, () => {
      const rects = this.rects();
      const sheet = rects[0].sheet;
      assertWritable(sheet);
      const cf: FakeConditionalFormat = { type, ranges: rects.map(rectAddress) };
      sheet.conditionalFormats.unshift(cf);
      ref.cf = cf;
      ref.sheet = sheet;
      this.ctx.raise("format", sheet, cf.ranges.join(","));
    });
    return new ConditionalFormatProxy(this.ctx, ref, real);
  }

  /** The formats of this collection now, in priority order (as Excel enumerates them). */
  private current(): { sheet: FakeSheet; list: FakeConditionalFormat[] } {
    const rects = this.rects();
    const sheet = rects[0].sheet;
    const list = sheet.conditionalFormats.filter((cf) => cf.ranges.some((a) => rects.some((r) => overlaps(r, a))));
    return { sheet, list };
  }

  /**
   * Loaded items are addressed by their position in the collection, as in Excel (a loaded
   * `ConditionalFormat`'s `id` is its priority): an item resolves to whatever format is at that
   * position when a later operation runs, so deleting item 0 then item 1 in one batch deletes
   * the first and the third.
   */
  load(props: string | string[]): this {
    this.mirror((r) => r.load(props));
    const itemProps = splitProps(props).map((p) => p.replace(/^items\//, ""));
    this.queueLoad(() => {
      const { sheet, list } = this.current();
      const items = list.map((cf, position) => {
        if (cf.unreadable === "all") throw new FakeExcelError("GeneralException", "This conditional format cannot be read.");
        const real = this.real();
        const proxy = new ConditionalFormatProxy(
          this.ctx,
          { at: () => ({ cf: this.current().list[position], sheet }) },
          real ? once(() => real.getItemAt(position)) : none,
        );
        proxy.markLoaded(itemProps);
        return proxy;
      });
      return { items };
    });
    return this;
  }

  get items(): ConditionalFormatProxy[] {
    return this.read("items");
  }

  getCount(): { value: number } {
    this.mirror((r) => r.getCount());
    const result = { value: NaN };
    this.ctx.enqueue({
      requestBytes: 100,
      exec: () => {
        const count = this.current().list.length;
        return { response: count, commit: () => (result.value = count) };
      },
    });
    return result;
  }

  /** The format at this position when each later operation runs (as a loaded item). */
  getItemAt(position: number): ConditionalFormatProxy {
    return new ConditionalFormatProxy(
      this.ctx,
      { at: () => ({ cf: this.current().list[position], sheet: this.rects()[0].sheet }) },
      once(() => this.real()?.getItemAt(position)),
    );
  }
}

class ConditionalFormatProxy extends Proxy {
  constructor(
    ctx: FakeContext,
    private readonly ref: {
      cf?: FakeConditionalFormat;
      sheet?: FakeSheet;
      /** For a loaded item: the format at its position, when the operation runs. */
      at?: () => { cf?: FakeConditionalFormat; sheet: FakeSheet };
    },
    real: RealOf = none,
  ) {
    super(ctx, real);
  }

  private target(): { cf: FakeConditionalFormat; sheet: FakeSheet } {
    const { cf, sheet } = this.ref.at ? this.ref.at() : this.ref;
    if (!cf || !sheet) throw new FakeExcelError("ItemNotFound", "The conditional format does not exist.");
    return { cf, sheet };
  }

  markLoaded(props: string[]): void {
    const { cf, sheet } = this.target();
    for (const p of props) {
      if (p === "type") this.loaded.set("type", cf.type);
      else if (p === "id") this.loaded.set("id", String(sheet.conditionalFormats.indexOf(cf)));
      else throw new Error(`fake Excel: ConditionalFormat.${p} is not faked`);
    }
  }

  load(props: string | string[]): this {
    this.mirror((r) => r.load(props));
    const list = splitProps(props);
    this.queueLoad(() => {
      const { cf } = this.target();
      if (cf.unreadable === "all") throw new FakeExcelError("GeneralException", "This conditional format cannot be read.");
      return Object.fromEntries(list.map((p) => [p, p === "type" ? cf.type : notFaked(p)]));
    });
    return this;
  }

  get type(): string {
    return this.read("type");
  }

  private readonly rule = new RuleProxy(this.ctx, () => this.target(), () => this.real()?.custom.rule);

  readonly custom = {
    rule: this.rule,
    format: {
      fill: new FillProxy(() => this.real()?.custom.format.fill, (color) =>
        this.ctx.write(20, () => {
          const { cf, sheet } = this.target();
          assertWritable(sheet);
          cf.fill = color;
          this.ctx.raise("format", sheet, cf.ranges.join(","));
        }),
      ),
    },
  };

  delete(): void {
    this.mirror((r) => r.delete());
    this.ctx.write(20, () => {
      const { cf, sheet } = this.target();
      assertWritable(sheet);
      sheet.conditionalFormats.splice(sheet.conditionalFormats.indexOf(cf), 1);
      this.ctx.raise("format", sheet, cf.ranges.join(","));
    });
  }
}

class RuleProxy extends Proxy {
  constructor(
    ctx: FakeContext,
    private readonly target: () => { cf: FakeConditionalFormat; sheet: FakeSheet },
    real: RealOf,
  ) {
    super(ctx, real);
  }
  load(props: string): this {
    this.mirror((r) => r.load(props));
    const list = splitProps(props);
    this.queueLoad(() => {
      const { cf } = this.target();
      if (cf.type !== "Custom") throw new FakeExcelError("InvalidOperation", "Not a custom conditional format.");
      if (cf.unreadable) throw new FakeExcelError("GeneralException", "This conditional format's rule cannot be read.");
      return Object.fromEntries(list.map((p) => [p, p === "formula" ? (cf.formula ?? "") : undefined]));
    });
    return this;
  }
  get formula(): string {
    return this.read("formula");
  }
  set formula(f: string) {
    this.mirror((r) => (r.formula = f));
    this.ctx.write(jsonBytes(f), () => {
      const { cf, sheet } = this.target();
      assertWritable(sheet);
      cf.formula = f;
      this.ctx.raise("format", sheet, cf.ranges.join(","));
    });
  }
}

// ==== fill (issue 9): sheet copies, row insertion and deletion, charts ====
// What Excel does to a sheet when a fill plan is applied (src/excel/fill.ts), so that the tests
// see what Excel would leave: Worksheet.copy copies cells, formats, merges, conditional formats,
// data validation, widths, heights, sheet-scoped names and tables (renamed, as table names are
// unique in a workbook); inserting or deleting whole rows moves cells and everything anchored
// on them, and adjusts every formula and name of the workbook that refers to moved cells.

export interface FakeDataValidation {
  /** Local A1 addresses. */
  ranges: string[];
  rule: string;
}

export interface FakeName {
  name: string;
  refersTo: string;
}

export interface FakeChart {
  type: string;
  /** The source data's address on the sheet (local A1). */
  values: string;
  seriesBy: string;
  categories?: string;
  title?: string;
  anchor?: string;
}

/** A row span moved by an insertion (`count` > 0 rows at `at`) or a deletion (`count` < 0). */
function moveRows(top: number, bottom: number, at: number, count: number): [number, number] | undefined {
  if (count > 0) {
    if (top >= at) return [top + count, bottom + count];
    if (bottom >= at) return [top, bottom + count];
    return [top, bottom];
  }
  const n = -count;
  const last = at + n - 1;
  const newTop = top < at ? top : top > last ? top - n : at;
  const newBottom = bottom < at ? bottom : bottom > last ? bottom - n : at - 1;
  return newBottom < newTop ? undefined : [newTop, newBottom];
}

/** A local A1 range moved with the rows, or undefined when its rows were all deleted. */
function moveAddress(address: string, at: number, count: number): string | undefined {
  const r = parseRange(address);
  const moved = moveRows(r.start.row, r.start.row + r.rowCount - 1, at, count);
  if (!moved) return undefined;
  return rectAddress({ sheet: undefined as unknown as FakeSheet, row: moved[0], column: r.start.column, rowCount: moved[1] - moved[0] + 1, columnCount: r.columnCount });
}

/**
 * A formula's references to `target`'s rows adjusted, as Excel does on inserting or deleting
 * rows (absolute references too); a reference whose cells were all deleted becomes `#REF!`.
 * `own` is the sheet the formula is on (its unqualified references are to it).
 */
export function shiftFormula(formula: string, own: string | undefined, target: string, at: number, count: number): string {
  const tokens = tokenize(formula).map((t): Token => {
    if (t.t !== "ref") return t;
    const ref = t.ref;
    const sheet = ref.sheet ?? own;
    if (sheet === undefined || sheet.toLowerCase() !== target.toLowerCase()) return t;
    if (ref.start.row === undefined) return t;
    const endRow = ref.end?.row ?? ref.start.row;
    const top = Math.min(ref.start.row, endRow);
    const bottom = Math.max(ref.start.row, endRow);
    const moved = moveRows(top, bottom, at, count);
    if (!moved) return { t: "error", text: (ref.sheet !== undefined ? sheetPrefixOf(ref.sheet) : "") + "#REF!" };
    const start = { ...ref.start, row: ref.start.row <= endRow ? moved[0] : moved[1] };
    const end = ref.end ? { ...ref.end, row: ref.start.row <= endRow ? moved[1] : moved[0] } : undefined;
    const next: Reference = { ...ref, start, end };
    return { t: "ref", text: referenceText(next), ref: next };
  });
  return untokenize(tokens);
}

function sheetPrefixOf(sheet: string): string {
  return referenceText({ sheet, start: { row: 0, column: 0 } }).replace(/A1$/, "");
}

/** References to sheet `from` made references to `to` (a copy's own names). */
function retargetFormula(formula: string, from: string, to: string): string {
  return untokenize(
    tokenize(formula).map((t): Token => {
      if (t.t !== "ref" || t.ref.sheet === undefined || t.ref.sheet.toLowerCase() !== from.toLowerCase()) return t;
      const next: Reference = { ...t.ref, sheet: to };
      return { t: "ref", text: referenceText(next), ref: next };
    }),
  );
}

/** Every formula and name of the workbook that refers to sheet `from` made to refer to `to`, as Excel does on a rename. */
export function renameReferences(wb: FakeWorkbook, from: string, to: string): void {
  for (const sheet of wb.sheets) {
    if (sheet.virtual) continue;
    for (const cell of sheet.cells.values()) if (cell.formula !== undefined) cell.formula = retargetFormula(cell.formula, from, to);
    for (const n of sheet.names) n.refersTo = retargetFormula(n.refersTo, from, to);
  }
  for (const n of wb.names) n.refersTo = retargetFormula(n.refersTo, from, to);
}

/** Inserts (`count` > 0) or deletes (`count` < 0) whole rows at `at` on `sheet`. */
export function shiftRows(wb: FakeWorkbook, sheet: FakeSheet, at: number, count: number): void {
  const cells = new Map<number, FakeCell>();
  for (const [key, cell] of sheet.cells) {
    const row = Math.floor(key / KEY_COLUMNS);
    const moved = moveRows(row, row, at, count);
    if (moved) cells.set(moved[0] * KEY_COLUMNS + (key % KEY_COLUMNS), cell);
  }
  sheet.cells.clear();
  for (const [k, c] of cells) sheet.cells.set(k, c);
  const heights: Record<number, number> = {};
  for (const [row, h] of Object.entries(sheet.rowHeights)) {
    const moved = moveRows(Number(row), Number(row), at, count);
    if (moved) heights[moved[0]] = h;
  }
  sheet.rowHeights = heights;
  const moveAll = (ranges: string[]): string[] => ranges.map((a) => moveAddress(a, at, count)).filter((a): a is string => a !== undefined);
  // A merge cut down to one cell is no merge any more.
  sheet.merges = moveAll(sheet.merges).filter((a) => a.includes(":"));
  for (const cf of sheet.conditionalFormats) cf.ranges = moveAll(cf.ranges);
  sheet.conditionalFormats = sheet.conditionalFormats.filter((cf) => cf.ranges.length > 0);
  for (const dv of sheet.dataValidations) dv.ranges = moveAll(dv.ranges);
  sheet.dataValidations = sheet.dataValidations.filter((dv) => dv.ranges.length > 0);
  sheet.tables = sheet.tables
    .map((t) => ({ ...t, range: moveAddress(t.range, at, count) }))
    .filter((t): t is { name: string; range: string } => t.range !== undefined);
  for (const chart of sheet.charts) {
    chart.values = moveAddress(chart.values, at, count) ?? chart.values;
    if (chart.categories) chart.categories = moveAddress(chart.categories, at, count) ?? chart.categories;
  }
  for (const other of wb.sheets) {
    if (other.virtual) continue;
    for (const cell of other.cells.values()) {
      if (cell.formula !== undefined) cell.formula = shiftFormula(cell.formula, other.name, sheet.name, at, count);
    }
    for (const n of other.names) n.refersTo = shiftFormula(n.refersTo, other.name, sheet.name, at, count);
  }
  for (const n of wb.names) n.refersTo = shiftFormula(n.refersTo, undefined, sheet.name, at, count);
}

/** Adds `rect` to a list of ranges, joined to a range of the same columns it touches. */
function addCoalesced(ranges: string[], rect: Rect): string[] {
  const out = [...ranges];
  for (let i = 0; i < out.length; i += 1) {
    const r = parseRange(out[i]);
    const sameColumns = r.start.column === rect.column && r.columnCount === rect.columnCount;
    if (sameColumns && r.start.row <= rect.row + rect.rowCount && rect.row <= r.start.row + r.rowCount) {
      const top = Math.min(r.start.row, rect.row);
      const bottom = Math.max(r.start.row + r.rowCount, rect.row + rect.rowCount);
      out[i] = rectAddress({ ...rect, row: top, rowCount: bottom - top });
      return out;
    }
  }
  out.push(rectAddress(rect));
  return out;
}

/**
 * Paste Formats of `from` onto `to` (same sheet), `from`'s rows repeated over `to`'s as Excel
 * does: cell formats (replacing the destination's), row heights of whole rows, merges, and the
 * conditional formats and data validation of the source extended to the destination.
 */
function copyFormats(from: Rect, to: Rect): void {
  const sheet = to.sheet;
  if (from.sheet !== sheet) notFaked("Range.copyFrom across sheets");
  const sourceRow = (i: number): number => from.row + (i % from.rowCount);
  const formatKeys = ["numberFormat", "fill", "bold", "wrapText", "verticalAlignment"] as const;
  // Each row's columns holding a cell, indexed once (not a scan of the sheet per row).
  const byRow = new Map<number, number[]>();
  for (const key of sheet.cells.keys()) {
    const c = key % KEY_COLUMNS;
    if (c < from.column || c >= from.column + from.columnCount) continue;
    const row = Math.floor(key / KEY_COLUMNS);
    const list = byRow.get(row);
    if (list) list.push(c);
    else byRow.set(row, [c]);
  }
  const columnsOf = (row: number): number[] => byRow.get(row) ?? [];
  const sourceColumns = new Map<number, number[]>();
  for (let i = 0; i < from.rowCount; i += 1) sourceColumns.set(from.row + i, columnsOf(from.row + i));
  for (let i = 0; i < to.rowCount; i += 1) {
    const src = sourceRow(i);
    const dest = to.row + i;
    const columns = new Set([...(sourceColumns.get(src) ?? []), ...columnsOf(dest)]);
    for (const c of columns) {
      const s = sheet.getCell(src, c);
      const d = sheet.cellForWrite(dest, c);
      for (const k of formatKeys) {
        if (s?.[k] === undefined) delete d[k];
        else (d as unknown as Record<string, unknown>)[k] = s[k];
      }
    }
    if (from.columnCount === KEY_COLUMNS) {
      if (sheet.rowHeights[src] !== undefined) sheet.rowHeights[dest] = sheet.rowHeights[src];
      else delete sheet.rowHeights[dest];
    }
  }
  const fromRect = (a: string): Rect => {
    const r = parseRange(a);
    return { sheet, row: r.start.row, column: r.start.column, rowCount: r.rowCount, columnCount: r.columnCount };
  };
  const inside = (r: Rect): boolean => r.row >= from.row && r.row + r.rowCount <= from.row + from.rowCount;
  // Copies of the source's merges on each repetition of the source rows.
  for (const m of [...sheet.merges]) {
    const r = fromRect(m);
    if (!inside(r)) continue;
    for (let k = 0; k * from.rowCount < to.rowCount; k += 1) {
      const copy = { ...r, row: to.row + k * from.rowCount + (r.row - from.row) };
      sheet.merges = sheet.merges.filter((x) => !overlaps(copy, x));
      sheet.merges.push(rectAddress(copy));
    }
  }
  const extend = (ranges: string[]): string[] => {
    let out = ranges;
    for (const a of ranges) {
      const r = fromRect(a);
      const top = Math.max(r.row, from.row);
      const bottom = Math.min(r.row + r.rowCount, from.row + from.rowCount);
      if (top >= bottom) continue;
      // The destination rows whose source row lies in this range's rows.
      for (let i = 0; i < to.rowCount; i += 1) {
        const src = sourceRow(i);
        if (src >= top && src < bottom) out = addCoalesced(out, { ...r, row: to.row + i, rowCount: 1 });
      }
    }
    return out;
  };
  for (const cf of sheet.conditionalFormats) cf.ranges = extend(cf.ranges);
  for (const dv of sheet.dataValidations) dv.ranges = extend(dv.ranges);
}

/** `Worksheet.copy`: the copy is named as Excel names it (`Modèle (2)`), placed as asked. */
function copySheet(wb: FakeWorkbook, source: FakeSheet, positionType: string, relativeTo?: FakeSheet): FakeSheet {
  if (wb.structureProtected) throw new FakeExcelError("AccessDenied", "The workbook is protected.");
  const taken = new Set(wb.sheets.map((s) => s.name.toLowerCase()));
  let name = source.name;
  for (let n = 2; taken.has(name.toLowerCase()); n += 1) name = `${source.name.slice(0, 31 - ` (${n})`.length)} (${n})`;
  const copy = wb.addSheet(name, { visibility: source.visibility });
  for (const [k, c] of source.cells) copy.cells.set(k, JSON.parse(JSON.stringify(c)) as FakeCell);
  copy.conditionalFormats = JSON.parse(JSON.stringify(source.conditionalFormats)) as FakeConditionalFormat[];
  copy.dataValidations = JSON.parse(JSON.stringify(source.dataValidations)) as FakeDataValidation[];
  copy.merges = [...source.merges];
  copy.columnWidths = { ...source.columnWidths };
  copy.rowHeights = { ...source.rowHeights };
  copy.frozenRows = source.frozenRows;
  copy.isProtected = source.isProtected;
  copy.names = source.names.map((n) => ({ name: n.name, refersTo: retargetFormula(n.refersTo, source.name, name) }));
  const tableNames = new Set(wb.sheets.flatMap((s) => s.tables.map((t) => t.name.toLowerCase())));
  copy.tables = source.tables.map((t) => {
    let n = 2;
    while (tableNames.has(`${t.name}${n}`.toLowerCase())) n += 1;
    tableNames.add(`${t.name}${n}`.toLowerCase());
    return { name: `${t.name}${n}`, range: t.range };
  });
  copy.charts = JSON.parse(JSON.stringify(source.charts)) as FakeChart[];
  // Placed where asked: the copy was added last.
  wb.sheets.splice(wb.sheets.indexOf(copy), 1);
  const anchor = relativeTo ? wb.sheets.indexOf(relativeTo) : wb.sheets.indexOf(source);
  const at = positionType === "Beginning" ? 0 : positionType === "End" ? wb.sheets.length : positionType === "Before" ? anchor : anchor + 1;
  wb.sheets.splice(at, 0, copy);
  return copy;
}

class ChartCollectionProxy extends Proxy {
  constructor(
    ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
    real: RealOf,
  ) {
    super(ctx, real);
  }

  add(type: string, sourceData: RangeProxy, seriesBy = "Auto"): ChartProxy {
    const real = once(() => this.real()?.add(type, sourceData.real(), seriesBy));
    real();
    const ref: { chart?: FakeChart } = {};
    this.ctx.write(jsonBytes(type) + 50, () => {
      const sheet = this.sheet();
      assertWritable(sheet);
      const source = sourceData.rectNow();
      if (source.sheet !== sheet) notFaked("charts.add with data on another sheet");
      ref.chart = { type, values: rectAddress(source), seriesBy };
      sheet.charts.push(ref.chart);
    });
    return new ChartProxy(this.ctx, ref, real);
  }
}

class ChartProxy extends Proxy {
  constructor(
    ctx: FakeContext,
    private readonly ref: { chart?: FakeChart },
    real: RealOf,
  ) {
    super(ctx, real);
  }

  private chart(): FakeChart {
    if (!this.ref.chart) throw new FakeExcelError("ItemNotFound", "The chart does not exist.");
    return this.ref.chart;
  }

  get title(): { text: string } {
    const chart = (): FakeChart => this.chart();
    const mirror = (f: (r: Real) => void): void => this.mirror(f);
    const write = (bytes: number, apply: () => void): void => this.ctx.write(bytes, apply);
    return {
      get text(): string {
        return notFaked("ChartTitle.text (read)");
      },
      set text(text: string) {
        mirror((r) => (r.title.text = text));
        write(jsonBytes(text), () => (chart().title = text));
      },
    };
  }

  get series(): { getItemAt(i: number): { setXAxisValues(range: RangeProxy): void } } {
    return {
      getItemAt: (i: number) => ({
        setXAxisValues: (range: RangeProxy) => {
          this.mirror((r) => r.series.getItemAt(i).setXAxisValues(range.real()));
          this.ctx.write(50, () => {
            if (i !== 0) notFaked("series other than the first");
            this.chart().categories = rectAddress(range.rectNow());
          });
        },
      }),
    };
  }

  setPosition(start: string, end?: string): void {
    this.mirror((r) => r.setPosition(start, end));
    this.ctx.write(jsonBytes(start) + 20, () => {
      this.chart().anchor = start;
    });
  }
}

// ==== end fill ====
