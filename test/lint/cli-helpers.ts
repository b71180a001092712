/** Runs the CLI in-process with captured output, in a temporary project folder. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main.js";

export async function run(
  args: string[],
  cwd: string,
): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(args, {
    out: (t) => void (out += t + "\n"),
    err: (t) => void (err += t + "\n"),
    cwd,
  });
  return { code, out, err };
}

export function tempProject(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "uapi-lint-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
