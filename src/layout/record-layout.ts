/**
 * Where each member of a record goes, in bits, given the size and alignment of its type.
 * These are the System V rules the Linux ABIs share (the compilers agree on them and
 * test/layout checks every ABI of the table against its compiler):
 *
 * - a member is placed at the next multiple of its alignment: the type's, 1 when the record
 *   or the member is packed, at least its `aligned(N)`, at most `#pragma pack`'s N;
 * - a bitfield is placed at the next free bit, unless it would then touch more of its
 *   declared type's alignment units than the type itself has; then it starts at the next
 *   unit. Packed bitfields are never moved. A zero-width bitfield moves the next member to
 *   the next unit of its type. Which bitfields align the record like a member of their type
 *   is the ABI's choice (BITFIELD_RULES: System V, Arm's AAPCS, m68k, where bitfields are
 *   packed bit after bit with no storage units at all);
 * - a union places every member at 0; a record's size is its last used byte rounded up to its
 *   alignment, which is at least its `aligned(N)`.
 */
import type { Abi, BitfieldRule } from "../abi/abis.js";
import type { Hole, ShapeField, SizeAlign } from "./layout.js";

export interface RecordAttributes {
  readonly packed?: boolean;
  readonly align?: number;
  readonly maxFieldAlign?: number;
}

export interface MemberInput {
  readonly field: ShapeField;
  /** Size and alignment of the member's type. */
  readonly size: number;
  readonly align: number;
  /** A bitfield's declared type (its storage unit). */
  readonly unit: SizeAlign;
}

export interface PlacedMember {
  readonly offset: number;
  readonly size: number;
  readonly align: number;
  readonly bitOffset?: number;
  readonly bitWidth?: number;
}

export interface PlacedRecord {
  readonly fields: PlacedMember[];
  readonly holes: Hole[];
  readonly size: number;
  readonly align: number;
  /** Bytes up to the end of the last member (the rest is tail padding). */
  readonly used: number;
}

const roundUp = (n: number, a: number) => Math.ceil(n / a) * a;

interface BitfieldRules {
  /** A bitfield may not touch more of its type's alignment units than the type has. */
  readonly unitLimited: boolean;
  /** Whether a bitfield's type aligns the record (named or not, of this width). */
  readonly alignsRecord: (named: boolean, width: number) => boolean;
  /**
   * A bitfield of 8, 16, 32 or 64 bits that starts where an integer of that size may is an
   * ordinary integer member: it aligns the record like one (m68k's gcc does this).
   */
  readonly wholeIntegers: boolean;
}

/** The alignment class of an integer of each whole width. */
const WHOLE: Readonly<Record<number, "i8" | "i16" | "i32" | "i64">> = {
  8: "i8",
  16: "i16",
  32: "i32",
  64: "i64",
};

/** Each ABI family's bitfield placement, as its compiler does it (checked in test/layout). */
const BITFIELD_RULES: Readonly<Record<BitfieldRule, BitfieldRules>> = {
  sysv: {
    unitLimited: true,
    alignsRecord: (named, width) => named && width > 0,
    wholeIntegers: false,
  },
  aapcs: { unitLimited: true, alignsRecord: () => true, wholeIntegers: false },
  m68k: { unitLimited: false, alignsRecord: (_named, width) => width === 0, wholeIntegers: true },
};

/** Whether `width` bits from bit `at` touch more `alignBits` units than `sizeBits` holds. */
function spansTooMany(at: number, width: number, alignBits: number, sizeBits: number): boolean {
  const first = Math.floor(at / alignBits);
  const last = Math.floor((at + width - 1) / alignBits);
  return last - first + 1 > Math.ceil(sizeBits / alignBits);
}

/** Whether a member name stands for an unnamed bitfield or anonymous member. */
export function isUnnamed(name: string): boolean {
  return name === "" || name.startsWith("(");
}

export function layoutMembers(
  members: readonly MemberInput[],
  kind: "struct" | "union",
  attrs: RecordAttributes,
  abi: Abi,
): PlacedRecord {
  const union = kind === "union";
  const rules = BITFIELD_RULES[abi.bitfields];
  const fields: PlacedMember[] = [];
  let pos = 0; // next free bit
  let end = 0; // bits used (a union's largest member)
  let align = 1;
  for (const m of members) {
    const f = m.field;
    let memberAlign = attrs.packed || f.packed ? 1 : m.align;
    if (f.align) memberAlign = Math.max(memberAlign, f.align);
    if (attrs.maxFieldAlign) memberAlign = Math.min(memberAlign, attrs.maxFieldAlign);
    if (f.bitWidth !== undefined) {
      const width = f.bitWidth;
      const unitAlign = m.unit.align * 8;
      let at = union ? 0 : pos;
      if (width === 0) at = roundUp(at, unitAlign);
      else if (rules.unitLimited && !(attrs.packed || f.packed) && !attrs.maxFieldAlign && !union) {
        if (spansTooMany(at, width, unitAlign, m.unit.size * 8)) at = roundUp(at, unitAlign);
      }
      if (f.align) at = roundUp(at, f.align * 8);
      if (rules.alignsRecord(!isUnnamed(f.name), width)) align = Math.max(align, memberAlign);
      const whole = WHOLE[width];
      if (rules.wholeIntegers && whole && !(attrs.packed || f.packed)) {
        const a = abi.align[whole];
        if (at % (a * 8) === 0) align = Math.max(align, a);
      }
      const offset = Math.floor(at / 8);
      const size = width ? Math.ceil((at + width) / 8) - offset : 0;
      fields.push({ offset, size, align: memberAlign, bitOffset: at, bitWidth: width });
      if (!union) pos = at + width;
      end = Math.max(end, at + width);
      continue;
    }
    const at = union ? 0 : roundUp(pos, memberAlign * 8);
    fields.push({ offset: at / 8, size: m.size, align: memberAlign });
    align = Math.max(align, memberAlign);
    if (!union) pos = at + m.size * 8;
    end = Math.max(end, at + m.size * 8);
  }
  if (attrs.align) align = Math.max(align, attrs.align);
  const used = Math.ceil(end / 8);
  const size = roundUp(used, align);
  return { fields, holes: union ? [] : holesOf(members, fields), size, align, used };
}

/** Whole bytes between members that no member touches. */
function holesOf(members: readonly MemberInput[], fields: readonly PlacedMember[]): Hole[] {
  const holes: Hole[] = [];
  let covered = 0;
  let after: string | undefined;
  fields.forEach((p, i) => {
    const name = members[i]!.field.name;
    if (p.size === 0 && p.bitWidth !== undefined) return;
    if (p.offset > covered)
      holes.push({ offset: covered, size: p.offset - covered, after, before: name });
    covered = Math.max(covered, p.offset + p.size);
    after = name;
  });
  return holes;
}
