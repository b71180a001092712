/**
 * How the harness prints and fills each scalar, by category: the value printed is the logical
 * one (an `__le32` is byte-swapped on a big-endian ABI, as the TypeScript codec decodes it),
 * and filling draws one 64-bit number per scalar from the harness PRNG and keeps the low bits,
 * exactly as src/conform/roundtrip/values.ts does on the TypeScript side.
 */
import { SCALARS, type ScalarName } from "../../src/abi/kernel-types.js";

export type ScalarCategory = "unsigned" | "signed" | "le" | "be" | "bool" | "pointer";

export function scalarCategory(name: ScalarName): ScalarCategory {
  const info = SCALARS[name];
  if (name === "_Bool") return "bool";
  if (info.alignClass === "ptr") return "pointer";
  if (info.order !== "native") return info.order;
  return info.signed ? "signed" : "unsigned";
}

interface ScalarIo {
  /** Statement printing the scalar at `lv` under the path in `b`. */
  print(lv: string, size: number): string;
  /** Statement storing the next PRNG value into `lv`. */
  fill(lv: string, size: number): string;
}

/** `size` is the C size in bytes; the endian categories use it for the byte loop. */
export const SCALAR_IO: Readonly<Record<ScalarCategory, ScalarIo>> = {
  unsigned: {
    print: (lv) => `uh_u(b, (unsigned long long)${lv});`,
    fill: (lv) => `${lv} = uh_next(st);`,
  },
  signed: { print: (lv) => `uh_s(b, (long long)${lv});`, fill: (lv) => `${lv} = uh_next(st);` },
  le: {
    print: (lv, n) => `uh_u(b, uh_get(&${lv}, ${n}, 1));`,
    fill: (lv, n) => `uh_put(&${lv}, ${n}, 1, uh_next(st));`,
  },
  be: {
    print: (lv, n) => `uh_u(b, uh_get(&${lv}, ${n}, 0));`,
    fill: (lv, n) => `uh_put(&${lv}, ${n}, 0, uh_next(st));`,
  },
  // Only 0 and 1 are valid _Bool representations; anything else is undefined behaviour.
  bool: {
    print: (lv) => `uh_u(b, (unsigned long long)${lv});`,
    fill: (lv) => `${lv} = (_Bool)(uh_next(st) & 1);`,
  },
  pointer: {
    print: (lv) => `uh_u(b, (unsigned long long)(uintptr_t)${lv});`,
    fill: (lv) => `${lv} = (void *)(uintptr_t)uh_next(st);`,
  },
};
