/**
 * The real tables of the seeds (`test/fixtures/examples/`, copied from ../shared/spec/examples), each
 * pasted as text into a workbook on its own: found as the right kind of table, and no error and
 * no warning (DOMAIN.md: NUM-TEXTE and REP-ARRONDI infos are fine).
 */
import * as fs from "fs";
import * as path from "path";
import { checkWorkbook } from "../../src/core/engine";
import { readXlsx } from "../../src/file";
import { snapshotOf, tsvRows } from "../helpers/sheet-builder";
import { xlsxBytes } from "../helpers/xlsx-builder";

const dir = path.join(__dirname, "../fixtures/examples");
const expectedKinds: Record<string, string[]> = {
  "bilan-2021-lianes-finances.tsv": [],
  "convention-2023-lianes-article4.tsv": ["convention"],
  "convention-2025-lianes-budget.tsv": ["repartition"],
  "deliberation-2023-lianes-article3.tsv": ["depense"],
  "deliberation-2025-lianes-article3.tsv": ["depense"],
  "programme-2023-apes-budget.tsv": ["repartition"],
  "rapport-2023-apes-imputation.tsv": ["imputation"],
  "rapport-2023-lianes-imputation.tsv": ["imputation"],
  "rapport-2025-lianes-imputation.tsv": ["imputation"],
};

test("every example is listed", () => {
  expect(fs.readdirSync(dir).sort()).toEqual(Object.keys(expectedKinds).sort());
});

describe.each(Object.keys(expectedKinds))("%s", (file) => {
  const rows = tsvRows(fs.readFileSync(path.join(dir, file), "utf8"));
  const sheets = [{ name: "Feuil1", rows }];

  test("pasted as text: found, no error, no warning", () => {
    const result = checkWorkbook(snapshotOf(sheets));
    expect(result.tables.map((t) => t.kind)).toEqual(expectedKinds[file]);
    expect(result.failures).toEqual([]);
    const serious = result.findings.filter((f) => f.severity !== "info");
    expect(serious.map((f) => `${f.rule} ${f.cell} ${f.message}`)).toEqual([]);
    for (const f of result.findings) expect(["NUM-TEXTE", "REP-ARRONDI", "FORMULE-FIGEE", "XREF-IMPUTATION"]).toContain(f.rule);
  });

  test("through a real .xlsx at another position: same tables, same findings", async () => {
    const moved = [{ name: "Dossier CP", at: "C4", rows }];
    const direct = checkWorkbook(snapshotOf(moved));
    const viaFile = checkWorkbook(await readXlsx(await xlsxBytes(moved), file.replace(".tsv", ".xlsx")));
    expect(viaFile.tables).toEqual(direct.tables);
    expect(viaFile.findings.map((f) => [f.rule, f.cell])).toEqual(direct.findings.map((f) => [f.rule, f.cell]));
    expect(direct.summary.errors + direct.summary.warnings).toBe(0);
  });
});

test("all the examples in one workbook, one sheet each: the dossier is consistent", () => {
  const sheets = Object.keys(expectedKinds).map((file) => ({
    name: file.replace(".tsv", "").slice(0, 31),
    rows: tsvRows(fs.readFileSync(path.join(dir, file), "utf8")),
  }));
  const result = checkWorkbook(snapshotOf(sheets));
  const serious = result.findings.filter((f) => f.severity !== "info");
  // 2023 and 2025 share C05-043A06 with other CP: never chained or summed (IMP-CUMUL, IMP-CHAINE);
  // the 2023 imputation is written `/` and `//`: an info, not a warning.
  expect(serious.map((f) => `${f.rule} ${f.sheet}!${f.cell} ${f.message}`)).toEqual([]);
  expect(result.findings.filter((f) => f.rule === "XREF-IMPUTATION").map((f) => f.messageId)).toEqual(
    expect.arrayContaining(["memeCompte"]),
  );
});
