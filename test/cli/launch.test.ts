/**
 * The launcher (issue 14): a large workbook is checked in a worker whose heap is capped from its
 * unzipped size; the cap never changes what is printed, and a check that reaches it before
 * printing anything is run again without it. The worker runs compiled code: these tests use lib/.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { heapCapMb, type HeapTuning } from "../../src/cli/launch";
import type { CliIo } from "../../src/cli/pointage";
import { cli } from "../helpers/cli";

const root = path.join(__dirname, "../..");
const example = path.join(root, "examples/dossier-commission-permanente.xlsx");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pointage-launch-"));
const MB = 1024 * 1024;

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The example with its first central-directory entry declaring `size` unzipped bytes. */
function declaring(size: number): { file: string; declared: number } {
  const bytes = new Uint8Array(fs.readFileSync(example));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = bytes.length - 22;
  while (view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const entries = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  view.setUint32(at + 24, size, true);
  let declared = 0;
  for (let i = 0; i < entries; i++) {
    declared += view.getUint32(at + 24, true);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  const file = path.join(tmp, `declare-${size}.xlsx`);
  fs.writeFileSync(file, bytes);
  return { file, declared };
}

describe("heapCapMb", () => {
  test("a small workbook, a séance, a folder or a file that is no zip: checked in this thread", () => {
    expect(heapCapMb(["check", example])).toBeUndefined();
    expect(heapCapMb(["check", example, example])).toBeUndefined();
    expect(heapCapMb(["check", tmp])).toBeUndefined();
    const text = path.join(tmp, "texte.xlsx");
    fs.writeFileSync(text, "Code;CP\n");
    expect(heapCapMb(["check", text])).toBeUndefined();
    expect(heapCapMb(["check", path.join(tmp, "absent.xlsx")])).toBeUndefined();
  });

  test("a large one: 4.5 MB of heap per unzipped MB the zip declares, whatever the options around the file", () => {
    const { file, declared } = declaring(400 * MB);
    const cap = Math.ceil((declared / MB) * 4.5);
    expect(heapCapMb(["check", file])).toBe(cap);
    expect(heapCapMb(["--lang", "en", "check", file, "--out", path.join(tmp, "copie.xlsx"), "--format", "json"])).toBe(cap);
  });
});

describe("launch", () => {
  // Compiled: the worker loads lib/cli/launch.js, as the installed command does.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const compiled = (): { launch: (argv: string[], io: CliIo, tuning?: HeapTuning) => Promise<number> } => require(path.join(root, "lib/cli/launch.js"));

  async function launched(tuning: HeapTuning, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = "";
    let stderr = "";
    const code = await compiled().launch(args, { env: {}, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) }, tuning);
    return { code, stdout, stderr };
  }

  test("in a worker, the same report and exit code as in this thread", async () => {
    const here = await cli("check", example, "--format", "json");
    expect(await launched({ workerFromMb: 0 }, "check", example, "--format", "json")).toEqual(here);
  });

  test("a worker that reaches its cap before printing: checked again without it, the same report", async () => {
    const here = await cli("check", example);
    expect(await launched({ workerFromMb: 0, heapPerUnzippedMb: 1e-6 }, "check", example)).toEqual(here);
  });
});
