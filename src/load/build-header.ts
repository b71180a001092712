/**
 * The module level of the IR: each module's `header(...)` (its C header name, doc, SPDX
 * licence and extra includes), checked so that nothing it gives can break out of the C it
 * lands in, and no two modules write the same header.
 */
import { basename } from "node:path";
import type { SourceLoc } from "../diagnostics/diagnostic.js";
import type { Item, ModuleIR } from "../model/ir.js";
import { shownName } from "./c-names.js";
import { dslSpec, isObj, type Obj, type SpecReader } from "./spec-reader.js";

export const DEFAULT_SPDX = "GPL-2.0 WITH Linux-syscall-note";

/** `iommufd` for `linux/iommufd.h` and the `_UAPI_IOMMUFD_H` guard. */
const HEADER_NAME = /^[a-z0-9_]+$/;

/** Two modules of one name would write the same `linux/<name>.h`. */
export function checkHeaderNames(read: SpecReader, modules: readonly ModuleIR[]): void {
  const seen = new Map<string, ModuleIR>();
  for (const m of modules) {
    const first = seen.get(m.name);
    if (!first) {
      seen.set(m.name, m);
      continue;
    }
    read.error(
      m.loc ?? fileStart(m.file),
      "header.name",
      `${basename(first.file)} and ${basename(m.file)} both generate linux/${m.name}.h`,
      "give one of them another name with header({ name: ... })",
      "defs/duplicate",
    );
  }
}

function fileStart(file: string): SourceLoc {
  const start = { line: 0, character: 0 };
  return { file, range: { start, end: start } };
}

/** `linux/iommufd.h`: path segments of letters, digits, `_`, `-`, `+` and inner dots. */
const INCLUDE = /^[A-Za-z0-9_][A-Za-z0-9_+.-]*(\/[A-Za-z0-9_][A-Za-z0-9_+.-]*)*$/;
/** An SPDX expression: identifiers, `WITH`, `AND`, `OR` and parentheses. */
const SPDX = /^[A-Za-z0-9_.+()-]+( [A-Za-z0-9_.+()-]+)*$/;

function readIncludes(read: SpecReader, spec: Obj): string[] {
  const v = spec.includes;
  if (v === undefined) return [];
  const where = read.map.ofProperty(spec, "includes", "value");
  if (!Array.isArray(v)) {
    read.error(where, "header.includes", "`includes` is a list of header paths");
    return [];
  }
  const out: string[] = [];
  v.forEach((inc: unknown, i) => {
    if (typeof inc === "string" && INCLUDE.test(inc)) out.push(inc);
    else
      read.error(
        where,
        `header.includes[${i}]`,
        `${typeof inc === "string" ? `"${shownName(inc)}"` : "this entry"} is not a header path such as "linux/types.h"`,
      );
  });
  return out;
}

function readSpdx(read: SpecReader, spec: Obj): string {
  const spdx = read.string(spec, "spdx", "header", false);
  if (spdx === undefined) return DEFAULT_SPDX;
  if (SPDX.test(spdx)) return spdx;
  read.error(
    read.map.ofProperty(spec, "spdx", "value"),
    "header.spdx",
    `"${shownName(spdx)}" is not an SPDX licence expression`,
    `e.g. "${DEFAULT_SPDX}"`,
  );
  return DEFAULT_SPDX;
}

export function buildModule(
  read: SpecReader,
  file: string,
  header: object | undefined,
  items: Item[],
): ModuleIR {
  const spec = header ? dslSpec(header) : undefined;
  const fallback = basename(file).replace(/\.[cm]?ts$/, "");
  if (header && !isObj(spec))
    read.error(read.map.of(header), "header", "header(...) takes an object");
  if (!isObj(spec)) {
    if (items.length && !HEADER_NAME.test(fallback))
      read.error(
        fileStart(file),
        "header.name",
        `the header name comes from the file name, "${shownName(fallback)}", which is not lower-case letters, digits and \`_\``,
        'name it: export const my_header = header({ name: "my_header" })',
      );
    return {
      file,
      name: fallback,
      doc: undefined,
      spdx: DEFAULT_SPDX,
      includes: [],
      loc: undefined,
      items,
    };
  }
  read.keys(spec, ["name", "doc", "spdx", "includes", "guard", "cOnly"], "header");
  const name = read.string(spec, "name", "header") ?? fallback;
  if (!HEADER_NAME.test(name))
    read.error(
      read.map.ofProperty(spec, "name", "value"),
      "header.name",
      "a header name is lower-case letters, digits and `_`",
    );
  return {
    file,
    name,
    doc: read.doc(spec, "header"),
    spdx: readSpdx(read, spec),
    includes: readIncludes(read, spec),
    loc: read.map.of(header),
    items,
    ...readGuard(read, spec),
  };
}

/** `guard: "_LINUX_IOMMUFD_H"`: an imported header keeps its own include guard. */
function readGuard(read: SpecReader, spec: Obj): { guard?: string } {
  const guard = read.string(spec, "guard", "header", false);
  if (guard === undefined) return {};
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(guard)) return { guard };
  read.error(
    read.map.ofProperty(spec, "guard", "value"),
    "header.guard",
    `"${shownName(guard)}" is not a C identifier`,
  );
  return {};
}
