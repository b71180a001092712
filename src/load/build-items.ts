/** Builds enums, flag sets, constants, ioctls and hardware command sets. */
import { findAbi } from "../abi/abis.js";
import { SCALARS, type ScalarName } from "../abi/kernel-types.js";
import type { IoctlDir } from "../abi/ioctl-families.js";
import type {
  BitField,
  Command,
  CommandSetItem,
  ConstantItem,
  EnumItem,
  FlagsItem,
  IoctlItem,
} from "../model/ir.js";
import { storedValue } from "../model/ir.js";
import { buildType } from "./build-struct.js";
import { parseCInt, type CInt } from "./c-int.js";
import { abisOf } from "./record-attributes.js";
import { itemOf, type BuildContext, type RegisteredItem } from "./build-context.js";
import { checkName, checkNotEmpty } from "./check-names.js";
import { dslKind, dslSpec, isObj, type Obj } from "./spec-reader.js";

const U32_MAX = 0xffffffff;
/** Flags become C enum members, which cannot hold bits above 31. */
const MAX_FLAG_BIT = 31;
const FLAG_RANGE = "a flag is a bit number from 0 to 31 (flags are C enum members)";

function base(item: RegisteredItem, ctx: BuildContext, spec: Obj) {
  return {
    name: item.name,
    module: item.module,
    loc: item.loc,
    doc: ctx.read.doc(spec, item.name),
    // Only constants and ioctls read `abis` here (enums and structs read it themselves).
    ...(item.kind === "constant" || item.kind === "ioctl" ? abisOf(ctx, spec, item.name) : {}),
  };
}

function specObject(
  ctx: BuildContext,
  item: RegisteredItem,
  keys: readonly string[],
): Obj | undefined {
  if (!isObj(item.spec))
    return void ctx.read.error(item.loc, item.name, `${item.kind}(...) takes an object`);
  ctx.read.keys(item.spec, keys, item.name);
  return item.spec;
}

export function buildEnum(ctx: BuildContext, item: RegisteredItem): EnumItem | undefined {
  const spec = specObject(ctx, item, ["doc", "anonymous", "members", "abis"]);
  const members = spec && ctx.read.object(spec, "members", item.name);
  if (!spec || !members) return undefined;
  checkNotEmpty(ctx, spec, "members", item.name);
  const out: EnumItem["members"][number][] = [];
  for (const [name, m] of Object.entries(members)) {
    const path = `${item.name}.members.${name}`;
    const loc = ctx.read.map.ofProperty(members, name);
    checkName(ctx, name, loc, path, "enum member");
    const spec = typeof m === "number" ? { value: m } : m;
    if (!isObj(spec)) {
      ctx.read.error(loc, path, "an enum member is a number or { value, doc }");
      continue;
    }
    ctx.read.keys(spec, ["value", "doc", "byAbi"], path);
    const byAbi = perAbiValues(ctx, spec, path);
    const exact =
      dslKind(spec.value) === "cInt" ? cIntOf(ctx, spec.value, `${path}.value`) : undefined;
    if (exact) {
      out.push({
        name,
        ...storedValue(exact.value),
        ...(byAbi ? { byAbi } : {}),
        loc,
        doc: ctx.read.doc(spec, path),
      });
      continue;
    }
    const value =
      typeof m === "number"
        ? m
        : ctx.read.integer(spec, "value", path, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value)) {
      ctx.read.error(loc, path, "an enum value must be an integer");
      continue;
    }
    out.push({ name, value, ...(byAbi ? { byAbi } : {}), loc, doc: ctx.read.doc(spec, path) });
  }
  return {
    kind: "enum",
    ...base(item, ctx, spec),
    anonymous: ctx.read.boolean(spec, "anonymous", item.name),
    members: out,
    ...abisOf(ctx, spec, item.name),
  };
}

export function buildFlags(ctx: BuildContext, item: RegisteredItem): FlagsItem | undefined {
  const spec = specObject(ctx, item, ["doc", "bits"]);
  const bits = spec && ctx.read.object(spec, "bits", item.name);
  if (!spec || !bits) return undefined;
  checkNotEmpty(ctx, spec, "bits", item.name);
  const out: FlagsItem["bits"][number][] = [];
  for (const [name, b] of Object.entries(bits)) {
    const path = `${item.name}.bits.${name}`;
    const loc = ctx.read.map.ofProperty(bits, name);
    checkName(ctx, name, loc, path, "flag");
    if (typeof b === "number") {
      if (Number.isInteger(b) && b >= 0 && b <= MAX_FLAG_BIT)
        out.push({ name, bit: b, loc, doc: undefined });
      else ctx.read.error(loc, path, FLAG_RANGE);
      continue;
    }
    if (!isObj(b)) {
      ctx.read.error(loc, path, "a flag is a bit number or { bit, doc }");
      continue;
    }
    ctx.read.keys(b, ["bit", "doc"], path);
    const bit = ctx.read.integer(b, "bit", path, 0, MAX_FLAG_BIT);
    if (bit !== undefined) out.push({ name, bit, loc, doc: ctx.read.doc(b, path) });
  }
  return { kind: "flags", ...base(item, ctx, spec), bits: out };
}

