/**
 * The round-trip harness of a header: a C program that, for every struct of the module in
 * order, prints `<kind> <name> <sizeof> <alignof>`, reads sizeof bytes from stdin (values the
 * TypeScript codec encoded) and prints every field canonically (`path=value`, logical values,
 * anonymous union members as direct members), then zeroes the struct, fills it from the seed
 * (the first 8 bytes of stdin) and prints its bytes (`bytes <name> <hex>`). `uapi-gen conform`
 * cross-compiles it (statically, dynamically or freestanding, as the ABI needs) and runs it
 * under qemu-user, and natively with ASan/UBSan. It uses no C library beyond what
 * `uapi-gen/harness.h` wraps, so the same file builds without one.
 */
import { scalarLayout } from "../../src/layout/layout.js";
import type { Model, ModuleIR, StructItem, TypeKind, TypeRef } from "../../src/model/ir.js";
import { getAbi } from "../../src/abi/abis.js";
import {
  provenance,
  type GeneratedFile,
  type Generator,
  type GeneratorContext,
} from "../shared/generated-file.js";
import { Printer } from "../shared/printer.js";
import { HARNESS_HELPERS } from "./helpers.js";
import { SCALAR_IO, scalarCategory } from "./scalars.js";

export function harnessPath(module: ModuleIR): string {
  return `c/harness/${module.name}.harness.c`;
}

/** The path being printed is built in `b` by uh_fmt (%s and %d) from a format and its arguments. */
interface Path {
  readonly fmt: string;
  readonly args: readonly string[];
}

type Emit<K extends TypeKind> = (
  out: Printer,
  type: Extract<TypeRef, { kind: K }>,
  lv: string,
  path: Path,
  depth: number,
) => void;

const formatPath = (p: Path) =>
  `uh_fmt(b, sizeof b, "${p.fmt}"${p.args.map((a) => `, ${a}`).join("")});`;
// Endian types have a fixed size; any ABI gives it.
const fixedSize = (t: Extract<TypeRef, { kind: "scalar" }>) =>
  scalarLayout(t.name, getAbi("x86_64")).size;

function loop(out: Printer, length: number, depth: number, body: (i: string) => void): void {
  const i = `i${depth}`;
  out.block(
    "{",
    () => {
      out.line(`int ${i};`).blank();
      out.block(`for (${i} = 0; ${i} < ${length}; ${i}++) {`, () => body(i), "}");
    },
    "}",
  );
}

const PRINT: { [K in TypeKind]: Emit<K> } = {
  scalar: (out, t, lv, path) => {
    out.line(formatPath(path));
    out.line(SCALAR_IO[scalarCategory(t.name)].print(lv, fixedSize(t)));
  },
  array: (out, t, lv, path, depth) =>
    loop(out, t.length, depth, (i) =>
      emitPrint(
        out,
        t.element,
        `${lv}[${i}]`,
        { fmt: `${path.fmt}[%d]`, args: [...path.args, i] },
        depth + 1,
      ),
    ),
  named: (out, t, lv, path) => {
    out.line(formatPath(path));
    out.line(`print_${t.name}(&${lv}, b);`);
  },
  anonUnion: () => {
    throw new Error("anonymous unions are printed member by member");
  },
};

const FILL: { [K in TypeKind]: Emit<K> } = {
  scalar: (out, t, lv) => void out.line(SCALAR_IO[scalarCategory(t.name)].fill(lv, fixedSize(t))),
  array: (out, t, lv, path, depth) =>
    loop(out, t.length, depth, (i) => emitFill(out, t.element, `${lv}[${i}]`, path, depth + 1)),
  named: (out, t, lv) => void out.line(`fill_${t.name}(&${lv}, st);`),
  anonUnion: () => {
    throw new Error("anonymous unions are filled through their first member");
  },
};

function emitPrint(out: Printer, t: TypeRef, lv: string, path: Path, depth: number): void {
  (PRINT[t.kind] as Emit<TypeKind>)(out, t as never, lv, path, depth);
}

function emitFill(out: Printer, t: TypeRef, lv: string, path: Path, depth: number): void {
  (FILL[t.kind] as Emit<TypeKind>)(out, t as never, lv, path, depth);
}

/** Fields as C sees them: anonymous union members are members of the enclosing struct. */
type Leaf = { readonly name: string; readonly type: TypeRef };

function printableFields(fields: StructItem["fields"]): Leaf[] {
  return fields.flatMap((f) =>
    f.type.kind === "anonUnion" ? printableFields(f.type.members) : [f],
  );
}

/**
 * Fill writes one member per union (the first, recursively): writing several would leave only
 * the last one's bytes, and both sides must agree on which bytes those are.
 */
function fillableFields(item: StructItem): Leaf[] {
  const first = (fs: StructItem["fields"]): Leaf[] =>
    fs.flatMap((f) => (f.type.kind === "anonUnion" ? first(f.type.members.slice(0, 1)) : [f]));
  return first(item.kind === "union" ? item.fields.slice(0, 1) : item.fields);
}

