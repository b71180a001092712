/**
 * Layouts as a reader of pahole output expects them: the C declaration with `offset size`
 * comments, holes marked where they are, and the size / hole / padding summary. ABIs with
 * identical layouts are grouped, so a hover shows one block for the common case and one
 * per ABI family that differs (i386 and sh4 align u64 to 4, m68k aligns to 2).
 */
import { cDeclarator } from "../../../generators/shared/c-types.js";
import { ABIS } from "../../abi/abis.js";
import type { FieldLayout, StructLayout } from "../../layout/layout.js";
import type { Layouts } from "../../layout/layouts.js";
import type { Field, Model, StructItem } from "../../model/ir.js";

export interface AbiGroup<T> {
  readonly abis: readonly string[];
  readonly value: T;
}

/** Groups ABIs (in the ABI table's order) whose `key` of the value is equal. */
export function groupAbis<T>(
  per: readonly { abi: string; value: T }[],
  key: (v: T) => string,
): AbiGroup<T>[] {
  const groups = new Map<string, { abis: string[]; value: T }>();
  for (const { abi, value } of per) {
    const k = key(value);
    const g = groups.get(k);
    if (g) g.abis.push(abi);
    else groups.set(k, { abis: [abi], value });
  }
  return [...groups.values()].sort((a, b) => b.abis.length - a.abis.length);
}

export function abiList(abis: readonly string[]): string {
  if (abis.length === ABIS.length) return "every ABI";
  return abis.length > 6 ? `${abis.length} ABIs (${abis.join(", ")})` : abis.join(", ");
}

/** The layout of a struct on every ABI, grouped; undefined when it cannot be laid out. */
export function structGroups(
  layouts: Layouts,
  struct: StructItem,
): AbiGroup<StructLayout>[] | undefined {
  try {
    const per = ABIS.map((abi) => ({ abi: abi.name, value: layouts.of(struct, abi) }));
    // Grouped by what the pahole view shows: a field whose alignment alone differs (m68k's
    // 2-byte u32) shows up in the field's hover, not as a second identical struct block.
    const shown = (fields: readonly FieldLayout[]): unknown =>
      fields.map((f) => [f.offset, f.size, f.members ? shown(f.members) : 0]);
    return groupAbis(per, (l) =>
      JSON.stringify({ s: l.size, a: l.align, f: shown(l.fields), h: l.holes, t: l.tailPadding }),
    );
  } catch {
    // A struct naming an unknown or recursive type: the loader has reported it already.
    return undefined;
  }
}

const COMMENT_COLUMN = 40;

/** pahole-style C text of one layout. */
export function paholeText(struct: StructItem, layout: StructLayout, model: Model): string {
  const lines: string[] = [`${struct.kind} ${struct.name} {`];
  const holesBefore = new Map(layout.holes.map((h) => [h.before, h]));
  const emit = (
    fields: readonly Field[],
    layoutsOf: readonly FieldLayout[],
    indent: string,
  ): void => {
    fields.forEach((field, i) => {
      const fl = layoutsOf[i];
      if (!fl) return;
      const hole = indent === "\t" ? holesBefore.get(field.name) : undefined;
      if (hole)
        lines.push(
          `${indent}/* XXX ${hole.size} byte${hole.size === 1 ? "" : "s"} hole, try to pack */`,
        );
      const comment = `/* ${String(fl.offset).padStart(5)} ${String(fl.size).padStart(5)} */`;
      if (field.type.kind === "anonUnion") {
        lines.push(`${indent}union {`);
        emit(field.type.members, fl.members ?? [], indent + "\t");
        lines.push(`${(indent + "};").padEnd(COMMENT_COLUMN)}${comment}`);
      } else {
        lines.push(`${(indent + declarator(field, model) + ";").padEnd(COMMENT_COLUMN)}${comment}`);
      }
    });
  };
  emit(struct.fields, layout.fields, "\t");
  const members = layout.fields.reduce((n, f) => n + f.size, 0);
  const holeBytes = layout.holes.reduce((n, h) => n + h.size, 0);
  lines.push(
    `\t/* size: ${layout.size}, align: ${layout.align}, members: ${struct.fields.length} */`,
  );
  if (layout.holes.length)
    lines.push(
      `\t/* sum members: ${members}, holes: ${layout.holes.length}, sum holes: ${holeBytes} */`,
    );
  if (layout.tailPadding) lines.push(`\t/* padding: ${layout.tailPadding} */`);
  lines.push("};");
  return lines.join("\n");
}

/** The C spelling of a field (`__aligned_u64 data_uptr`), an anonymous union as `union { ... }`. */
export function declarator(field: Field, model: Model): string {
  if (field.type.kind === "anonUnion")
    return `union { ${field.type.members.map((m) => `${declarator(m, model)};`).join(" ")} }`;
  if (field.cType) return `${field.cType} ${field.name}`;
  return cDeclarator(field.type, field.name, model, field.cType);
}

/** Finds a field by name, looking into anonymous unions, with its layout on one ABI. */
export function findField(
  fields: readonly Field[],
  layouts: readonly FieldLayout[],
  name: string,
): { field: Field; layout: FieldLayout } | undefined {
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    const l = layouts[i];
    if (!l) continue;
    if (f.name === name) return { field: f, layout: l };
    if (f.type.kind === "anonUnion") {
      const inner = findField(f.type.members, l.members ?? [], name);
      if (inner) return inner;
    }
  }
  return undefined;
}
