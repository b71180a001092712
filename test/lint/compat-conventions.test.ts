/**
 * The kernel's conventions the compatibility rules rely on, each on its own: reserved names,
 * sentinels by declaration, value-change classes, the `uapi-lint-extensible` annotation, and
 * headers_install's rewriting of a header (checked against Debian's installed 7.2 tree, which
 * is what the kernel's own script made of the same sources).
 */
import { describe, expect, it } from "vitest";
import type { EnumItem } from "../../src/model/ir.js";
import { parseExtensibleAnnotations } from "../../src/lint/compat/conventions/annotations.js";
import { reservedByDoc, reservedByName } from "../../src/lint/compat/conventions/reserved.js";
import { enumSentinels, macroSentinel } from "../../src/lint/compat/conventions/sentinels.js";
import { classifyValueChange } from "../../src/lint/compat/conventions/value-change.js";
import { headersInstall } from "../../src/lint/compat/tree/headers-install.js";
import { changedNames, definitionsOf } from "../../src/lint/compat/tree/definitions.js";

describe("reserved space", () => {
  it("knows the kernel's reserved names and no others", () => {
    for (const n of [
      "__reserved",
      "reserved_1",
      "__reserved2",
      "resv",
      "rsvd",
      "rsv3",
      "pad",
      "__pad2",
      "padding",
      "__spare",
      "spare1",
      "unused",
      "__unused4",
      "flags_pad",
      "hdr_rsvd",
      "x_reserved2",
      "__align",
    ])
      expect(reservedByName(n), n).toBe(true);
    for (const n of [
      "size",
      "flags",
      "padding_len_of",
      "reservedness",
      "pads_list",
      "res",
      "spares_count",
      "unusedness",
      "address",
    ])
      expect(reservedByName(n), n).toBe(false);
  });

  it("reads reserved-by-doc", () => {
    expect(reservedByDoc("Reserved for future use")).toBe(true);
    expect(reservedByDoc("Must be 0")).toBe(true);
    expect(reservedByDoc("must be zero on input")).toBe(true);
    expect(reservedByDoc("The reserved memory region's base")).toBe(false);
    expect(reservedByDoc(undefined)).toBe(false);
  });
});

function enumOf(members: [string, number, boolean?][]): EnumItem {
  return {
    kind: "enum",
    name: "e",
    module: "m",
    doc: undefined,
    loc: undefined,
    anonymous: false,
    members: members.map(([name, value, implicit]) => ({
      name,
      value,
      doc: undefined,
      loc: undefined,
      ...(implicit ? { implicit: true } : {}),
    })),
  };
}

describe("sentinels by declaration", () => {
  it("takes the count that ends an enum and what is defined from it", () => {
    const e = enumOf([
      ["IFLA_UNSPEC", 0],
      ["IFLA_ADDRESS", 1, true],
      ["__IFLA_MAX", 2, true],
      ["IFLA_MAX", 1],
    ]);
    expect([...enumSentinels(e)].sort()).toEqual(["IFLA_MAX", "__IFLA_MAX"]);
  });

  it("takes a count followed only by explicit flags (IORING_REGISTER_LAST)", () => {
    const e = enumOf([
      ["A", 0],
      ["IORING_REGISTER_LAST", 1, true],
      ["IORING_REGISTER_USE_REGISTERED_RING", 0x80000000],
    ]);
    expect([...enumSentinels(e)]).toEqual(["IORING_REGISTER_LAST"]);
  });

  it("takes a private last member and a *_LAST alias of the member before it", () => {
    const wg = enumOf([
      ["WGDEVICE_F_REPLACE_PEERS", 1],
      ["__WGDEVICE_F_ALL", 1],
    ]);
    expect([...enumSentinels(wg)]).toEqual(["__WGDEVICE_F_ALL"]);
    const ts = enumOf([
      ["SOF_TIMESTAMPING_TX_HARDWARE", 1],
      ["SOF_TIMESTAMPING_OPT_RX_FILTER", 0x20000],
      ["SOF_TIMESTAMPING_LAST", 0x20000],
    ]);
    expect([...enumSentinels(ts)]).toEqual(["SOF_TIMESTAMPING_LAST"]);
    // A private name in the middle is no sentinel.
    expect([
      ...enumSentinels(
        enumOf([
          ["__A", 0],
          ["B", 1, true],
        ]),
      ),
    ]).toEqual([]);
  });

  it("never takes a name alone: a _SIZE member, or a count in the middle", () => {
    expect([
      ...enumSentinels(
        enumOf([
          ["A", 0],
          ["FOO_BUF_SIZE", 1, true],
        ]),
      ),
    ]).toEqual([]);
    const middle = enumOf([
      ["A_NR", 4],
      ["B", 5],
      ["C", 6, true],
    ]);
    expect([...enumSentinels(middle)]).toEqual([]);
  });

  it("takes a macro defined from a sentinel or another count", () => {
    expect(macroSentinel("IFLA_MAX", "(__IFLA_MAX - 1)", new Set(["__IFLA_MAX"]))).toBe(true);
    expect(macroSentinel("SW_CNT", "(SW_MAX+1)", new Set())).toBe(true);
    expect(macroSentinel("FOO_MAX", "16", new Set())).toBe(false);
    expect(macroSentinel("FOO_SIZE", "(FOO_MAX + 1)", new Set())).toBe(false);
  });
});

