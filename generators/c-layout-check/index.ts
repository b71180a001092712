/**
 * The layout self-check of a header: a C file asserting, at compile time, the sizeof,
 * alignment and offsetof of every struct and field as the IR computes them for the ABI named
 * by `-DUAPI_GEN_ABI_<abi>`. Values that agree on every ABI are asserted once; the others in
 * `#if` blocks per group of ABIs. The conformance run compiles it with each target's compiler.
 */
import { ABIS } from "../../src/abi/abis.js";
import type { ModuleIR, StructItem } from "../../src/model/ir.js";
import type { FieldLayout } from "../../src/layout/layout.js";
import { headerPath } from "../c-header/index.js";
import {
  provenance,
  type GeneratedFile,
  type Generator,
  type GeneratorContext,
} from "../shared/generated-file.js";
import { Printer } from "../shared/printer.js";
import { STATIC_ASSERT_PRELUDE } from "./static-assert.js";

interface Check {
  readonly expr: string;
  readonly what: string;
  /** Expected value per ABI, in the order of ABIS (an array: a wide struct has many checks). */
  readonly expected: readonly number[];
  readonly alignment: boolean;
}

export const abiMacro = (abi: string): string => `UAPI_GEN_ABI_${abi}`;

export function layoutCheckPath(module: ModuleIR): string {
  return `c/checks/${module.name}.layout.c`;
}

/** The named leaves of a layout, anonymous members opened (a loop: flatMap allocates per field). */
function flatten(fields: readonly FieldLayout[], out: FieldLayout[] = []): FieldLayout[] {
  for (const f of fields) {
    if (f.members) flatten(f.members, out);
    else out.push(f);
  }
  return out;
}

function structChecks(item: StructItem, ctx: GeneratorContext): Check[] {
  const per = ABIS.map((abi) => ({ abi: abi.name, layout: ctx.layouts.of(item, abi) }));
  const tag = `${item.kind} ${item.name}`;
  const of = (get: (l: (typeof per)[number]["layout"]) => number) => per.map((p) => get(p.layout));
  const checks: Check[] = [
    {
      expr: `sizeof(${tag})`,
      what: `sizeof(${tag})`,
      expected: of((l) => l.size),
      alignment: false,
    },
    {
      expr: `UAPI_GEN_ALIGNOF(${tag})`,
      what: `alignof(${tag})`,
      expected: of((l) => l.align),
      alignment: true,
    },
  ];
  // Each ABI's fields, opened once; by position when every ABI has the same names in the same
  // order (the usual case), else by name. Either way linear in the fields.
  const leaves = per.map((p) => flatten(p.layout.fields));
  const first = leaves[0]!;
  const sameOrder = leaves.every(
    (l) => l.length === first.length && l.every((f, i) => f.name === first[i]!.name),
  );
  const byName = sameOrder ? [] : leaves.map((l) => new Map(l.map((f) => [f.name, f])));
  first.forEach(({ name }, i) => {
    const fields = sameOrder ? leaves.map((l) => l[i]!) : byName.map((m) => m.get(name)!);
    checks.push({
      expr: `__builtin_offsetof(${tag}, ${name})`,
      what: `offsetof(${tag}, ${name})`,
      expected: fields.map((f) => f.offset),
      alignment: false,
    });
    checks.push({
      expr: `sizeof(((${tag} *)0)->${name})`,
      what: `sizeof(${tag}.${name})`,
      expected: fields.map((f) => f.size),
      alignment: false,
    });
  });
  return checks;
}

function printCheck(out: Printer, c: Check, value: number): void {
  const line = `UAPI_GEN_SA(${c.expr} == ${value}, "${c.what} == ${value}");`;
  if (c.alignment) out.line("#ifdef UAPI_GEN_ALIGNOF").line(line).line("#endif");
  else out.line(line);
}

export function renderLayoutCheck(module: ModuleIR, ctx: GeneratorContext): string {
  const out = new Printer("\t");
  out.line("/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */");
  out.comment([
    `Layout self-check of <linux/${module.name}.h>: every size, alignment and offset the definitions give, per ABI.`,
    "",
    "Compile it for one ABI with that target's compiler, e.g.",
    `  clang-19 --target=x86_64-linux-gnu -fsyntax-only -nostdinc -ffreestanding -I out/c/prelude -I out/c -D${abiMacro("x86_64")} out/${layoutCheckPath(module)}`,
    "",
    provenance(module, ctx),
  ]);
  out.line(`#include <linux/${module.name}.h>`).line(`#include <${CHECK_HEADER}>`);
  for (const item of module.items) {
    if (item.kind !== "struct" && item.kind !== "union") continue;
    out.blank().line(`/* ${item.kind} ${item.name} */`);
    const varying: Check[] = [];
    for (const c of structChecks(item, ctx)) {
      const first = c.expected[0]!;
      if (c.expected.every((v) => v === first)) printCheck(out, c, first);
      else varying.push(c);
    }
    for (const c of varying) {
      const groups = new Map<number, string[]>();
      c.expected.forEach((v, i) => {
        const abis = groups.get(v);
        if (abis) abis.push(ABIS[i]!.name);
        else groups.set(v, [ABIS[i]!.name]);
      });
      for (const [value, abis] of groups) {
        out.line(`#if ${abis.map((a) => `defined(${abiMacro(a)})`).join(" || ")}`);
        printCheck(out, c, value);
        out.line("#endif");
      }
    }
  }
  return out.toString();
}

/** Where the layout checks find their assertion macros: `-I out/c` resolves it. */
export const CHECK_HEADER = "uapi-gen/layout-check.h";

/** The assertion macros and the ABI guard every layout check shares. */
export function renderCheckHeader(): string {
  const out = new Printer("\t");
  out.comment([
    "Shared by every layout self-check: a static assertion and an alignof for C90, C11, C++98 and C++11, and the guard that an ABI was named.",
    "",
    "Generated by uapi-gen from its ABI table: do not edit; regenerate with `uapi-gen generate`.",
  ]);
  out.line("#ifndef _UAPI_GEN_LAYOUT_CHECK_H").line("#define _UAPI_GEN_LAYOUT_CHECK_H").blank();
  for (const l of STATIC_ASSERT_PRELUDE) out.line(l);
  out.blank();
  out.line(`#if ${ABIS.map((a) => `!defined(${abiMacro(a.name)})`).join(" && \\\n\t")}`);
  out.line(
    `#error "define UAPI_GEN_ABI_<abi> for the ABI under test: ${ABIS.map((a) => a.name).join(", ")}"`,
  );
  out.line("#endif").blank().line("#endif");
  return out.toString();
}

export const cLayoutCheckGenerator: Generator = {
  name: "c-layout-check",
  shared: () => [{ path: `c/${CHECK_HEADER}`, content: renderCheckHeader() }],
  generate(module, ctx): GeneratedFile[] {
    if (!module.items.some((i) => i.kind === "struct" || i.kind === "union")) return [];
    return [{ path: layoutCheckPath(module), content: renderLayoutCheck(module, ctx) }];
  },
};

export { headerPath };
