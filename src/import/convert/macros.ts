/**
 * The header's `#define`s as IR items, from what the compilers said about each
 * (read/read-headers.ts):
 *
 * - an ioctl is a macro whose expansion builds one `_IOC(dir, type, nr, size)` (directly or
 *   through a wrapper such as `SECCOMP_IOW`): its direction, type and number are decoded from
 *   the compiler's value on the reference ABI, its argument is the type `_IOC_TYPECHECK` took
 *   `sizeof` of (a struct, or any type: `int`, `char[16]`);
 * - an integer constant expression is a constant with its exact value, its type's signedness
 *   and width, and its value on every ABI where that differs (with the C expression, so a
 *   generated header computes it per ABI too);
 * - anything else (a string, a type, an attribute) is kept as text.
 */
import type { Abi } from "../../abi/abis.js";
import { IOCTL_FAMILIES, type IoctlDir } from "../../abi/ioctl-families.js";
import { storedValue, type ConstantItem, type IoctlItem, type TypeRef } from "../../model/ir.js";
import type { MacroRead } from "../read/read-headers.js";
import { ioctlCall, strip } from "../ioctl-expansion.js";
import { resolveType, type TypeScope } from "./types.js";

export function macroItems(
  macros: readonly MacroRead[],
  module: string,
  text: string,
  reference: Abi,
  allAbis: readonly string[],
  scope: TypeScope,
  enumerators: ReadonlySet<string>,
): (ConstantItem | IoctlItem)[] {
  const guard = includeGuard(text);
  const out: (ConstantItem | IoctlItem)[] = [];
  for (const m of macros) {
    const d = m.define;
    // The guard, and `#define IFLA_COST IFLA_COST` (which lets `#ifdef` see an enumerator).
    if (d.name === guard || enumerators.has(d.name)) continue;
    const ref = m.byAbi.get(reference.name) ?? m.byAbi.values().next().value;
    if (!ref) continue;
    // An integer macro counts where it is an integer: some expand to a sizeof of a record an
    // ABI does not declare (`SIOCGSTAMP` on 32-bit ABIs needs libc's struct timeval).
    const integer = ref.value !== undefined && !ioctlCall(ref.expansion);
    const abis = allAbis.filter((a) => m.byAbi.has(a) && (!integer || m.byAbi.get(a)!.value));
    const base = {
      name: d.name,
      doc: undefined,
      loc: d.loc,
      module,
      ...(abis.length < allAbis.length ? { abis } : {}),
    };
    const ioc = ref.value ? ioctlCall(ref.expansion) : undefined;
    if (ioc && ref.value) {
      const ioctl = toIoctl(ioc, ref.value.value, d.body, reference, scope);
      if (ioctl) {
        out.push({ kind: "ioctl", ...base, ...ioctl });
        continue;
      }
    }
    const ch = /^\(?\s*'([^'\\])'\s*\)?$/.exec(d.body);
    if (ch && ref.value && ch[1]!.charCodeAt(0) < 0x80) {
      out.push({
        kind: "constant",
        ...base,
        value: { kind: "char", char: ch[1]!, value: Number(ref.value.value) },
      });
      continue;
    }
    if (!ref.value) {
      out.push({ kind: "constant", ...base, value: { kind: "text", text: d.body } });
      continue;
    }
    const own = ref.value.value;
    const differing = [...m.byAbi].filter(([, v]) => v.value && v.value.value !== own);
    // The C text computes each ABI's value only when every ABI expanded it alike (a sizeof);
    // a macro defined differently per ABI (`#ifdef __BIG_ENDIAN`) keeps just the values.
    const sameText = [...m.byAbi.values()].every(
      (v) => v.expansion.join(" ") === ref.expansion.join(" "),
    );
    out.push({
      kind: "constant",
      ...base,
      value: {
        kind: "int",
        ...storedValue(own),
        ...(ref.value.unsigned ? { unsigned: true } : {}),
        ...(ref.value.size !== 4 ? { size: ref.value.size } : {}),
        ...(differing.length
          ? {
              byAbi: Object.fromEntries(differing.map(([a, v]) => [a, v.value!.value])),
              ...(sameText ? { c: d.body } : {}),
            }
          : {}),
      },
    });
  }
  return out;
}

/** The name of the `#ifndef X` / `#define X` pair that opens the header, if any. */
export function includeGuard(text: string): string | undefined {
  const m = /^\s*#\s*ifndef\s+(\w+)\s*\n\s*#\s*define\s+(\w+)/m.exec(
    text.replace(/\/\*[^]*?\*\//g, ""),
  );
  return m && m[1] === m[2] ? m[1] : undefined;
}

function toIoctl(
  args: string[][],
  value: bigint,
  body: string,
  reference: Abi,
  scope: TypeScope,
): Pick<IoctlItem, "type" | "nr" | "dir" | "arg" | "argType"> | undefined {
  const family = IOCTL_FAMILIES[reference.ioctl];
  const v = Number(BigInt.asUintN(32, value));
  const nr = v & 0xff;
  const type = (v >>> 8) & 0xff;
  const size = (v >>> 16) & ((1 << family.sizeBits) - 1);
  const dirBits = Math.floor(v / 2 ** (16 + family.sizeBits));
  const dir = dirOf(dirBits, family);
  if (!dir) return undefined;
  const written = /^\(?\s*_IO(?:WR|R|W)?\s*\(\s*([^,()]+?)\s*,\s*([^,()]+?)\s*[,)]/.exec(body);
  const name = (given: string | undefined, tokens: readonly string[], n: number) => {
    if (given && /^(?:[A-Za-z_]\w*|'[^']'|0[xX][\da-fA-F]+|\d+)$/.test(given)) return given;
    const t = strip(tokens);
    return t.length === 1 && /^(?:[A-Za-z_]\w*|'[^']')$/.test(t[0]!)
      ? t[0]!
      : `0x${n.toString(16)}`;
  };
  const out = {
    type: { name: name(written?.[1], args[1]!, type), value: type },
    nr: { name: name(written?.[2], args[2]!, nr), value: nr },
    dir,
  };
  if (dir === "none") return { ...out, arg: undefined };
  const sizeArg = strip(args[3]!);
  const inner =
    (sizeArg[0] === "__uapi_ioc_arg" || sizeArg[0] === "sizeof") && sizeArg[1] === "("
      ? strip(sizeArg.slice(1))
      : undefined;
  if (inner) {
    const spelled = inner.join(" ").replace(/ \[/g, "[").replace(/\[ /g, "[").replace(/ \]/g, "]");
    const r = resolveType(spelled, scope);
    if (!r.unsupported) {
      if (r.type.kind === "named") return { ...out, arg: r.type.name };
      return { ...out, arg: undefined, argType: r.type };
    }
  }
  // A size given as a number: an argument of that many bytes.
  const bytes: TypeRef = { kind: "array", element: { kind: "scalar", name: "__u8" }, length: size };
  return { ...out, arg: undefined, argType: bytes };
}

function dirOf(
  bits: number,
  f: (typeof IOCTL_FAMILIES)[keyof typeof IOCTL_FAMILIES],
): IoctlDir | undefined {
  if (bits === f.none) return "none";
  if (bits === f.read) return "read";
  if (bits === f.write) return "write";
  if (bits === (f.read | f.write)) return "readwrite";
  return undefined;
}