export function buildConstant(ctx: BuildContext, item: RegisteredItem): ConstantItem | undefined {
  const spec = specObject(ctx, item, ["doc", "value", "text", "c", "byAbi", "abis"]);
  if (!spec) return undefined;
  const v = spec.value;
  if (typeof spec.text === "string" && v === undefined)
    return { kind: "constant", ...base(item, ctx, spec), value: { kind: "text", text: spec.text } };
  if (dslKind(v) === "char") {
    const c = dslSpec(v);
    if (typeof c === "string" && c.length === 1 && c.charCodeAt(0) < 128) {
      return {
        kind: "constant",
        ...base(item, ctx, spec),
        value: { kind: "char", char: c, value: c.charCodeAt(0) },
      };
    }
    return void ctx.read.error(
      ctx.read.map.of(v),
      `${item.name}.value`,
      "char(...) takes one ASCII character",
    );
  }
  const exact =
    dslKind(v) === "cInt"
      ? cIntOf(ctx, v, `${item.name}.value`)
      : typeof v === "number" && Number.isSafeInteger(v)
        ? { value: BigInt(v), unsigned: false, size: 4 }
        : undefined;
  if (exact) {
    const byAbi = perAbiValues(ctx, spec, item.name);
    const c = typeof spec.c === "string" ? spec.c : undefined;
    return {
      kind: "constant",
      ...base(item, ctx, spec),
      value: {
        kind: "int",
        ...storedValue(exact.value),
        ...(exact.unsigned ? { unsigned: true } : {}),
        ...(dslKind(v) === "cInt" && exact.size !== 4 ? { size: exact.size } : {}),
        ...(byAbi ? { byAbi } : {}),
        ...(c ? { c } : {}),
      },
    };
  }
  if (dslKind(v) !== "cInt")
    ctx.read.error(
      ctx.read.map.ofProperty(spec, "value", "value"),
      `${item.name}.value`,
      "a constant's value is an integer, cInt(...) or char(...); or give `text`",
    );
  return undefined;
}

function cIntOf(ctx: BuildContext, v: unknown, path: string): CInt | undefined {
  const text = dslSpec(v);
  const parsed = typeof text === "string" ? parseCInt(text) : undefined;
  if (!parsed)
    ctx.read.error(
      ctx.read.map.of(v),
      path,
      'cInt(...) takes a C integer literal such as "0xffffffffffffffffULL"',
    );
  return parsed;
}

/** `byAbi: { m68k: 14 }`: the value on ABIs where a C expression computes another one. */
function perAbiValues(
  ctx: BuildContext,
  spec: Obj,
  path: string,
): Record<string, bigint> | undefined {
  const o = spec.byAbi;
  if (o === undefined) return undefined;
  if (!isObj(o))
    return void ctx.read.error(
      ctx.read.map.of(o),
      `${path}.byAbi`,
      "`byAbi` maps ABI names to values",
    );
  const out: Record<string, bigint> = {};
  for (const [abi, x] of Object.entries(o)) {
    const v =
      typeof x === "number" && Number.isSafeInteger(x)
        ? BigInt(x)
        : dslKind(x) === "cInt"
          ? cIntOf(ctx, x, `${path}.byAbi.${abi}`)?.value
          : undefined;
    if (!findAbi(abi) || v === undefined)
      ctx.read.error(
        ctx.read.map.ofProperty(o, abi),
        `${path}.byAbi.${abi}`,
        `\`${abi}\`: an ABI of the table and an integer`,
      );
    else out[abi] = v;
  }
  return out;
}

const IOCTL_DIRS: readonly IoctlDir[] = ["none", "read", "write", "readwrite"];

