/**
 * How the kernel learns the size of a struct the caller passes, when it does: the conventions
 * under which a struct may grow at its tail (copy_struct_from_user zero-fills what an old caller
 * did not pass, and rejects a non-zero tail a new caller passes to an old kernel).
 *
 * - `definition`: the definitions language declares it (`extensible: { size, lastMandatory }`);
 * - `size-field`: a leading `size` or `argsz` member (IOMMUFD, VFIO, sched_attr), or an
 *   `attr.size`-style member early in the struct whose documentation says it holds the
 *   struct's size (perf_event_attr);
 * - `entry`: the struct is an array entry whose length the caller passes (`entry_len`);
 * - `declared`: `uapi-lint.json`'s `extensible` or a `uapi-lint-extensible` comment says the
 *   size travels elsewhere (a syscall or ioctl argument, a sockopt's optlen).
 */
import { SCALARS } from "../../../abi/kernel-types.js";
import type { Field, StructItem } from "../../../model/ir.js";
import type { Side } from "../types.js";

export type Sizing =
  | { readonly how: "definition" }
  | { readonly how: "size-field"; readonly field: string }
  | { readonly how: "entry"; readonly of: string }
  | { readonly how: "declared"; readonly reason: string };

const LEADING = new Set(["size", "argsz", "sz", "usize", "struct_size"]);
const SIZE_DOC =
  /\b(size|length) of (this|the|this whole|the whole) \w*\s*(struct(ure)?|attr|args?)\b|\bsizeof\b|\bfor (fwd|forward)\b|\b(fwd|forward)[\/ ](bwd|backwards?) compat/i;

export function sizingOf(struct: StructItem, side: Side): Sizing | undefined {
  if (struct.extensible) return { how: "definition" };
  const declared = side.extensible?.get(struct.name);
  if (declared !== undefined) return { how: "declared", reason: declared };
  const field = sizeField(struct.fields);
  if (field) return { how: "size-field", field };
  const of = entryOf(struct, side);
  if (of) return { how: "entry", of };
  return undefined;
}

function isWord(f: Field): boolean {
  if (f.type.kind !== "scalar") return false;
  const s = SCALARS[f.type.name];
  return !s.signed && (s.size === 4 || s.size === 8);
}

function sizeField(fields: readonly Field[]): string | undefined {
  const first = fields[0];
  if (first && LEADING.has(first.name) && isWord(first)) return first.name;
  // attr.size style: `__u32 type; __u32 size; /* size of the attr structure ... */`.
  const early = fields.slice(0, 3).find((f) => f.name === "size" && isWord(f));
  return early && early.doc && SIZE_DOC.test(early.doc) ? early.name : undefined;
}

/** The struct that points to arrays of this one with an entry length, if any. */
function entryOf(struct: StructItem, side: Side): string | undefined {
  for (const item of side.model.items.values())
    if (
      (item.kind === "struct" || item.kind === "union") &&
      item.arrays.some((a) => a.entries.some((e) => e.struct === struct.name))
    )
      return item.name;
  return undefined;
}

export function describeSizing(s: Sizing): string {
  const table: { [K in Sizing["how"]]: (x: Extract<Sizing, { how: K }>) => string } = {
    definition: () => "it is declared size-extensible",
    "size-field": (x) => `the caller passes its size in \`${x.field}\``,
    entry: (x) => `it is an array entry of \`${x.of}\`, sized by its entry length`,
    declared: (x) => `it is declared extensible: ${x.reason}`,
  };
  return (table[s.how] as (x: Sizing) => string)(s);
}
