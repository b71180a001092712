/**
 * The layout engine: C record layout rules applied to an ABI's alignment table.
 *
 * It works on a minimal shape (names and type references) so that the IR and the generated
 * TypeScript descriptors share it: the codecs in src/runtime lay structs out with exactly the
 * code the generators and the linter use.
 *
 * Records are laid out in bits, so bitfields get their exact place (record-layout.ts has the
 * rules: packed, explicit alignment, `#pragma pack`, bitfield storage units).
 */
import type { Abi } from "../abi/abis.js";
import { SCALARS, type ScalarInfo, type ScalarName } from "../abi/kernel-types.js";
import { layoutMembers, type MemberInput, type RecordAttributes } from "./record-layout.js";

export type ShapeType =
  | {
      readonly kind: "scalar";
      readonly name: ScalarName;
      /** The scalar on ABIs where the C type is another (see ScalarType in src/model/ir.ts). */
      readonly byAbi?: Readonly<Record<string, ScalarName>>;
    }
  | { readonly kind: "array"; readonly element: ShapeType; readonly length: number }
  | { readonly kind: "named"; readonly name: string }
  | {
      readonly kind: "anonUnion";
      readonly members: readonly ShapeField[];
      /** An anonymous struct member rather than a union. */
      readonly struct?: true;
      /** The anonymous record's own attributes. */
      readonly packed?: true;
      readonly align?: number;
    };

export interface ShapeField {
  readonly name: string;
  readonly type: ShapeType;
  /** A C bitfield of this many bits (`type` is its declared type). */
  readonly bitWidth?: number;
  /** Explicit alignment of the member in bytes (`aligned(N)`), at least. */
  readonly align?: number;
  /** The member is packed (alignment 1 before `align`). */
  readonly packed?: boolean;
}

export interface ShapeStruct extends RecordAttributes {
  readonly name: string;
  readonly kind: "struct" | "union";
  readonly fields: readonly ShapeField[];
}

export interface FieldLayout {
  readonly name: string;
  /** Byte offset: of the field, or of the first byte a bitfield touches. */
  readonly offset: number;
  /** Bytes: of the field, or of the bytes a bitfield touches. */
  readonly size: number;
  readonly align: number;
  /**
   * Bitfields: the first bit from the record's start, counted in the order the ABI allocates
   * bits (from the least significant bit of each byte on little-endian ABIs, from the most
   * significant on big-endian ones: DWARF's data_bit_offset), and the width.
   */
  readonly bitOffset?: number;
  readonly bitWidth?: number;
  /** Members of an anonymous member record, at their offsets within the enclosing struct. */
  readonly members?: readonly FieldLayout[];
}

export interface Hole {
  readonly offset: number;
  readonly size: number;
  /** The field the hole follows (none for a hole at offset 0, which C never makes). */
  readonly after: string | undefined;
  readonly before: string;
}

export interface StructLayout {
  readonly name: string;
  readonly abi: string;
  readonly size: number;
  readonly align: number;
  readonly fields: readonly FieldLayout[];
  /** Whole bytes no member touches, between members. */
  readonly holes: readonly Hole[];
  readonly tailPadding: number;
}

export interface SizeAlign {
  readonly size: number;
  readonly align: number;
}

export type ResolveStruct = (name: string) => ShapeStruct | undefined;

type KindLayout<K extends ShapeType["kind"]> = (
  type: Extract<ShapeType, { kind: K }>,
  engine: LayoutEngine,
) => SizeAlign;

/** Size and alignment of each kind of type: one entry per kind, checked exhaustively. */
const KIND_LAYOUT: { [K in ShapeType["kind"]]: KindLayout<K> } = {
  scalar: (t, engine) => engine.scalar(engine.scalarName(t)),
  array: (t, engine) => {
    const el = engine.typeLayout(t.element);
    return { size: el.size * t.length, align: el.align };
  },
  named: (t, engine) => {
    const l = engine.structLayout(t.name);
    return { size: l.size, align: l.align };
  },
  anonUnion: (t, engine) => {
    const r = engine.members(t.members, t.struct ? "struct" : "union", anonAttributes(t), 0);
    return { size: r.size, align: r.align };
  },
};

export function scalarLayout(name: ScalarName, abi: Abi): SizeAlign {
  const info = SCALARS[name];
  const size = info.size ?? (info.alignClass === "ptr" ? abi.ptrSize : abi.longSize);
  const natural = abi.align[info.alignClass];
  const forced = "forcedAlign" in info ? info.forcedAlign : undefined;
  return { size, align: forced !== undefined ? Math.max(forced, natural) : natural };
}

