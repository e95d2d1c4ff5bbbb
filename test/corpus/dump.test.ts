/**
 * `CORPUS_DUMP=<name> npx jest test/corpus/dump`: prints one generated workbook as a grid and
 * writes it as an .xlsx (to CORPUS_DUMP_DIR, /tmp by default). `CORPUS_DUMP=list` lists the names;
 * a prefix (`CORPUS_DUMP=012-`) dumps every workbook whose name starts with it.
 */
import { writeFileSync } from "fs";
import { join } from "path";
import { generateCorpus } from "./generator";
import { gridText, xlsxOf } from "./dump";

const wanted = process.env.CORPUS_DUMP;

(wanted ? describe : describe.skip)("corpus dump", () => {
  test(`dump ${wanted}`, async () => {
    const corpus = generateCorpus();
    if (wanted === "list") {
      console.log(corpus.map((w) => w.name).join("\n"));
      return;
    }
    const chosen = corpus.filter((w) => w.name === wanted || w.name.startsWith(wanted!));
    expect(chosen.length).toBeGreaterThan(0);
    const dir = process.env.CORPUS_DUMP_DIR ?? "/tmp";
    const texts: string[] = [];
    for (const wb of chosen) {
      const file = join(dir, `${wb.name}.xlsx`);
      writeFileSync(file, await xlsxOf(wb));
      texts.push(`${gridText(wb)}\n→ ${file}`);
    }
    console.log(texts.join("\n\n"));
  });
});
