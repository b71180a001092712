/** Builds struct and union items, their fields, types and array descriptors. */
import { isScalarName, KERNEL_SCALAR_NAMES } from "../abi/kernel-types.js";
import type { SourceLoc } from "../diagnostics/diagnostic.js";
import type {
  ArrayDescriptor,
  Direction,
  Field,
  StructItem,
  StructVariant,
  TypeRef,
} from "../model/ir.js";
import { itemOf, type BuildContext, type RegisteredItem } from "./build-context.js";
import { cNameProblem } from "./c-names.js";
import {
  abisOf,
  alignment,
  elsewhereOf,
  layoutAttributes,
  perAbiName,
  perAbiType,
} from "./record-attributes.js";
import { checkMemberNames } from "./check-names.js";
import { MAX_TYPE_BYTES } from "./limits.js";
import { dslKind, dslSpec, isObj, type Obj } from "./spec-reader.js";

const STRUCT_KEYS = [
  "doc",
  "fields",
  "extensible",
  "arrays",
  "hardware",
  "packed",
  "align",
  "maxFieldAlign",
  "typedef",
  "header",
  "variants",
  "abis",
  "elsewhere",
] as const;
const FIELD_KEYS = [
  "type",
  "doc",
  "dir",
  "reserved",
  "userPtr",
  "flags",
  "values",
  "bitWidth",
  "align",
  "packed",
  "unnamed",
] as const;
const ARRAY_KEYS = [
  "pointer",
  "entryLen",
  "count",
  "selector",
  "entries",
  "onError",
  "doc",
] as const;
const DIRECTIONS: readonly Direction[] = ["in", "out", "inout"];

export function buildStruct(
  ctx: BuildContext,
  item: RegisteredItem,
  kind: "struct" | "union",
): StructItem | undefined {
  const { read } = ctx;
  const spec = item.spec;
  const path = item.name;
  if (!isObj(spec)) return void read.error(item.loc, path, `${kind}(...) takes an object`);
  read.keys(spec, STRUCT_KEYS, path);
  const fieldsObj = read.object(spec, "fields", path);
  if (!fieldsObj) return undefined;
  // No fields is GNU C's empty record (size 0), which imported headers use
  // (`__DECLARE_FLEX_ARRAY`).
  const fields = buildFields(ctx, fieldsObj, `${path}.fields`);
  checkMemberNames(ctx, fields, `${path}.fields`);
  if (Object.keys(fieldsObj).length === 0 && !ctx.cOnly)
    read.error(
      read.map.ofProperty(spec, "fields"),
      `${path}.fields`,
      `a ${kind} needs at least one field`,
      "an empty record is GNU C only (size 0; C++ makes it 1): header({ cOnly: true }) allows it",
    );
  const extensible = buildExtensible(ctx, spec, path, fields);
  const arraysValue = spec.arrays;
  const arrays: ArrayDescriptor[] = [];
  if (arraysValue !== undefined) {
    if (!Array.isArray(arraysValue))
      read.error(
        read.map.ofProperty(spec, "arrays", "value"),
        `${path}.arrays`,
        "`arrays` must be a list",
      );
    else
      arraysValue.forEach((a, i) => {
        const built = buildArrayDescriptor(ctx, a, `${path}.arrays[${i}]`, fields);
        if (built) arrays.push(built);
      });
  }
  return {
    kind,
    name: item.name,
    module: item.module,
    loc: item.loc,
    doc: read.doc(spec, path),
    fields,
    extensible,
    arrays,
    hardware: read.boolean(spec, "hardware", path),
    ...layoutAttributes(ctx, spec, path),
    ...(read.boolean(spec, "typedef", path) ? { typedef: true as const } : {}),
    ...(typeof spec.header === "string" ? { header: spec.header } : {}),
    ...variantsOf(ctx, spec, path),
    ...abisOf(ctx, spec, path),
    ...elsewhereOf(ctx, spec, path),
  };
}

/** `variants: [{ abis, fields, ... }]`: the record as those ABIs declare it. */
function variantsOf(ctx: BuildContext, spec: Obj, path: string): { variants?: StructVariant[] } {
  const list = spec.variants;
  if (list === undefined) return {};
  if (!Array.isArray(list)) {
    ctx.read.error(
      ctx.read.map.ofProperty(spec, "variants", "value"),
      `${path}.variants`,
      "`variants` is a list",
    );
    return {};
  }
  const variants: StructVariant[] = [];
  list.forEach((v, i) => {
    const at = `${path}.variants[${i}]`;
    if (!isObj(v))
      return void ctx.read.error(ctx.read.map.of(v), at, "a variant is { abis, fields }");
    ctx.read.keys(v, ["abis", "fields", "packed", "align", "maxFieldAlign", "typedef"], at);
    const abis = abisOf(ctx, v, at).abis;
    const fieldsObj = ctx.read.object(v, "fields", at);
    if (!abis || !fieldsObj) return;
    variants.push({
      abis,
      fields: buildFields(ctx, fieldsObj, `${at}.fields`),
      ...layoutAttributes(ctx, v, at),
      ...(typeof v.typedef === "boolean" ? { typedef: v.typedef } : {}),
    });
  });
  return variants.length ? { variants } : {};
}

