/**
 * The installed command's entry (bin/pointage.js). A large workbook is checked in a worker thread
 * whose heap is capped from the workbook's unzipped size: V8 otherwise lets the heap grow far past
 * what is live (a 1 048 576-row table: 1.3 GB live, 2.5 GB resident), and the cap makes it collect
 * instead (1.8 GB resident, issue 14). The cap tunes the collector and limits nothing: a check that
 * reaches it before anything is printed is run again without it, in this thread.
 */
import * as fs from "fs";
import { isMainThread, parentPort, Worker, workerData } from "worker_threads";
import { declaredUnzippedSizeIn } from "../file/zipSize";
import { langOf } from "./lang";
import { main, VALUE_OPTIONS, type CliIo } from "./pointage";

/** Unzipped workbooks below this are checked in this thread: their heap stays small anyway. */
const WORKER_FROM_MB = 64;
/**
 * Heap allowed per unzipped megabyte. Measured: the 1 048 576-row table unzips to 367 MB and its
 * check peaks at 1.3 GB live; 4.5 leaves V8 a third more than that to collect in.
 */
const HEAP_PER_UNZIPPED_MB = 4.5;
const MB = 1024 * 1024;

interface WorkerInput {
  pointageArgv: string[];
  isTTY: boolean;
}

/** The two numbers above, given otherwise by tests (a small workbook checked in a worker, a cap it reaches). */
export interface HeapTuning {
  workerFromMb?: number;
  heapPerUnzippedMb?: number;
}

type WorkerMessage = ["stdout" | "stderr", string] | ["code", number];

/** The file a `check` names, when it names exactly one (a séance is many, or a folder). */
function checkedFile(argv: readonly string[]): string | undefined {
  const words = argv.filter((a, i) => !a.startsWith("-") && !(i > 0 && VALUE_OPTIONS.has(argv[i - 1])));
  return words.length === 2 && words[0] === "check" ? words[1] : undefined;
}

/** The workbook's unzipped size as its zip declares it, in MB; undefined for anything else or unreadable. */
function unzippedMb(file: string): number | undefined {
  let fd: number | undefined;
  try {
    // Only regular files: a FIFO or a device is refused by the check itself, never opened here.
    if (!fs.statSync(file).isFile()) return undefined;
    fd = fs.openSync(file, "r");
    const handle = fd;
    const size = fs.fstatSync(handle).size;
    const read = (at: number, length: number): Uint8Array => {
      const bytes = new Uint8Array(length);
      const got = fs.readSync(handle, bytes, 0, length, at);
      return bytes.subarray(0, got);
    };
    const declared = declaredUnzippedSizeIn(size, read);
    return declared === undefined ? undefined : declared / MB;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** The heap cap for a check, in MB, or undefined to check in this thread. */
export function heapCapMb(argv: readonly string[], tuning: HeapTuning = {}): number | undefined {
  const file = checkedFile(argv);
  const mb = file === undefined ? undefined : unzippedMb(file);
  if (mb === undefined || mb < (tuning.workerFromMb ?? WORKER_FROM_MB)) return undefined;
  return Math.ceil(mb * (tuning.heapPerUnzippedMb ?? HEAP_PER_UNZIPPED_MB));
}

/** Runs the command, in a capped worker when heapCapMb says so; resolves to the exit code. */
export async function launch(argv: string[], io: CliIo, tuning: HeapTuning = {}): Promise<number> {
  const cap = heapCapMb(argv, tuning);
  if (cap === undefined) return main(argv, io);
  const input: WorkerInput = { pointageArgv: argv, isTTY: Boolean(io.isTTY) };
  let printed = false;
  const outcome = await new Promise<number | Error>((resolve) => {
    const worker = new Worker(__filename, { workerData: input, resourceLimits: { maxOldGenerationSizeMb: cap }, env: process.env });
    let code: number | undefined;
    worker.on("message", (message: WorkerMessage) => {
      if (message[0] === "code") code = message[1];
      else {
        printed = true;
        io[message[0]](message[1]);
      }
    });
    worker.on("error", resolve);
    worker.on("exit", () => resolve(code ?? 2));
  });
  if (typeof outcome === "number") return outcome;
  // Out of memory under the cap (or a worker that could not run): nothing printed yet, check here.
  if (!printed) return main(argv, io);
  // The report is out; only the copy was left.
  const outOfMemory = (outcome as Error & { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY";
  const fr = langOf(argv) === "fr";
  if (outOfMemory) io.stderr(fr ? "pointage : la copie n'a pas pu être écrite : mémoire insuffisante.\n" : "pointage: the copy could not be written: out of memory.\n");
  else io.stderr(fr ? `pointage : erreur inattendue : ${outcome.message}\n` : `pointage: unexpected error: ${outcome.message}\n`);
  return 2;
}

/** In the worker: the command, its output posted to the launcher in order. */
if (!isMainThread && parentPort && (workerData as WorkerInput | undefined)?.pointageArgv) {
  const port = parentPort;
  const input = workerData as WorkerInput;
  const post = (message: WorkerMessage) => port.postMessage(message);
  main(input.pointageArgv, { stdout: (s) => post(["stdout", s]), stderr: (s) => post(["stderr", s]), isTTY: input.isTTY, env: process.env }).then(
    (code) => post(["code", code]),
    () => post(["code", 2]),
  );
}
