/**
 * The pre-commit hooks for real, with Debian's `pre-commit`: a hooks repository holding our
 * .pre-commit-hooks.yaml, a project that uses it (uapi-gen installed in its node_modules, as
 * a project with definitions has it), a commit that adds a hole (rejected), the fixed commit
 * (accepted), and a later commit that breaks compatibility (rejected by uapi-gen-compat).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "../..");
const hasPreCommit = spawnSync("pre-commit", ["--version"]).status === 0;

const DEMO = (fields: string) => `import { struct } from "uapi-gen/dsl";

export const demo = struct({
  doc: "A demo struct.",
  fields: {
${fields}
  },
});
`;

describe.skipIf(!hasPreCommit)("the pre-commit hooks", () => {
  it("reject a commit that adds a hole and accept the fixed one", () => {
    const dir = mkdtempSync(join(tmpdir(), "uapi-pre-commit-"));
    const env = {
      ...process.env,
      PRE_COMMIT_HOME: join(dir, "cache"),
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@example.invalid",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@example.invalid",
    };
    const sh = (cwd: string, cmd: string, ...args: string[]) =>
      spawnSync(cmd, args, { cwd, env, encoding: "utf8" });
    const git = (cwd: string, ...args: string[]) =>
      execFileSync("git", args, { cwd, env, encoding: "utf8" });

    const hooks = join(dir, "hooks");
    mkdirSync(hooks);
    git(hooks, "init", "-q");
    copyFileSync(join(ROOT, ".pre-commit-hooks.yaml"), join(hooks, ".pre-commit-hooks.yaml"));
    git(hooks, "add", ".");
    git(hooks, "commit", "-q", "-m", "hooks");
    const rev = git(hooks, "rev-parse", "HEAD").trim();

    const project = join(dir, "project");
    mkdirSync(join(project, "node_modules", ".bin"), { recursive: true });
    mkdirSync(join(project, "uapi-defs"));
    git(project, "init", "-q");
    symlinkSync(ROOT, join(project, "node_modules", "uapi-gen"));
    symlinkSync("../uapi-gen/bin/uapi-gen.js", join(project, "node_modules", ".bin", "uapi-gen"));
    writeFileSync(join(project, ".gitignore"), "node_modules\n");
    writeFileSync(
      join(project, ".pre-commit-config.yaml"),
      `repos:\n  - repo: ${hooks}\n    rev: ${rev}\n    hooks:\n      - id: uapi-gen-lint\n      - id: uapi-gen-compat\n`,
    );
    git(project, "add", ".");
    git(project, "commit", "-q", "-m", "set up");
    expect(sh(project, "pre-commit", "install").status).toBe(0);

    const a = `    a: { type: "__u32", doc: "A." },`;
    const b = `    b: { type: "__aligned_u64", doc: "B." },`;
    const pad = `    __reserved: { type: "__u32", reserved: true, doc: "Must be 0." },`;
    writeFileSync(join(project, "uapi-defs", "demo.ts"), DEMO([a, b].join("\n")));
    git(project, "add", "uapi-defs/demo.ts");
    const rejected = sh(project, "git", "commit", "-m", "add a hole");
    expect(rejected.status).not.toBe(0);
    expect(rejected.stdout + rejected.stderr).toContain(
      "uapi-defs/demo.ts:7:5: error: implicit padding before `b`: 4 bytes at offset 4 on every ABI [no-implicit-hole]",
    );
    expect(git(project, "log", "--format=%s")).toBe("set up\n");

    writeFileSync(join(project, "uapi-defs", "demo.ts"), DEMO([a, pad, b].join("\n")));
    git(project, "add", "uapi-defs/demo.ts");
    const accepted = sh(project, "git", "commit", "-m", "add demo");
    expect(accepted.stdout + accepted.stderr).toMatch(/uapi-gen lint\.+Passed/);
    expect(accepted.status).toBe(0);
    expect(git(project, "log", "--format=%s")).toBe("add demo\nset up\n");

    // A later commit that inserts `c` before `b` moves `b`: an ABI break against HEAD.
    writeFileSync(
      join(project, "uapi-defs", "demo.ts"),
      DEMO([a, pad, `    c: { type: "__aligned_u64", doc: "C." },`, b].join("\n")),
    );
    git(project, "add", "uapi-defs/demo.ts");
    const breaking = sh(project, "git", "commit", "-m", "insert c");
    expect(breaking.status).not.toBe(0);
    expect(breaking.stdout + breaking.stderr).toContain(
      "error: `b` moved: offset 8 → 16 on every ABI [field-same-offset]",
    );
  }, 120_000);
});
