/**
 * The layout engine: C struct layout rules applied to an ABI's alignment table.
 *
 * It works on a minimal shape (names and type references) so that the IR and the generated
 * TypeScript descriptors share it: the codecs in src/runtime lay structs out with exactly the
 * code the generators and the linter use.
 */
import type { Abi } from "../abi/abis.js";
import { SCALARS, type ScalarInfo, type ScalarName } from "../abi/kernel-types.js";

export type ShapeType =
  | { readonly kind: "scalar"; readonly name: ScalarName }
  | { readonly kind: "array"; readonly element: ShapeType; readonly length: number }
  | { readonly kind: "named"; readonly name: string }
  | { readonly kind: "anonUnion"; readonly members: readonly ShapeField[] };

export interface ShapeField {
  readonly name: string;
  readonly type: ShapeType;
}

export interface ShapeStruct {
  readonly name: string;
  readonly kind: "struct" | "union";
  readonly fields: readonly ShapeField[];
}

export interface FieldLayout {
  readonly name: string;
  readonly offset: number;
  readonly size: number;
  readonly align: number;
  /** Members of an anonymous union, at their offsets within the enclosing struct. */
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
  readonly holes: readonly Hole[];
  readonly tailPadding: number;
}

interface SizeAlign {
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
  scalar: (t, engine) => engine.scalar(t.name),
  array: (t, engine) => {
    const el = engine.typeLayout(t.element);
    return { size: el.size * t.length, align: el.align };
  },
  named: (t, engine) => {
    const l = engine.structLayout(t.name);
    return { size: l.size, align: l.align };
  },
  anonUnion: (t, engine) => unionOf(t.members.map((m) => engine.typeLayout(m.type))),
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

function unionOf(members: readonly SizeAlign[]): SizeAlign {
  const align = Math.max(1, ...members.map((m) => m.align));
  const size = Math.max(0, ...members.map((m) => m.size));
  return { size: roundUp(size, align), align };
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
    const layout = shape.kind === "union" ? this.layoutUnion(shape) : this.layoutStruct(shape);
    this.inProgress.pop();
    this.memo.set(name, layout);
    return layout;
  }

  /** `sa`: the field type's size and alignment, when the caller has them already. */
  private fieldLayout(
    field: ShapeField,
    offset: number,
    sa: SizeAlign = this.typeLayout(field.type),
  ): FieldLayout {
    const { size, align } = sa;
    if (field.type.kind !== "anonUnion") return { name: field.name, offset, size, align };
    const members = field.type.members.map((m) => this.fieldLayout(m, offset));
    return { name: field.name, offset, size, align, members };
  }

  private layoutStruct(shape: ShapeStruct): StructLayout {
    const fields: FieldLayout[] = [];
    const holes: Hole[] = [];
    let offset = 0;
    let align = 1;
    let after: string | undefined;
    for (const field of shape.fields) {
      const sa = this.typeLayout(field.type);
      const fieldAlign = sa.align;
      const at = roundUp(offset, fieldAlign);
      if (at > offset) holes.push({ offset, size: at - offset, after, before: field.name });
      const layout = this.fieldLayout(field, at, sa);
      fields.push(layout);
      after = field.name;
      offset = at + layout.size;
      align = Math.max(align, fieldAlign);
    }
    const size = roundUp(offset, align);
    return {
      name: shape.name,
      abi: this.abi.name,
      size,
      align,
      fields,
      holes,
      tailPadding: size - offset,
    };
  }

  private layoutUnion(shape: ShapeStruct): StructLayout {
    const fields = shape.fields.map((f) => this.fieldLayout(f, 0));
    const { size, align } = unionOf(fields);
    const used = Math.max(0, ...fields.map((f) => f.size));
    return {
      name: shape.name,
      abi: this.abi.name,
      size,
      align,
      fields,
      holes: [],
      tailPadding: size - used,
    };
  }
}