describe("value-change classes", () => {
  it("versions, masks, reserved bits, limits and counts", () => {
    expect(classifyValueChange("TASKSTATS_VERSION", 13, 17)?.severity).toBe("info");
    expect(classifyValueChange("AUTOFS_PROTO_SUBVERSION", 5, 6)?.severity).toBe("info");
    expect(classifyValueChange("MOVE_MOUNT__MASK", 0x177, 0x377)?.severity).toBe("info");
    // A mask that lost bits is what code tests values against: review (FUTEX_CMD_MASK).
    expect(classifyValueChange("MOVE_MOUNT__MASK", 0x377, 0x177)?.severity).toBe("warning");
    expect(classifyValueChange("MSM_BO_FLAGS", 0xf0003, 0xf0007)?.severity).toBe("info");
    expect(classifyValueChange("BTRFS_DEFRAG_RANGE_FLAGS_SUPP", 3, 0xf)?.severity).toBe("info");
    expect(classifyValueChange("NFSEXP_ALLFLAGS", 0x3feff, 0x3ffff)?.severity).toBe("info");
    expect(classifyValueChange("UFFD_API_FEATURES", 0x1fff, 0x1ffff)?.severity).toBe("info");
    expect(classifyValueChange("UFFD_API_RANGE_IOCTLS_BASIC", 0xcc, 0x1cc)?.severity).toBe("info");
    // ALLOC is not ALL: a plain flag value that moved is a break.
    expect(classifyValueChange("IOMMU_HWPT_ALLOC_DIRTY_TRACKING", 2, 0x10)).toBeUndefined();
    expect(classifyValueChange("HSA_CAP_RESERVED", 0xe00f8000, 0xf8000)?.severity).toBe("info");
    expect(classifyValueChange("TEE_MAX_ARG_SIZE", 0x400, 0x1000)?.severity).toBe("warning");
    expect(classifyValueChange("TEE_MAX_ARG_SIZE", 0x1000, 0x400)).toBeUndefined();
    expect(classifyValueChange("NSIGSEGV", 9, 10)?.severity).toBe("warning");
    expect(classifyValueChange("XDP_STATISTICS", 7, 10)).toBeUndefined();
  });
});

describe("uapi-lint-extensible", () => {
  it("applies to the struct that follows, or the one it names", () => {
    const text = [
      "/* uapi-lint-extensible -- clone3() takes the size */",
      "",
      "/** kernel-doc of the struct */",
      "struct clone_args {",
      "\t__u64 flags;",
      "};",
      "// uapi-lint-extensible open_how -- openat2() takes the size",
    ].join("\n");
    const parsed = parseExtensibleAnnotations("x.h", text);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.annotations).toEqual([
      { struct: "clone_args", reason: "clone3() takes the size" },
      { struct: "open_how", reason: "openat2() takes the size" },
    ]);
  });

  it("needs a reason and a struct, and says where", () => {
    const parsed = parseExtensibleAnnotations(
      "x.h",
      "/* uapi-lint-extensible */\nstruct a {};\n/* uapi-lint-extensible -- why */\nint x;\n",
    );
    expect(parsed.annotations).toEqual([]);
    expect(parsed.diagnostics.map((d) => [d.loc!.range.start.line, d.code])).toEqual([
      [0, "lint/annotation"],
      [2, "lint/annotation"],
    ]);
  });
});

describe("headers_install", () => {
  it("rewrites as the kernel's script does, every line in place", () => {
    const src = [
      "#ifndef _UAPI_LINUX_X_H",
      "#define _UAPI_LINUX_X_H",
      "#include <linux/compiler.h>",
      "#ifdef __KERNEL__",
      "int kernel_only;",
      "#else",
      "int user_only;",
      "#endif",
      "#if defined(__KERNEL__) && defined(CONFIG_X)",
      "int also_kernel;",
      "#endif",
      "struct s { void __user *p; } __packed;",
      "static inline int f(void) { return 0; }",
      "#endif /* _UAPI_LINUX_X_H */",
    ].join("\n");
    const out = headersInstall(src).split("\n");
    expect(out).toHaveLength(14);
    expect(out[0]).toBe("#ifndef _LINUX_X_H");
    expect(out[2]).toBe("");
    expect(out.slice(3, 11).filter(Boolean)).toEqual(["int user_only;"]);
    expect(out[11]).toBe("struct s { void  *p; } __attribute__((packed));");
    expect(out[12]).toBe("static __inline__ int f(void) { return 0; }");
    expect(out[13]).toBe("#endif /* _LINUX_X_H */");
  });
});

describe("definitions", () => {
  it("marks what changed and what is defined from it", () => {
    const before = definitionsOf(
      "struct a { int x; };\nstruct b { struct a a; };\n#define N 4\ntypedef struct b b_t;\nenum { E1, E2 };",
    );
    const after = definitionsOf(
      "struct a { long x; };\nstruct b { struct a a; };\n#define N 4\ntypedef struct b b_t;\nenum { E1, E2 };",
    );
    const changed = changedNames(before, after);
    expect([...changed].sort()).toEqual(["b_t", "struct a", "struct b"]);
  });
});
