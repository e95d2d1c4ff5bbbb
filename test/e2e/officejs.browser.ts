/**
 * In the browser build of the Office.js stand-in, the Node-only measurer of Office.js's request
 * bytes (test/excel/officejs.ts loads Office.js's debug build in jsdom) is replaced by this: the
 * stand-in's workbook counts bytes itself (`officeJs = false`), so none of these is ever called.
 */
function nodeOnly(): never {
  throw new Error("Office.js's request serialisation is measured in Node tests only, not in the browser stand-in.");
}

export const realExcel = nodeOnly;
export const realContext = nodeOnly;
export const requestBody = nodeOnly;
export const requestBytes = nodeOnly;