function emitStruct(out: Printer, item: StructItem): void {
  const tag = `${item.kind} ${item.name}`;
  // Guarded, so harnesses of modules that share a struct can be built as one program.
  const guard = `UH_HAVE_${item.name}`;
  out.line(`#ifndef ${guard}`).line(`#define ${guard}`);
  out.line(`static void print_${item.name}(const ${tag} *s, const char *p)`);
  out.block(
    "{",
    () => {
      out.line("char b[512];").blank();
      // uh_fmt truncates at the size of b (it is no printf: -Wformat-truncation has nothing
      // to assume about a struct nested in a union's struct member).
      for (const f of printableFields(item.fields))
        emitPrint(out, f.type, `s->${f.name}`, { fmt: `%s.${f.name}`, args: ["p"] }, 0);
    },
    "}",
  );
  out.blank();
  out.line(`static void fill_${item.name}(${tag} *s, uint64_t *st)`);
  out.block(
    "{",
    () => {
      for (const f of fillableFields(item))
        emitFill(out, f.type, `s->${f.name}`, { fmt: "", args: [] }, 0);
    },
    "}",
  );
  out.line(`#endif`).blank();
}

/** Structs used by the module's structs, in dependency order (used before user). */
function reachable(module: ModuleIR, model: Model): StructItem[] {
  const order: StructItem[] = [];
  const seen = new Set<string>();
  const visitType = (t: TypeRef): void => {
    if (t.kind === "named") visit(t.name);
    else if (t.kind === "array") visitType(t.element);
    else if (t.kind === "anonUnion") t.members.forEach((m) => visitType(m.type));
  };
  const visit = (name: string): void => {
    const item = model.items.get(name);
    if (seen.has(name) || !item || (item.kind !== "struct" && item.kind !== "union")) return;
    seen.add(name);
    item.fields.forEach((f) => visitType(f.type));
    order.push(item);
  };
  for (const i of module.items) visit(i.name);
  return order;
}

export function renderHarness(module: ModuleIR, ctx: GeneratorContext): string {
  const out = new Printer("\t");
  out.line("/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */");
  out.comment([
    `Round-trip harness of <linux/${module.name}.h>, run by \`uapi-gen conform\` on each ABI.`,
    "",
    "Reads an 8-byte little-endian fill seed from stdin. Then for every struct: prints `<kind> <name> <sizeof> <alignof>`, reads sizeof bytes from stdin and prints each field as `path=value` (hex), then fills the struct from the seed (splitmix64, one draw per scalar) and prints `bytes <name> <hex>`.",
    "",
    provenance(module, ctx),
  ]);
  out.line(`#include <${HARNESS_HEADER}>`).line(`#include <linux/${module.name}.h>`).blank();
  const structs = reachable(module, ctx.model);
  for (const item of structs) emitStruct(out, item);
  const own = structs.filter((s) => s.module === module.file);
  out.line("int main(void)");
  out.block(
    "{",
    () => {
      out.line("uint64_t st = uh_seed();").blank();
      for (const item of own) {
        const tag = `${item.kind} ${item.name}`;
        out.block(
          "{",
          () => {
            out.line(`${tag} v;`).blank();
            out.line(`uh_head("${tag}", sizeof(v), _Alignof(${tag}));`);
            out.line(`if (!uh_read(&v, sizeof(v)))`);
            out.indented(() => out.line(`return uh_error("short input for ", "${tag}");`));
            out.line(`print_${item.name}(&v, "${item.name}");`);
            out.line("uh_zero(&v, sizeof(v));");
            out.line(`fill_${item.name}(&v, &st);`);
            out.line(`uh_hex("${item.name}", &v, sizeof(v));`);
          },
          "}",
        );
      }
      out.line("return uh_done();");
    },
    "}",
  );
  return out.toString();
}

/** Where the harnesses find their shared helpers: `-I out/c` resolves it. */
export const HARNESS_HEADER = "uapi-gen/harness.h";

/** The helpers every harness shares: splitmix64, byte-order access, canonical printing. */
export function renderHarnessHeader(): string {
  const out = new Printer("\t");
  out.comment([
    "Helpers shared by the round-trip harnesses of `uapi-gen conform`: the PRNG the TypeScript side also draws from, byte-order access, and canonical printing, over stdio or, with UAPI_GEN_FREESTANDING, raw system calls (no C library). Include it first.",
    "",
    "Generated by uapi-gen: do not edit; regenerate with `uapi-gen generate`.",
  ]);
  out.line("#ifndef _UAPI_GEN_HARNESS_H").line("#define _UAPI_GEN_HARNESS_H").blank();
  for (const l of HARNESS_HELPERS) out.line(l);
  out.blank().line("#endif");
  return out.toString();
}

export const cHarnessGenerator: Generator = {
  name: "c-harness",
  shared: () => [{ path: `c/${HARNESS_HEADER}`, content: renderHarnessHeader() }],
  generate(module, ctx): GeneratedFile[] {
    if (!module.items.some((i) => i.kind === "struct" || i.kind === "union")) return [];
    return [{ path: harnessPath(module), content: renderHarness(module, ctx) }];
  },
};
