/** Shared helpers of the simulator tests: run the CLI in-process and capture its output. */
import { main } from "../../src/cli/main.js";

export async function cli(
  argv: string[],
  cwd = process.cwd(),
): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(argv, {
    out: (t) => void (out += t + "\n"),
    err: (t) => void (err += t + "\n"),
    cwd,
  });
  return { code, out, err };
}
