/**
 * An existing member keeps its size, byte order and type. A size change of a union alternative
 * into bytes the union reserved is reserved space used; a trailing `[1]` array that became a
 * flexible array (`[]`), a signedness change or a new type of the same layout need review.
 */
import { describeAbis } from "../../rule-util.js";
import { isReserved } from "../conventions/reserved.js";
import { createCompatRule } from "../create.js";
import { membersOf, placesOf } from "../members.js";
import type { MemberPair, StructPair } from "../pairs.js";
import type { CompatContext } from "../types.js";
import { tailArrayGrowth } from "./growth.js";
import { pathOf, perAbiChange, placesOfPair, bothReserved, scalarTraits } from "./util.js";

export default createCompatRule({
  meta: {
    id: "field-same-type",
    category: "abi",
    severity: "error",
    recommended: true,
    description: "Disallow changing the size, signedness, byte order or type of a field.",
    kernelRules: ["B1", "B6"],
    messages: {
      resized: "`{{field}}` changed size: {{change}} ({{old}} → {{new}})",
      flexible:
        "`{{field}}` became a flexible array ({{old}} → {{new}}): sizeof the struct shrinks on {{abis}}, so callers that pass sizeof no longer agree with old kernels",
      signedness:
        "`{{field}}` changed signedness: {{old}} → {{new}} on {{abis}}: the same bytes, but values past the sign bit read differently",
      byteOrder: "`{{field}}` changed byte order: {{old}} → {{new}} on {{abis}}",
      retyped: "`{{field}}` changed type: {{old}} → {{new}} on {{abis}}",
      sameLayout:
        "`{{field}}` changed type: {{old}} → {{new}} with the same size on {{abis}}: binaries are unaffected, source that uses the old type may not compile",
    },
  },
  check(ctx) {
    const abis = describeAbis(ctx.abis);
    for (const s of ctx.pairs.structs) {
      for (const p of s.members) {
        if (bothReserved(p)) continue;
        // A member turned reserved, or reserved space given a meaning: other rules say so.
        if (isReserved(p.old.field) !== isReserved(p.new.field)) continue;
        const [old, now] = [p.old.typeKey, p.new.typeKey];
        const base = { loc: p.new.field.loc, path: pathOf(s.new, p.new.path) };
        const data = { field: p.new.path, old, new: now, abis };
        const bitfield = p.old.field.bitWidth !== undefined || p.new.field.bitWidth !== undefined;
        const size = perAbiChange(
          ctx.abis,
          (side, abi) => {
            const place = placesOfPair(ctx, s, p, abi)[side];
            return place && (bitfield ? place.bits : place.size);
          },
          bitfield ? " bits" : " bytes",
        );
        if (size) {
          // A trailing array that got longer is the struct growing at its tail
          // (struct-tail-growth, tail-field-zero-default).
          if (grewIntoReserved(ctx, s, p) || tailArrayGrowth(ctx, s) === p) continue;
          if (grewWithinUnion(ctx, s, p)) continue;
          if (becameFlexible(ctx, s, p))
            ctx.report({ ...base, messageId: "flexible", data, severity: "warning" });
          else ctx.report({ ...base, messageId: "resized", data: { ...data, change: size.text } });
          continue;
        }
        const [a, b] = [scalarTraits(p.old.field), scalarTraits(p.new.field)];
        if (a && b && a.order !== b.order) ctx.report({ ...base, messageId: "byteOrder", data });
        else if (a && b && a.signed !== b.signed)
          ctx.report({ ...base, messageId: "signedness", data, severity: "warning" });
        else if ((!a || !b) && old !== now)
          ctx.report({ ...base, messageId: "sameLayout", data, severity: "warning" });
      }
    }
  },
});

/**
 * A union alternative, a struct, that grew inside a union whose size did not change
 * (`v4l2_format.fmt.meta` within `fmt`'s `raw_data[200]`): the bytes it took were the union's,
 * no other member moved. Its own type's growth is judged where that type is declared.
 */
function grewWithinUnion(ctx: CompatContext<string>, s: StructPair, p: MemberPair): boolean {
  if (!p.old.inUnion || !p.new.inUnion) return false;
  // A struct of the same name only: a scalar that widened reads other bytes (big-endian).
  const [a, b] = [p.old.field.type, p.new.field.type];
  if (a.kind !== "named" || b.kind !== "named" || a.name !== b.name) return false;
  const record = ctx.after.model.items.get(b.name);
  if (record?.kind !== "struct") return false;
  return ctx.abis.every((abi) => {
    const { old: o, new: n } = placesOfPair(ctx, s, p, abi);
    const same = ctx.before.layouts.of(s.old, abi).size === ctx.after.layouts.of(s.new, abi).size;
    return !!o && !!n && same && o.offset === n.offset && n.size >= o.size;
  });
}

/** The last member, a one-element (or zero-length) array, now a flexible array member. */
function becameFlexible(ctx: CompatContext<string>, s: StructPair, p: MemberPair): boolean {
  const [o, n] = [p.old.field.type, p.new.field.type];
  if (o.kind !== "array" || n.kind !== "array" || n.length !== 0 || o.length > 1) return false;
  return p.newIndex === membersOf(s.new, ctx.after).length - 1;
}

/**
 * A union alternative that grew only over bytes an old reserved alternative of the same union
 * held (`union { struct a a; struct b b; __u8 pad[120]; }`): those bytes were reserved.
 */
function grewIntoReserved(ctx: CompatContext<string>, s: StructPair, p: MemberPair): boolean {
  if (!p.old.inUnion || !p.new.inUnion) return false;
  const oldMembers = membersOf(s.old, ctx.before);
  return ctx.abis.every((abi) => {
    const { old: o, new: n } = placesOfPair(ctx, s, p, abi);
    if (!o || !n) return true;
    if (n.bit !== o.bit || n.bits < o.bits) return false;
    const places = placesOf(s.old, ctx.before, abi);
    return oldMembers.some(
      (m, i) =>
        isReserved(m.field) &&
        places[i] !== undefined &&
        places[i]!.bit <= n.bit &&
        places[i]!.bit + places[i]!.bits >= n.bit + n.bits,
    );
  });
}
