/** Runs the `pointage` command in-process, as the tests of the CLI do, and collects what it prints. */
import { main } from "../../src/cli/pointage";

export async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}
