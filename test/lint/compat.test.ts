/**
 * The compatibility rules on before/after fixtures (test/lint/compat/{previous,current}/<case>/),
 * buf-style: every expected finding is listed, so a missing and an extra one both fail. Three
 * cases are the real history of the IOMMUFD invalidation uAPI (docs/lint.md,
 * "Compatibility"): the out_driver_error_code draft against the merged struct, and the
 * per-entry hw_error drafts (VT-d and selftest) against their replacement by __reserved.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lint } from "../../src/lint/lint.js";
import { loadDefinitions } from "../../src/load/load.js";
import { run } from "./cli-helpers.js";

const BASE = join(__dirname, "compat");

const EXPECTED: Record<string, string[]> = {
  "declared-reserved": [
    "defs.ts:9:5 error field-made-reserved: `mode` is now reserved: callers that set it are now rejected, and callers that read it get zero",
  ],
  "hwpt-alloc-growth": [
    "iommufd.ts:23:5 info tail-field-zero-default: `data_type` was appended to `iommu_hwpt_alloc` (it is declared size-extensible): old callers leave it zero, so a zero `data_type` must mean the old behaviour",
    "iommufd.ts:24:5 info tail-field-zero-default: `data_len` was appended to `iommu_hwpt_alloc` (it is declared size-extensible): old callers leave it zero, so a zero `data_len` must mean the old behaviour",
    "iommufd.ts:25:5 info tail-field-zero-default: `data_uptr` was appended to `iommu_hwpt_alloc` (it is declared size-extensible): old callers leave it zero, so a zero `data_uptr` must mean the old behaviour",
    "iommufd.ts:26:5 info tail-field-zero-default: `fault_id` was appended to `iommu_hwpt_alloc` (it is declared size-extensible): old callers leave it zero, so a zero `fault_id` must mean the old behaviour",
  ],
  "invalidate-error-code": [
    "iommufd.ts:24:5 error field-no-rename: `reqs_uptr` was renamed to `data_uptr`: the layout is unchanged, but source that names `reqs_uptr` no longer compiles",
    "iommufd.ts:25:5 error field-no-rename: `req_type` was renamed to `data_type`: the layout is unchanged, but source that names `req_type` no longer compiles",
    "iommufd.ts:26:5 error field-no-rename: `req_len` was renamed to `entry_len`: the layout is unchanged, but source that names `req_len` no longer compiles",
    "iommufd.ts:27:5 error field-no-rename: `req_num` was renamed to `entry_num`: the layout is unchanged, but source that names `req_num` no longer compiles",
    "iommufd.ts:28:5 error field-made-reserved: `out_driver_error_code` became reserved `__reserved`: callers that set it are now rejected, and callers that read it get zero",
  ],
  "selftest-hw-error": [
    "iommufd_test.ts:6:14 error item-no-delete: flag `IOMMU_TEST_INVALIDATE_FLAG_TRIGGER_ERROR` of `iommu_selftest_invalidate_flags` was removed",
    "iommufd_test.ts:10:14 error field-no-delete: field `hw_error` of `iommu_hwpt_invalidate_selftest` was removed",
    "iommufd_test.ts:10:14 error struct-size-change: `iommu_hwpt_invalidate_selftest` shrank: sizeof 16 → 8 bytes on every ABI",
  ],
  synthetic: [
    "defs.ts:7:14 info constant-stable: constant `Z_VERSION` changed value: 0x1 → 0x2 on every ABI (a version number that went up)",
    "defs.ts:12:28 error enum-value-stable: `Z_CMD_SET` changed value: 0x2 → 0x4 on every ABI",
    "defs.ts:15:14 error item-no-delete: enumerator `Z_KIND_GONE` of `z_kind` was removed",
    "defs.ts:16:27 error enum-value-stable: `Z_KIND_B` changed value: 0x1 → 0x5 on every ABI",
    "defs.ts:16:40 error enum-value-stable: `Z_KIND_NEW` takes the value 2 of removed `Z_KIND_GONE`: old binaries mean `Z_KIND_GONE` by it",
    "defs.ts:19:14 error item-no-delete: flag `Z_F_C` of `z_flags` was removed",
    "defs.ts:19:52 error flag-bit-stable: flag `Z_F_B` moved from bit 1 to bit 3",
    "defs.ts:19:62 error flag-bit-stable: bit 2 of `z_flags` changed meaning: `Z_F_C` → `Z_F_D`",
    "defs.ts:25:5 info tail-field-zero-default: `x` was appended to `z_entry_a` (it is an array entry of `z_args`, sized by its entry length): old callers leave it zero, so a zero `x` must mean the old behaviour",
    "defs.ts:31:14 error item-no-delete: struct `z_entry_b` was removed",
    "defs.ts:33:5 error entry-struct-compatible: `Z_KIND_A` now selects `z_entry_c` instead of `z_entry_a`, which is not a tail extension of it: it has no `v` at offset 0 (4 bytes)",
    "defs.ts:33:5 error entry-struct-compatible: `Z_KIND_B` no longer selects an entry struct for `data_uptr` (it selected `z_entry_b`)",
    "defs.ts:43:5 error field-same-offset: `b` moved: offset 4 → 0 on every ABI",
    "defs.ts:44:5 error field-same-offset: `a` moved: offset 0 → 4 on every ABI",
    "defs.ts:45:5 warning field-same-type: `c` changed signedness: __u16 → __s16 on every ABI: the same bytes, but values past the sign bit read differently",
    "defs.ts:46:5 error field-no-rename: `d` was renamed to `d2`: the layout is unchanged, but source that names `d` no longer compiles",
    "defs.ts:47:5 error field-same-type: `e` changed byte order: __u32 → __le32 on every ABI",
    "defs.ts:52:5 error field-same-type: `f` changed size: 4 → 8 bytes on every ABI (__u32 → __u64)",
    "defs.ts:56:14 error struct-size-change: `z_fixed` grew (sizeof 8 → 12 bytes on every ABI) but is not size-extensible: old callers pass the old size",
    "defs.ts:63:5 info reserved-field-use: reserved `pad` now holds `out_g`: old callers pass zero here, so a zero `out_g` must mean the old behaviour",
    "defs.ts:68:14 error ioctl-number-stable: the number of `Z_GET` changed on every ABI (0x80085a01 → 0x800c5a01 on x86_64): sizeof its argument changed",
    "defs.ts:68:14 error item-no-delete: struct `z_gone` was removed",
    "defs.ts:69:14 error ioctl-number-stable: `Z_SET` changed its command number: 0x2 → 0x4 on every ABI",
    "defs.ts:69:14 error ioctl-number-stable: `Z_SET` changed its direction: write → readwrite on every ABI",
  ],
  "vtd-hw-error": [
    "iommufd.ts:10:14 error item-no-delete: enum `iommu_hwpt_vtd_s1_invalidate_error` was removed",
    "iommufd.ts:15:5 error field-made-reserved: `hw_error` became reserved `__reserved`: callers that set it are now rejected, and callers that read it get zero",
  ],
};

function lintCase(name: string, categories: ("api" | "abi")[] = []) {
  const files = (side: string) =>
    readdirSync(join(BASE, side, name)).map((f) => join(BASE, side, name, f));
  const before = loadDefinitions(files("previous"));
  const after = loadDefinitions(files("current"));
  expect([...before.diagnostics, ...after.diagnostics]).toEqual([]);
  return lint(after, { rules: [], against: before, categories }).diagnostics;
}

const show = (d: {
  loc?: { file: string; range: { start: { line: number; character: number } } };
  severity: string;
  code: string;
  message: string;
}) =>
  `${d.loc!.file.split("/").pop()}:${d.loc!.range.start.line + 1}:${d.loc!.range.start.character + 1} ${d.severity} ${d.code}: ${d.message}`;

describe("compatibility fixtures", () => {
  it("every case has an expectation", () => {
    expect(readdirSync(join(BASE, "current")).sort()).toEqual(Object.keys(EXPECTED).sort());
  });
  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(name, () => {
      expect(lintCase(name).map(show)).toEqual(expected);
    });
  }

  it("--category splits API (source) from ABI (binary) findings", () => {
    const api = lintCase("invalidate-error-code", ["api"]).map((d) => d.code);
    const abi = lintCase("invalidate-error-code", ["abi"]).map((d) => d.code);
    expect(new Set(api)).toEqual(new Set(["field-no-rename"]));
    expect(new Set(abi)).toEqual(new Set(["field-made-reserved"]));
  });
});

describe("uapi-gen lint --against", () => {
  const git = (cwd: string, ...args: string[]) =>
    execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

  function repo(): string {
    const dir = mkdtempSync(join(tmpdir(), "uapi-compat-"));
    git(dir, "init", "-q");
    git(dir, "config", "user.email", "t@example.invalid");
    git(dir, "config", "user.name", "t");
    cpSync(join(BASE, "previous", "vtd-hw-error", "iommufd.ts"), join(dir, "iommufd.ts"));
    git(dir, "add", "iommufd.ts");
    git(dir, "commit", "-q", "-m", "draft");
    cpSync(join(BASE, "current", "vtd-hw-error", "iommufd.ts"), join(dir, "iommufd.ts"));
    return dir;
  }

  it("reads a git revision with git show and leaves the work tree alone", async () => {
    const dir = repo();
    const statusBefore = git(dir, "status", "--porcelain");
    const text = readFileSync(join(dir, "iommufd.ts"), "utf8");
    const r = await run(["lint", "--against", "HEAD", "--category", "abi", "iommufd.ts"], dir);
    expect(r.code).toBe(1);
    expect(r.out.trim().split("\n")[0]).toBe(
      "iommufd.ts:15:5: error: `hw_error` became reserved `__reserved`: callers that set it are now rejected, and callers that read it get zero [field-made-reserved]",
    );
    expect(r.out).not.toContain("item-no-delete");
    const api = await run(["lint", "--against", "HEAD", "--category", "api", "iommufd.ts"], dir);
    expect(api.out).toContain(
      "iommufd.ts:10:14: error: enum `iommu_hwpt_vtd_s1_invalidate_error` was removed [item-no-delete]",
    );
    expect(api.out).toContain(
      "@HEAD/iommufd.ts:13:14: note: `iommu_hwpt_vtd_s1_invalidate_error` in the baseline",
    );
    expect(git(dir, "status", "--porcelain")).toBe(statusBefore);
    expect(readFileSync(join(dir, "iommufd.ts"), "utf8")).toBe(text);
  });

  it("reads a folder", async () => {
    const dir = repo();
    const old = mkdtempSync(join(tmpdir(), "uapi-old-"));
    writeFileSync(
      join(old, "iommufd.ts"),
      readFileSync(join(BASE, "previous", "vtd-hw-error", "iommufd.ts")),
    );
    const r = await run(["lint", "--against", old, "--category", "abi", "iommufd.ts"], dir);
    expect(r.out).toContain("[field-made-reserved]");
  });

  it("treats HEAD of a repository without commits as an empty baseline", async () => {
    const dir = mkdtempSync(join(tmpdir(), "uapi-unborn-"));
    git(dir, "init", "-q");
    cpSync(join(BASE, "current", "vtd-hw-error", "iommufd.ts"), join(dir, "iommufd.ts"));
    const r = await run(["lint", "--against", "HEAD", "--category", "abi", "iommufd.ts"], dir);
    expect([r.code, r.out.trim()]).toEqual([0, ""]);
  });

  it("exits 2 on an unknown revision", async () => {
    const r = await run(["lint", "--against", "no-such-ref", "iommufd.ts"], repo());
    expect(r.code).toBe(2);
    expect(r.out).toContain(
      "error: --against no-such-ref: no such folder or git revision [lint/against]",
    );
  });
});
