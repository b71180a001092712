/**
 * What a record spec says about ABIs and layout rather than fields: the ABIs a variant or an
 * `elsewhere` names, `packed`/`align`/`maxFieldAlign`, and `perAbi(...)` scalars.
 */
import { findAbi } from "../abi/abis.js";
import { isScalarName, type ScalarName } from "../abi/kernel-types.js";
import type { SourceLoc } from "../diagnostics/diagnostic.js";
import type { TypeRef } from "../model/ir.js";
import type { BuildContext } from "./build-context.js";
import { dslKind, dslSpec, isObj, type Obj } from "./spec-reader.js";

/** Alignments an attribute may ask for: powers of two up to a page. */
const MAX_ALIGN = 4096;

/** `elsewhere: ["sparc64"]`: ABIs where an included header declares the record instead. */
export function elsewhereOf(ctx: BuildContext, spec: Obj, path: string): { elsewhere?: string[] } {
  if (spec.elsewhere === undefined) return {};
  const list = abisOf(ctx, { abis: spec.elsewhere }, `${path}.elsewhere`).abis;
  return list ? { elsewhere: list } : {};
}

/** `abis: ["x86_64", ...]`: ABIs of the table. */
export function abisOf(ctx: BuildContext, spec: Obj, path: string): { abis?: string[] } {
  const list = spec.abis;
  if (list === undefined) return {};
  const at = ctx.read.map.ofProperty(spec, "abis", "value");
  if (!Array.isArray(list) || !list.every((a) => typeof a === "string" && findAbi(a))) {
    ctx.read.error(at, `${path}.abis`, "`abis` is a list of ABI names of the table");
    return {};
  }
  return { abis: list as string[] };
}

/** `packed`, `align` and `maxFieldAlign` of a struct spec, checked, when given. */
export function layoutAttributes(
  ctx: BuildContext,
  spec: Obj,
  path: string,
): { packed?: true; align?: number; maxFieldAlign?: number } {
  const out: { packed?: true; align?: number; maxFieldAlign?: number } = {};
  if (ctx.read.boolean(spec, "packed", path)) out.packed = true;
  for (const key of ["align", "maxFieldAlign"] as const) {
    if (spec[key] === undefined) continue;
    const n = alignment(ctx, spec, key, path);
    if (n !== undefined) out[key] = n;
  }
  return out;
}

export function alignment(
  ctx: BuildContext,
  owner: Obj,
  key: string,
  path: string,
): number | undefined {
  const n = ctx.read.integer(owner, key, path, 1, MAX_ALIGN);
  if (n === undefined) return undefined;
  if ((n & (n - 1)) !== 0) {
    ctx.read.error(
      ctx.read.map.ofProperty(owner, key, "value"),
      `${path}.${key}`,
      "an alignment is a power of two",
    );
    return undefined;
  }
  return n;
}

/** `perAbi("__kernel_long_t", "long", { x32: "long long" })`: a scalar that differs per ABI. */
export function perAbiType(
  ctx: BuildContext,
  spec: unknown,
  path: string,
  where: () => SourceLoc | undefined,
): TypeRef | undefined {
  const o = isObj(spec) ? spec : {};
  const scalar = (v: unknown) => (typeof v === "string" && isScalarName(v) ? v : undefined);
  const name = scalar(o.type);
  if (typeof o.c !== "string" || !name)
    return void ctx.read.error(
      where(),
      path,
      "perAbi(c, type, byAbi) takes a C name and a scalar type",
    );
  const byAbi: Record<string, ScalarName> = {};
  for (const [abi, t] of Object.entries(isObj(o.byAbi) ? o.byAbi : {})) {
    const s = scalar(t);
    if (!findAbi(abi) || !s) {
      ctx.read.error(
        where(),
        `${path}.byAbi.${abi}`,
        `\`${abi}\`: an ABI of the table and a scalar type`,
      );
      continue;
    }
    byAbi[abi] = s;
  }
  return Object.keys(byAbi).length ? { kind: "scalar", name, byAbi } : { kind: "scalar", name };
}

/** The C name of a `perAbi(...)` type, also as an array's element. */
export function perAbiName(type: unknown): unknown {
  let t = type;
  for (let depth = 0; depth < 16 && dslKind(t) === "array"; depth++)
    t = (dslSpec(t) as Obj).element;
  return dslKind(t) === "perAbi" ? (dslSpec(t) as Obj).c : undefined;
}