/** Field names as C sees them: anonymous union members are members of the struct. */
export function fieldNames(fields: readonly Field[]): string[] {
  return fields.flatMap((f) =>
    f.type.kind === "anonUnion" ? fieldNames(f.type.members) : [f.name],
  );
}

function buildFields(ctx: BuildContext, obj: Obj, path: string): Field[] {
  const out: Field[] = [];
  for (const [name, value] of Object.entries(obj)) {
    const field = buildField(ctx, obj, name, value, `${path}.${name}`);
    if (field) out.push(field);
  }
  return out;
}

function buildField(
  ctx: BuildContext,
  owner: Obj,
  name: string,
  spec: unknown,
  path: string,
): Field | undefined {
  const { read } = ctx;
  const loc = read.map.ofProperty(owner, name);
  // An unnamed bitfield (C's `int :3;`): IR names it `(key)`, so no C name is printed.
  const unnamed = isObj(spec) && spec.unnamed === true;
  const problem = cNameProblem(name, ctx.cOnly);
  if (problem) read.error(loc, path, problem, "rename the field");
  const anonKind = dslKind(spec);
  if (anonKind === "anonUnion" || anonKind === "anonStruct") {
    const u = dslSpec(spec);
    if (!isObj(u)) return undefined;
    read.keys(u, ["doc", "members", "packed", "align"], path);
    const members = read.object(u, "members", path);
    if (!members) return undefined;
    return {
      name,
      loc,
      doc: read.doc(u, path),
      type: {
        kind: "anonUnion",
        members: buildFields(ctx, members, `${path}.members`),
        ...(anonKind === "anonStruct" ? { struct: true as const } : {}),
        ...(read.boolean(u, "packed", path) ? { packed: true as const } : {}),
        ...(u.align !== undefined ? { align: alignment(ctx, u, "align", path) } : {}),
      },
      dir: "in",
      reserved: false,
      userPtr: false,
      flags: undefined,
      values: undefined,
    };
  }
  if (!isObj(spec) || dslKind(spec)) {
    return void read.error(
      loc,
      path,
      `field \`${name}\` must be an object such as { type: "__u32", doc: "..." }`,
    );
  }
  read.keys(spec, FIELD_KEYS, path);
  if (!("type" in spec)) return void read.error(loc, path, `field \`${name}\` has no \`type\``);
  const type = buildType(ctx, spec.type, `${path}.type`, () =>
    read.map.ofProperty(spec, "type", "value"),
  );
  if (!type) return undefined;
  const flags = spec.flags === undefined ? undefined : itemOf(ctx, spec.flags, ["flags"]);
  if (spec.flags !== undefined && !flags)
    read.error(
      read.map.ofProperty(spec, "flags", "value"),
      `${path}.flags`,
      "`flags` must be a flagSet(...) item",
    );
  const values = spec.values === undefined ? undefined : itemOf(ctx, spec.values, ["enum"]);
  if (spec.values !== undefined && !values)
    read.error(
      read.map.ofProperty(spec, "values", "value"),
      `${path}.values`,
      "`values` must be an enumeration(...) item",
    );
  const perAbiC = perAbiName(spec.type);
  const width =
    spec.bitWidth === undefined ? undefined : read.integer(spec, "bitWidth", path, 0, 64);
  if (width !== undefined && type.kind !== "scalar")
    read.error(
      read.map.ofProperty(spec, "bitWidth"),
      `${path}.bitWidth`,
      "only a scalar field can be a bitfield",
    );
  const align = spec.align === undefined ? undefined : alignment(ctx, spec, "align", path);
  if (unnamed && width === undefined)
    read.error(
      read.map.ofProperty(spec, "unnamed"),
      `${path}.unnamed`,
      "only a bitfield can be unnamed",
    );
  return {
    name: unnamed ? `(${name})` : name,
    loc,
    doc: read.doc(spec, path),
    type,
    dir: read.oneOf(spec, "dir", path, DIRECTIONS, "in") ?? "in",
    reserved: read.boolean(spec, "reserved", path),
    userPtr: read.boolean(spec, "userPtr", path),
    flags: flags?.name,
    values: values?.name,
    ...(typeof perAbiC === "string" ? { cType: perAbiC } : {}),
    ...(width !== undefined ? { bitWidth: width } : {}),
    ...(align !== undefined ? { align } : {}),
    ...(read.boolean(spec, "packed", path) ? { packed: true } : {}),
  };
}

