// fast-check arbitraries for struct values, derived from the runtime descriptors: values
// that pass the descriptors' rules, so encode and decode validate them.
import fc from "fast-check";
import { SCALARS, type ScalarName } from "../../src/abi/kernel-types.js";
import type { FieldDesc, StructDesc, TypeDesc } from "../../src/runtime/descriptors.js";
import { isBigScalar } from "../../src/runtime/scalar-io.js";

function scalarArb(name: ScalarName, abiSize: number): fc.Arbitrary<unknown> {
  const bits = (SCALARS[name].size ?? abiSize) * 8;
  const signed = SCALARS[name].signed;
  if (isBigScalar(name))
    return signed
      ? fc.bigInt({ min: -(1n << BigInt(bits - 1)), max: (1n << BigInt(bits - 1)) - 1n })
      : fc.bigInt({ min: 0n, max: (1n << BigInt(bits)) - 1n });
  return signed
    ? fc.integer({ min: -(2 ** (bits - 1)), max: 2 ** (bits - 1) - 1 })
    : fc.integer({ min: 0, max: 2 ** bits - 1 });
}

/**
 * Values the field's rules accept (validate.ts): zero for reserved fields, any subset of the
 * flag bits, one of the enum's values; without rules, any value of the type.
 */
function ruledArb(t: TypeDesc, f: FieldDesc): fc.Arbitrary<unknown> | undefined {
  if (t.kind === "array") {
    const element = ruledArb(t.element, f);
    return element && fc.array(element, { minLength: t.length, maxLength: t.length });
  }
  if (t.kind !== "scalar") return undefined;
  const big = isBigScalar(t.name);
  const as = (v: number | bigint) => (big ? BigInt(v) : Number(v));
  if (f.reserved) return fc.constant(as(0));
  if (f.flags) {
    const bits = Object.values(f.flags.values).map(BigInt);
    return fc.subarray(bits).map((chosen) => as(chosen.reduce((m, b) => m | b, 0n)));
  }
  if (f.values) return fc.constantFrom(...Object.values(f.values.values).map(as));
  return undefined;
}

function typeArb(t: TypeDesc, f?: FieldDesc): fc.Arbitrary<unknown> {
  const ruled = f && ruledArb(t, f);
  if (ruled) return ruled;
  if (t.kind === "scalar") return scalarArb(t.name, 8);
  if (t.kind === "array")
    return fc.array(typeArb(t.element), { minLength: t.length, maxLength: t.length });
  if (t.kind === "named") return structArb(t.struct);
  throw new Error("anonymous unions are handled by their parent");
}

/** Values for a struct; of each union only the first member is given (the others alias it). */
export function structArb(desc: StructDesc): fc.Arbitrary<Record<string, unknown>> {
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  const add = (fs: readonly FieldDesc[], union: boolean) => {
    for (const f of union ? fs.slice(0, 1) : fs) {
      if (f.type.kind === "anonUnion") add(f.type.members, true);
      else fields[f.name] = typeArb(f.type, f);
    }
  };
  add(desc.fields, desc.kind === "union");
  return fc.record(fields);
}
