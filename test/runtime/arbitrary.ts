// fast-check arbitraries for struct values, derived from the runtime descriptors.
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

function typeArb(t: TypeDesc): fc.Arbitrary<unknown> {
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
      else fields[f.name] = typeArb(f.type);
    }
  };
  add(desc.fields, desc.kind === "union");
  return fc.record(fields);
}
