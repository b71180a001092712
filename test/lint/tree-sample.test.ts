/**
 * A reviewed sample of the error findings on the kernel's own headers (Linux 7.2 `linux/*.h`,
 * `npm run corpus:lint` for the whole tree): for each rule that reports errors there, findings
 * read against the header, each with the uAPI rule it breaks and why. The headers are small
 * ones, so that the sample costs a few seconds; on them, no rule fails and every finding has a
 * position.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { lintHeaders, type HeaderFindings } from "../../src/corpus/lint-tree.js";
import { treeOf } from "../../src/corpus/tree.js";
import { corpusHeaders } from "../../src/util/corpus.js";

interface Reviewed {
  readonly header: string;
  readonly rule: string;
  /** `item` or `item.field`, as the finding names it. */
  readonly path: string;
  /** The uAPI rule (numbered as in docs/rules) and why it is broken. */
  readonly why: string;
}

const REVIEWED: readonly Reviewed[] = [
  // consistent-layout
  {
    header: "hpet.h",
    rule: "consistent-layout",
    path: "hpet_info",
    why: "I5: two unsigned long fields make it 24 bytes on 64-bit ABIs and 12 on 32-bit ones",
  },
  {
    header: "ipmi_ssif_bmc.h",
    rule: "consistent-layout",
    path: "ipmi_ssif_msg",
    why: "I9: unsigned int then __u8[254]: m68k aligns the int to 2, so 258 bytes there, 260 elsewhere",
  },
  // fixed-width-types
  {
    header: "if_plip.h",
    rule: "fixed-width-types",
    path: "plipconf.nibble",
    why: "I5: unsigned long changes width with the ABI",
  },
  {
    header: "ipmi_ssif_bmc.h",
    rule: "fixed-width-types",
    path: "ipmi_ssif_msg.len",
    why: "B1: the native unsigned int instead of __u32",
  },
  {
    header: "blkpg.h",
    rule: "fixed-width-types",
    path: "blkpg_ioctl_arg.data",
    why: "I6: a void * in an ioctl argument: 4 or 8 bytes, and a compat layer to convert it",
  },
  {
    header: "qrtr.h",
    rule: "fixed-width-types",
    path: "sockaddr_qrtr.sq_family",
    why: "B1: __kernel_sa_family_t is a typedef, not a <linux/types.h> fixed-width type",
  },
  // no-implicit-hole
  {
    header: "qrtr.h",
    rule: "no-implicit-hole",
    path: "sockaddr_qrtr.sq_node",
    why: "B2: a 2-byte family then a __u32: 2 padding bytes the compiler inserts (not on m68k)",
  },
  {
    header: "blkpg.h",
    rule: "no-implicit-hole",
    path: "blkpg_ioctl_arg.data",
    why: "B2/I7: three ints then a pointer: 4 bytes of padding on 64-bit ABIs only",
  },
  // no-implicit-tail-padding
  {
    header: "hpet.h",
    rule: "no-implicit-tail-padding",
    path: "hpet_info",
    why: "B3/I13: two unsigned shorts after two longs leave 4 undeclared bytes at the end on 64-bit ABIs",
  },
  // size-multiple-of-8
  {
    header: "gen_stats.h",
    rule: "size-multiple-of-8",
    path: "gnet_stats_basic",
    why: "B3: __u64 then __u32 is 12 bytes on i386, m68k and sh4, 16 elsewhere",
  },
  {
    header: "blkpg.h",
    rule: "size-multiple-of-8",
    path: "blkpg_partition",
    why: "B3: two long long, an int and two char[64]: 148 bytes on i386, m68k and sh4",
  },
  // aligned-u64
  {
    header: "f2fs.h",
    rule: "aligned-u64",
    path: "f2fs_gc_range.start",
    why: "I7: a __u64 after a __u32 is at offset 4 on i386, m68k and sh4, 8 elsewhere",
  },
  {
    header: "sev-guest.h",
    rule: "aligned-u64",
    path: "snp_guest_request_ioctl.req_data",
    why: "I7/I9: a __u64 after a __u8: offset 8, 4 on i386 and sh4, 2 on m68k",
  },
  // enum-explicit-values (errors in C: only values beyond 32 bits)
  {
    header: "perf_event.h",
    rule: "enum-explicit-values",
    path: "perf_callchain_context.PERF_CONTEXT_HV",
    why: "I10/B9: (__u64)-32 as an enumerator does not fit int: the enum becomes a 64-bit type by a compiler extension, so a __u32 field cannot carry it",
  },
  // ioctl-unique-number
  {
    header: "fsi.h",
    rule: "ioctl-unique-number",
    path: "FSI_SBEFIFO_CMD_TIMEOUT_SECONDS",
    why: "I1: the SBEFIFO driver reuses 's' 0x01 of FSI_SCOM_READ (another driver, another argument)",
  },
  {
    header: "rtc.h",
    rule: "ioctl-unique-number",
    path: "RTC_VL_CLR",
    why: "I1: _IO('p', 0x14) and RTC_PARAM_SET's _IOW('p', 0x14, struct rtc_param) are two commands on one number",
  },
];

describe("reviewed error findings on the Linux 7.2 tree", () => {
  const results = new Map<string, HeaderFindings>();
  const resultOf = (header: string) => results.get(header)!;
  beforeAll(async () => {
    // Every sampled header in one batch: one compiler run per ABI for all of them.
    const headers = [...new Set(REVIEWED.map((s) => s.header))];
    const found = await lintHeaders(
      headers.map((h) => join(corpusHeaders("7.2"), "linux", h)),
      treeOf("7.2").sysroot,
    );
    headers.forEach((h, i) => results.set(h, found[i]!));
  }, 120_000);

  for (const s of REVIEWED)
    it(`${s.header}: ${s.rule} at ${s.path} (${s.why})`, () => {
      const found = resultOf(s.header).findings.filter(
        (f) => f.code === s.rule && f.path === s.path && f.severity === "error",
      );
      expect(
        found.length,
        JSON.stringify(resultOf(s.header).findings.filter((f) => f.code === s.rule)),
      ).toBeGreaterThan(0);
    });

  it("every rule with errors on the tree (the table in docs/lint.md) has a reviewed sample", () => {
    // The table `npm run corpus:lint -- --write` records: rule, severity, findings, headers.
    const docs = readFileSync(join(__dirname, "../../docs/lint.md"), "utf8");
    const table = docs.slice(
      docs.indexOf("<!-- corpus-lint:begin"),
      docs.indexOf("<!-- corpus-lint:end"),
    );
    const withErrors = [...table.matchAll(/^\| `([a-z0-9-]+)` \| error \| (\d+) \|/gm)]
      .filter((m) => Number(m[2]) > 0)
      .map((m) => m[1]!);
    expect(withErrors.length).toBeGreaterThan(0);
    // On the whole tree, as recorded: no rule failed, every finding had a position.
    expect(table).toContain("Findings without a position: 0.");
    expect(table).toContain("Internal errors (`lint/internal`): 0.");
    expect([...new Set(REVIEWED.map((s) => s.rule))].sort()).toEqual(withErrors.sort());
  });

  it("no rule fails and every finding has a position on the sampled headers", () => {
    for (const header of new Set(REVIEWED.map((s) => s.header))) {
      const { findings } = resultOf(header);
      expect(findings.filter((f) => f.code === "lint/internal")).toEqual([]);
      expect(findings.filter((f) => !f.at)).toEqual([]);
    }
  });
});