/** `where`: the position errors are reported at, looked up only when there is one. */
export function buildType(
  ctx: BuildContext,
  value: unknown,
  path: string,
  where: () => SourceLoc | undefined = () => ctx.read.map.of(value),
): TypeRef | undefined {
  const { read } = ctx;
  if (typeof value === "string") {
    if (isScalarName(value)) return { kind: "scalar", name: value };
    return void read.error(
      where(),
      path,
      `unknown type \`${value}\``,
      `use a kernel type: ${KERNEL_SCALAR_NAMES.join(", ")}`,
    );
  }
  const kind = dslKind(value);
  if (kind === "perAbi") return perAbiType(ctx, dslSpec(value), path, where);
  if (kind === "array") {
    const spec = dslSpec(value);
    if (!isObj(spec)) return void read.error(where(), path, "array(...) takes a type and a length");
    const element = buildType(ctx, spec.element, `${path}.element`, where);
    const length = spec.length;
    // 0: a flexible array member (C's `x[]`): no bytes, but its alignment counts.
    if (typeof length !== "number" || !Number.isInteger(length) || length < 0) {
      return void read.error(where(), path, "an array length must be an integer, 0 or more");
    }
    if (length > MAX_TYPE_BYTES)
      return void read.error(
        where(),
        path,
        `an array length is at most ${MAX_TYPE_BYTES}, the largest object every 32-bit ABI can declare`,
        undefined,
        "defs/limit",
      );
    return element ? { kind: "array", element, length } : undefined;
  }
  const named = itemOf(ctx, value, ["struct", "union"]);
  if (named) return { kind: "named", name: named.name };
  read.error(where(), path, "a type is a kernel type name, array(...), or a struct or union item");
  return undefined;
}

function buildExtensible(
  ctx: BuildContext,
  spec: Obj,
  path: string,
  fields: readonly Field[],
): StructItem["extensible"] {
  const { read } = ctx;
  const ext = read.object(spec, "extensible", path, false);
  if (!ext) return undefined;
  const names = new Set(fieldNames(fields));
  read.keys(ext, ["size", "lastMandatory"], `${path}.extensible`);
  const size = read.string(ext, "size", `${path}.extensible`);
  const lastMandatory = read.string(ext, "lastMandatory", `${path}.extensible`);
  for (const [key, v] of [
    ["size", size],
    ["lastMandatory", lastMandatory],
  ] as const) {
    if (v !== undefined && !names.has(v))
      read.error(
        read.map.ofProperty(ext, key, "value"),
        `${path}.extensible.${key}`,
        `no field \`${v}\` in this struct`,
      );
  }
  return size !== undefined && lastMandatory !== undefined ? { size, lastMandatory } : undefined;
}

function buildArrayDescriptor(
  ctx: BuildContext,
  a: unknown,
  path: string,
  fields: readonly Field[],
): ArrayDescriptor | undefined {
  const { read } = ctx;
  if (!isObj(a)) return void read.error(read.map.of(a), path, "an array descriptor is an object");
  read.keys(a, ARRAY_KEYS, path);
  const byName = new Map(fields.map((f) => [f.name, f]));
  const ref = (key: string, required: boolean): string | undefined => {
    const name = read.string(a, key, path, required);
    if (name !== undefined && !byName.has(name))
      read.error(
        read.map.ofProperty(a, key, "value"),
        `${path}.${key}`,
        `no field \`${name}\` in this struct`,
      );
    return name;
  };
  const [pointer, entryLen, count] = [
    ref("pointer", true),
    ref("entryLen", true),
    ref("count", true),
  ];
  const selector = ref("selector", false);
  const entries: { member: string; struct: string }[] = [];
  const entriesObj = read.object(a, "entries", path, false);
  const selectorEnum = selector ? byName.get(selector)?.values : undefined;
  const enumItem = selectorEnum ? ctx.byName.get(selectorEnum) : undefined;
  const members =
    enumItem && isObj(enumItem.spec) && isObj(enumItem.spec.members)
      ? enumItem.spec.members
      : undefined;
  for (const [member, struct] of Object.entries(entriesObj ?? {})) {
    const loc = read.map.ofProperty(entriesObj!, member);
    const s = itemOf(ctx, struct, ["struct", "union"]);
    if (!s) read.error(loc, `${path}.entries.${member}`, "an entry must be a struct item");
    if (!selector) read.error(loc, `${path}.entries`, "`entries` needs a `selector` field");
    else if (!members)
      read.error(
        loc,
        `${path}.entries`,
        `the selector \`${selector}\` needs \`values\`: the enum whose members select the entry struct`,
      );
    else if (!Object.hasOwn(members, member))
      read.error(
        loc,
        `${path}.entries.${member}`,
        `\`${member}\` is not a member of ${selectorEnum}`,
      );
    if (s) entries.push({ member, struct: s.name });
  }
  const onErrorObj = read.object(a, "onError", path, false);
  let onError: ArrayDescriptor["onError"];
  if (onErrorObj) {
    read.keys(onErrorObj, ["blame", "count"], `${path}.onError`);
    const blame = read.oneOf(onErrorObj, "blame", `${path}.onError`, ["entry-at-count"] as const);
    const countOut = read.oneOf(onErrorObj, "count", `${path}.onError`, ["handled"] as const);
    if (blame && countOut) onError = { blame, count: countOut };
  }
  if (!pointer || !entryLen || !count) return undefined;
  return {
    loc: read.map.of(a),
    doc: read.doc(a, path),
    pointer,
    entryLen,
    count,
    selector,
    entries,
    onError,
  };
}
