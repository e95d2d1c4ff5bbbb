/** Runs the `pointage` command in-process, as the tests of the CLI do, and collects what it prints. */
import { main, type CliIo } from "../../src/cli/pointage";

export async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return cliWith({}, ...args);
}

/** The same, with stdout a terminal or not (`isTTY`) and the environment given (`env`, empty by default). */
export async function cliWith(io: Pick<CliIo, "isTTY" | "env">, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { env: {}, ...io, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}