/** Whether a scalar is signed on an ABI: plain `char` follows the ABI, every other type is fixed. */
export function scalarSigned(name: ScalarName, abi: Abi): boolean {
  const info: ScalarInfo = SCALARS[name];
  return info.plainChar ? abi.charSigned : info.signed;
}

function anonAttributes(t: Extract<ShapeType, { kind: "anonUnion" }>): RecordAttributes {
  return { ...(t.packed ? { packed: t.packed } : {}), ...(t.align ? { align: t.align } : {}) };
}

export function roundUp(n: number, align: number): number {
  return Math.ceil(n / align) * align;
}

/** Lays out structs for one ABI, memoising each struct. */
export class LayoutEngine {
  private readonly memo = new Map<string, StructLayout>();
  /** The structs being laid out, outermost first (a short stack: nesting depth). */
  private readonly inProgress: string[] = [];
  /** Scalars per name: every field asks, and the answer only depends on the ABI. */
  private readonly scalars = new Map<ScalarName, SizeAlign>();

  constructor(
    readonly abi: Abi,
    private readonly resolve: ResolveStruct,
  ) {}

  /** `scalarLayout` on this engine's ABI, shared (frozen) between the fields that ask. */
  scalar(name: ScalarName): SizeAlign {
    let sa = this.scalars.get(name);
    if (!sa) this.scalars.set(name, (sa = Object.freeze(scalarLayout(name, this.abi))));
    return sa;
  }

  /** The scalar a scalar type is on this engine's ABI. */
  scalarName(t: Extract<ShapeType, { kind: "scalar" }>): ScalarName {
    return t.byAbi?.[this.abi.name] ?? t.name;
  }

  typeLayout(type: ShapeType): SizeAlign {
    return (KIND_LAYOUT[type.kind] as KindLayout<typeof type.kind>)(type as never, this);
  }

  structLayout(name: string): StructLayout {
    const cached = this.memo.get(name);
    if (cached) return cached;
    const shape = this.resolve(name);
    if (!shape) throw new Error(`layout: unknown struct ${name}`);
    if (this.inProgress.includes(name)) throw new Error(`layout: struct ${name} contains itself`);
    this.inProgress.push(name);
    const r = this.members(shape.fields, shape.kind, shape, 0);
    this.inProgress.pop();
    const layout: StructLayout = {
      name: shape.name,
      abi: this.abi.name,
      size: r.size,
      align: r.align,
      fields: r.fields,
      holes: shape.kind === "union" ? [] : r.holes,
      tailPadding: r.size - r.used,
    };
    this.memo.set(name, layout);
    return layout;
  }

  /**
   * The members of a record placed from byte `base` (an anonymous member record is laid out
   * as a record of its own, at its place in the enclosing one).
   */
  members(
    fields: readonly ShapeField[],
    kind: "struct" | "union",
    attrs: RecordAttributes,
    base: number,
  ): { fields: FieldLayout[]; holes: Hole[]; size: number; align: number; used: number } {
    const inputs: MemberInput[] = fields.map((f) => {
      const sa = this.typeLayout(f.type);
      const declared =
        f.bitWidth !== undefined && f.type.kind === "scalar"
          ? this.scalar(this.scalarName(f.type))
          : sa;
      return { field: f, size: sa.size, align: sa.align, unit: declared };
    });
    const placed = layoutMembers(inputs, kind, attrs, this.abi);
    const out = placed.fields.map((p, i) => {
      const f = fields[i]!;
      const offset = base + p.offset;
      const layout: FieldLayout =
        p.bitOffset !== undefined
          ? {
              name: f.name,
              offset,
              size: p.size,
              align: p.align,
              bitOffset: base * 8 + p.bitOffset,
              bitWidth: p.bitWidth!,
            }
          : { name: f.name, offset, size: p.size, align: p.align };
      if (f.type.kind !== "anonUnion") return layout;
      const inner = this.members(
        f.type.members,
        f.type.struct ? "struct" : "union",
        anonAttributes(f.type),
        offset,
      );
      return { ...layout, members: inner.fields };
    });
    const holes = placed.holes.map((h) => ({ ...h, offset: base + h.offset }));
    return { fields: out, holes, size: placed.size, align: placed.align, used: placed.used };
  }
}
