/**
 * A truth unit: the header, then constant data that makes a compiler state every layout and
 * value the header declares, one object per line:
 *
 *   __uapi_r_K  = { sizeof(T), _Alignof(T) }              each record
 *   __uapi_o_K_J = { offsetof(T, m) }, __uapi_s_K_J = { sizeof(((T *)0)->m) }   each member
 *   __uapi_b_K_J = { .s = { .m = -1 } } in a union with its bytes   each bitfield: all ones
 *   __uapi_v_K  = { (unsigned long long)(E), shape }        each enumerator, macro, ioctl
 *
 * Compiled for an ABI (src/import/objects.ts), the object's bytes are that compiler's answer
 * (truth.ts reads them). A probe the compiler rejects fails on its own line and is dropped.
 */
import { structShape } from "../../layout/layouts.js";
import type { Model, StructItem, TypeRef } from "../../model/ir.js";
import { IOCTL_MACROS } from "../probes.js";

export interface RecordProbe {
  /** The IR item name. */
  readonly item: string;
  /** C spelling of the type: `struct foo`, `foo_t`, `__typeof__(((struct p *)0)->m)`. */
  readonly c: string;
  /** Members by C name (anonymous members' members included), bitfields marked. */
  readonly members: readonly {
    readonly name: string;
    readonly bitfield: boolean;
    readonly flexible: boolean;
  }[];
}

export interface ValueProbe {
  readonly key: string;
  readonly expr: string;
  /** A macro: probed only where it is defined. */
  readonly ifdef?: boolean;
}

export interface TruthUnitText {
  readonly text: string;
  /** 1-based line → probe symbol on it. */
  readonly lines: ReadonlyMap<number, string>;
}

export function truthUnit(
  header: string,
  records: readonly RecordProbe[],
  values: readonly ValueProbe[],
  skip: ReadonlySet<string> = new Set(),
): TruthUnitText {
  const out = [`#include ${JSON.stringify(header)}`, ...IOCTL_MACROS];
  const lines = new Map<number, string>();
  const emit = (symbol: string, text: string, ifdef?: string) => {
    if (skip.has(symbol)) return;
    if (ifdef) out.push(`#ifdef ${ifdef}`);
    lines.set(out.length + 1, symbol);
    out.push(text);
    if (ifdef) out.push("#endif");
  };
  const ull = "const unsigned long long";
  records.forEach((r, k) => {
    emit(`__uapi_r_${k}`, `${ull} __uapi_r_${k}[2] = { sizeof(${r.c}), _Alignof(${r.c}) };`);
    r.members.forEach((m, j) => {
      if (m.bitfield) {
        emit(
          `__uapi_b_${k}_${j}`,
          `const union { ${r.c} s; unsigned char b[sizeof(${r.c})]; } __uapi_b_${k}_${j} = { .s = { .${m.name} = -1 } };`,
        );
        return;
      }
      emit(
        `__uapi_o_${k}_${j}`,
        `${ull} __uapi_o_${k}_${j}[1] = { __builtin_offsetof(${r.c}, ${m.name}) };`,
      );
      if (!m.flexible)
        emit(
          `__uapi_s_${k}_${j}`,
          `${ull} __uapi_s_${k}_${j}[1] = { sizeof(((${r.c} *)0)->${m.name}) };`,
        );
    });
  });
  values.forEach((v, k) => {
    const e = `(${v.expr})`;
    emit(
      `__uapi_v_${k}`,
      `${ull} __uapi_v_${k}[2] = { (unsigned long long)${e}, ` +
        `sizeof(${e}) * 4 + (${e} < 0) * 2 + (${e} - ${e} - 1 > 0) + 0 * (${e} % 1) };`,
      v.ifdef ? v.expr : undefined,
    );
  });
  return { text: `${out.join("\n")}\n`, lines };
}

/** The records of a module to probe on one ABI (a record's variant there), with their C spellings. */
export function recordProbes(
  items: readonly StructItem[],
  model: Model,
  abi: string,
): RecordProbe[] {
  return items.flatMap((item) => {
    if (item.abis && !item.abis.includes(abi)) return [];
    const c = cSpelling(item, model);
    return c
      ? [
          {
            item: item.name,
            c,
            members: cMembers(structShape(item, abi).fields as StructItem["fields"]),
          },
        ]
      : [];
  });
}

function cMembers(fields: StructItem["fields"]): RecordProbe["members"][number][] {
  return fields.flatMap((f) => {
    if (f.type.kind === "anonUnion") return cMembers(f.type.members);
    if (f.name.startsWith("(")) return []; // an unnamed bitfield
    const flexible = f.type.kind === "array" && f.type.length === 0;
    return [{ name: f.name, bitfield: f.bitWidth !== undefined, flexible }];
  });
}

/**
 * `struct foo`, a typedef's name, or for a record synthesized for a member of anonymous
 * record type (`parent::member`) the type of that member reached from its parent.
 */
export function cSpelling(item: StructItem, model: Model): string | undefined {
  if (!item.name.includes("::")) return item.typedef ? item.name : `${item.kind} ${item.name}`;
  const parts = item.name.split("::");
  const top = model.items.get(parts[0]!);
  if (!top || (top.kind !== "struct" && top.kind !== "union")) return undefined;
  let path = "";
  let fields = top.fields;
  for (const part of parts.slice(1)) {
    if (part.startsWith("(")) continue; // an anonymous member: its members are the parent's
    const f = findMember(fields, part);
    if (!f) return undefined;
    let t: TypeRef = f.type;
    path += `${path ? "." : ""}${part}`;
    while (t.kind === "array") {
      path += "[0]";
      t = t.element;
    }
    const next = t.kind === "named" ? model.items.get(t.name) : undefined;
    fields = next && (next.kind === "struct" || next.kind === "union") ? next.fields : [];
  }
  const topC = cSpelling(top, model);
  return topC ? `__typeof__(((${topC} *)0)->${path})` : undefined;
}

function findMember(
  fields: StructItem["fields"],
  name: string,
): StructItem["fields"][number] | undefined {
  for (const f of fields) {
    if (f.name === name) return f;
    if (f.type.kind === "anonUnion") {
      const inner = findMember(f.type.members, name);
      if (inner) return inner;
    }
  }
  return undefined;
}
