/**
 * `uapi-gen sim compare`: every design on every contract case, judged by the contract
 * checker, as a table of properties plus the findings behind each ✗.
 */
import { checkContract, type Verdict } from "./contract.js";
import { caseSystem, CONTRACT_CASES, type ContractCase } from "./cases.js";
import { DESIGNS, type Design, type Report } from "./designs.js";

export interface CaseRun {
  readonly design: Design["id"];
  readonly case: ContractCase["id"];
  readonly report: Report;
  readonly executed: readonly boolean[];
  readonly verdict: Verdict;
}

export function runCase(design: Design, c: ContractCase): CaseRun {
  const { k, viommu } = caseSystem();
  const log = { converted: 0, executed: [] as boolean[], issued: [] as boolean[] };
  k.vsmmuLog = log;
  c.arm?.(k);
  const report = design.submit(k, viommu, c.commands);
  const executed = c.commands.map((_, i) => log.executed[i] === true);
  return {
    design: design.id,
    case: c.id,
    report,
    executed,
    verdict: checkContract(report, c.commands.length, executed, c.expectedCode),
  };
}

export interface CompareRow {
  readonly design: Design["id"];
  readonly title: string;
  readonly prefix: boolean;
  readonly code: boolean;
  readonly bounded: boolean;
  readonly zeroIsUnambiguous: boolean;
  readonly anyArraySize: boolean;
  readonly linearArray: boolean;
  /** Case id → problems, for the cases that broke a property. */
  readonly failures: Readonly<Record<string, readonly string[]>>;
}

export interface Comparison {
  readonly rows: readonly CompareRow[];
  readonly runs: readonly CaseRun[];
  /** The SMMUv3 conversion-path finding, stated from the run that shows it. */
  readonly smmuv3Finding: string;
  /** Host-side failures no design reports (kept out of the table). */
  readonly hostFinding: string;
}

export function compareDesigns(): Comparison {
  const hostSide = new Set(CONTRACT_CASES.filter((x) => x.hostSide).map((x) => x.id));
  const runs = DESIGNS.flatMap((d) => CONTRACT_CASES.map((c) => runCase(d, c)));
  const rows = DESIGNS.map((d): CompareRow => {
    const mine = runs.filter((r) => r.design === d.id && !hostSide.has(r.case));
    const failures: Record<string, readonly string[]> = {};
    for (const r of mine) if (r.verdict.problems.length) failures[r.case] = r.verdict.problems;
    return {
      design: d.id,
      title: d.title,
      prefix: mine.every((r) => r.verdict.prefix),
      code: mine.every((r) => r.verdict.code !== false),
      bounded: mine.every((r) => r.verdict.bounded),
      zeroIsUnambiguous: d.zeroIsUnambiguous,
      anyArraySize: d.anyArraySize,
      linearArray: d.linearArray,
      failures,
    };
  });
  const late = runs.find((r) => r.design === "a" && r.case === "eio-late")!;
  const issued = late.executed.filter(Boolean).length;
  const smmuv3Finding =
    `SMMUv3 conversion path (iommufd-uapi.md §3.3): with 110 entries and an unsupported command at index 100, ` +
    `the merged kernel returns ${late.report.errno} with entry_num = ${late.report.blamed}; the hardware executed ${issued} entries ` +
    `(0–${issued - 1}), entries ${issued}–99 were converted but never issued, yet entry_num counts them as handled. ` +
    `Contract: ${late.verdict.prefix ? "sound" : "UNSOUND"}.`;
  const swallowed = runs
    .filter((r) => hostSide.has(r.case) && r.verdict.problems.length > 0)
    .map((r) => r.design);
  const hostFinding =
    `host-side CERROR_ILL (${CONTRACT_CASES.filter((x) => x.hostSide)
      .map((x) => x.id)
      .join(", ")}): the kernel does not vet SSec or RES0 fields, ` +
    `the physical SMMU raises CERROR_ILL and skip_err turns the command into a CMD_SYNC, so the ioctl succeeds; ` +
    `designs that lose it: ${swallowed.length ? swallowed.join(", ") : "none"}.`;
  return { rows, runs, smmuv3Finding, hostFinding };
}

const mark = (b: boolean): string => (b ? "yes" : "NO");

export function formatComparison(c: Comparison): string {
  const head = [
    "design",
    "prefix sound",
    "code to guest",
    "out <= in",
    "0 unambiguous",
    "any size",
    "linear array",
  ];
  const body = c.rows.map((r) => [
    r.title,
    mark(r.prefix),
    mark(r.code),
    mark(r.bounded),
    mark(r.zeroIsUnambiguous),
    mark(r.anyArraySize),
    mark(r.linearArray),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]): string =>
    cells
      .map((s, i) => s.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  const out = [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line), ""];
  out.push(
    `cases: ${CONTRACT_CASES.filter((x) => !x.hostSide)
      .map((x) => `${x.id} (${x.title})`)
      .join("; ")}`,
    "",
  );
  out.push(`FINDING: ${c.smmuv3Finding}`, `FINDING: ${c.hostFinding}`, "");
  for (const r of c.rows) {
    for (const [id, problems] of Object.entries(r.failures))
      out.push(`${r.title} / ${id}: ${problems.join("; ")}`);
  }
  return out.join("\n");
}
