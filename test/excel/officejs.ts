/**
 * Office.js's own request builder, run in Node: the debug build of `@microsoft/office-js`
 * (`excel-web-16.00.debug.js`, Excel on the web's) is evaluated once in a jsdom window; a real
 * `Excel.RequestContext` then queues whatever the adapter's code queues, and the request body it
 * would send (`buildRequestMessageBodyAndRequestFlags`, serialised with `JSON.stringify` as
 * `CoreUtility._getRequestBodyText` does) is measured in UTF-8 bytes. Nothing is sent: the
 * context never syncs.
 */
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";

interface PendingRequest {
  buildRequestMessageBodyAndRequestFlags(): { body: unknown; flags: number };
}

type OfficeWindow = Window & { Excel: typeof Excel; eval(code: string): unknown };

let excelGlobal: typeof Excel | undefined;

/** The real `Excel` namespace of Office.js, loaded on first use (about a second). */
export function realExcel(): typeof Excel {
  if (!excelGlobal) {
    const dom = new JSDOM("<!doctype html><html><head></head><body></body></html>", {
      url: "https://localhost/taskpane.html",
      runScripts: "outside-only",
    });
    const window = dom.window as unknown as OfficeWindow;
    window.eval(readFileSync(require.resolve("@microsoft/office-js/dist/excel-web-16.00.debug.js"), "utf8"));
    excelGlobal = window.Excel;
  }
  return excelGlobal;
}

/** A fresh real request context (never synced). */
export function realContext(): Excel.RequestContext {
  return new (realExcel().RequestContext)();
}

/** The request body Office.js would send for what is queued on `context` now, as JSON text. */
export function requestBody(context: Excel.RequestContext): string {
  const pending = (context as unknown as { _pendingRequest: PendingRequest })._pendingRequest;
  return JSON.stringify(pending.buildRequestMessageBodyAndRequestFlags().body);
}

/** UTF-8 bytes of that request body. */
export function requestBytes(context: Excel.RequestContext): number {
  return Buffer.byteLength(requestBody(context), "utf8");
}