export function buildIoctl(ctx: BuildContext, item: RegisteredItem): IoctlItem | undefined {
  const spec = specObject(ctx, item, ["doc", "type", "nr", "dir", "arg", "argType", "abis"]);
  if (!spec) return undefined;
  const { read } = ctx;
  const typeItem = itemOf(ctx, spec.type, ["constant"]);
  const typeValue = typeItem ? ctx.values.get(typeItem.name) : undefined;
  if (!typeItem || !typeValue)
    read.error(
      read.map.ofProperty(spec, "type", "value"),
      `${item.name}.type`,
      "`type` must be a constant(...) item, e.g. the type character",
    );
  const nrName = read.string(spec, "nr", item.name);
  const nrValue = nrName !== undefined ? ctx.values.get(nrName) : undefined;
  if (nrName !== undefined && !nrValue) {
    read.error(
      read.map.ofProperty(spec, "nr", "value"),
      `${item.name}.nr`,
      `\`${nrName}\` is not an enum member or constant`,
      undefined,
      "defs/unresolved",
    );
  }
  if (nrValue && (nrValue.value < 0 || nrValue.value > 0xff))
    read.error(
      read.map.ofProperty(spec, "nr", "value"),
      `${item.name}.nr`,
      `the command number ${nrValue.value} does not fit the 8-bit nr field`,
    );
  const dir = read.oneOf(spec, "dir", item.name, IOCTL_DIRS);
  const arg = spec.arg === undefined ? undefined : itemOf(ctx, spec.arg, ["struct", "union"]);
  if (spec.arg !== undefined && !arg)
    read.error(
      read.map.ofProperty(spec, "arg", "value"),
      `${item.name}.arg`,
      "`arg` must be a struct item",
    );
  const argType =
    spec.argType === undefined
      ? undefined
      : buildType(ctx, spec.argType, `${item.name}.argType`, () =>
          read.map.ofProperty(spec, "argType", "value"),
        );
  if (dir && dir !== "none" && !arg && !argType)
    read.error(item.loc, item.name, `a \`${dir}\` ioctl encodes its argument's size: give \`arg\``);
  if (!typeItem || !typeValue || nrName === undefined || !nrValue || !dir) return undefined;
  return {
    kind: "ioctl",
    ...base(item, ctx, spec),
    type: { name: typeItem.name, value: typeValue.value },
    nr: { name: nrName, value: nrValue.value },
    dir,
    arg: arg?.name,
    ...(argType ? { argType } : {}),
  };
}

export function buildCommandSet(
  ctx: BuildContext,
  item: RegisteredItem,
): CommandSetItem | undefined {
  const spec = specObject(ctx, item, [
    "doc",
    "macroPrefix",
    "wordType",
    "words",
    "opcode",
    "commands",
  ]);
  if (!spec) return undefined;
  const { read } = ctx;
  const macroPrefix = read.string(spec, "macroPrefix", item.name);
  const wordType = read.oneOf(spec, "wordType", item.name, [
    "__le32",
    "__le64",
    "__be32",
    "__be64",
  ] as const);
  const words = read.integer(spec, "words", item.name, 1, 64);
  const commands = read.object(spec, "commands", item.name);
  if (macroPrefix !== undefined)
    checkName(
      ctx,
      macroPrefix,
      read.map.ofProperty(spec, "macroPrefix", "value"),
      `${item.name}.macroPrefix`,
      "macro prefix",
    );
  if (!macroPrefix || !wordType || !words || !commands) return undefined;
  const wordBits = SCALARS[wordType as ScalarName].size! * 8;
  const opcode = buildBits(
    ctx,
    spec.opcode,
    "OP",
    `${item.name}.opcode`,
    words,
    wordBits,
    // The property's position: a value that is no bits(...) (a number) has none of its own.
    read.map.ofProperty(spec, "opcode", "value"),
  );
  const out: Command[] = [];
  for (const [name, c] of Object.entries(commands)) {
    const path = `${item.name}.commands.${name}`;
    const loc = read.map.ofProperty(commands, name);
    checkName(ctx, name, loc, path, "command");
    if (!isObj(c)) {
      read.error(loc, path, "a command is { opcode, doc, fields }");
      continue;
    }
    read.keys(c, ["opcode", "doc", "fields"], path);
    const value = read.integer(
      c,
      "opcode",
      path,
      0,
      opcode ? 2 ** (opcode.hi - opcode.lo + 1) - 1 : U32_MAX,
    );
    const fieldsObj = read.object(c, "fields", path, false) ?? {};
    const fields = Object.entries(fieldsObj).flatMap(([f, b]) => {
      const fieldLoc = read.map.ofProperty(fieldsObj, f);
      checkName(ctx, f, fieldLoc, `${path}.fields.${f}`, "field");
      const built = buildBits(ctx, b, f, `${path}.fields.${f}`, words, wordBits, fieldLoc);
      return built ? [built] : [];
    });
    if (value !== undefined) out.push({ name, opcode: value, doc: read.doc(c, path), loc, fields });
  }
  if (!opcode) return undefined;
  return {
    kind: "commandSet",
    ...base(item, ctx, spec),
    macroPrefix,
    wordType,
    words,
    opcode,
    commands: out,
  };
}

function buildBits(
  ctx: BuildContext,
  value: unknown,
  name: string,
  path: string,
  words: number,
  wordBits: number,
  loc = ctx.read.map.of(value),
): BitField | undefined {
  const b = dslKind(value) === "bits" ? dslSpec(value) : undefined;
  if (!isObj(b)) return void ctx.read.error(loc, path, "a field is bits(word, hi, lo)");
  const { word, hi, lo, doc } = b as { word: number; hi: number; lo: number; doc?: string };
  const ok =
    [word, hi, lo].every(Number.isInteger) &&
    word >= 0 &&
    word < words &&
    lo >= 0 &&
    lo <= hi &&
    hi < wordBits;
  if (!ok)
    return void ctx.read.error(
      loc,
      path,
      `bits(${word}, ${hi}, ${lo}) is outside ${words} ${wordBits}-bit words or has hi < lo`,
    );
  return { name, word, hi, lo, doc, loc };
}
