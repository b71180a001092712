/**
 * The interpretive codec: walks a descriptor and its layout field by field. The compiled codecs
 * (compile-struct.ts) replace it on the hot paths; it stays as the reference they are tested
 * against, and it still encodes unions, whose members must agree byte for byte (rare, and the
 * agreement check is clearest here).
 */
import type { Abi } from "../abi/abis.js";
import type { FieldLayout, LayoutEngine, StructLayout } from "../layout/layout.js";
import type { FieldDesc, StructDesc, TypeDesc } from "./descriptors.js";
import { CodecError, readScalar, writeScalar } from "./scalar-io.js";

type Bag = Record<string, unknown>;

export interface Io {
  readonly view: DataView;
  readonly abi: Abi;
  readonly engine: LayoutEngine;
}

interface KindCodec<K extends TypeDesc["kind"]> {
  /** Reads the field into `target` (an anonymous union adds each member). */
  readInto(
    io: Io,
    type: Extract<TypeDesc, { kind: K }>,
    at: FieldLayout,
    target: Bag,
    name: string,
  ): void;
  writeFrom(
    io: Io,
    type: Extract<TypeDesc, { kind: K }>,
    at: FieldLayout,
    source: Bag,
    name: string,
    path: string,
  ): void;
}

function readValue(io: Io, type: TypeDesc, offset: number, size: number): unknown {
  const target: Bag = {};
  codecOf(type).readInto(io, type as never, { name: "v", offset, size, align: 1 }, target, "v");
  return target.v;
}

function writeValue(
  io: Io,
  type: TypeDesc,
  offset: number,
  size: number,
  value: unknown,
  path: string,
): void {
  codecOf(type).writeFrom(
    io,
    type as never,
    { name: "v", offset, size, align: 1 },
    { v: value },
    "v",
    path,
  );
}

const KIND_CODECS: { [K in TypeDesc["kind"]]: KindCodec<K> } = {
  scalar: {
    readInto: (io, t, at, target, name) =>
      void (target[name] = readScalar(io.view, at.offset, t.name, io.abi)),
    writeFrom: (io, t, at, source, name, path) =>
      writeScalar(io.view, at.offset, t.name, io.abi, source[name], path),
  },
  array: {
    readInto: (io, t, at, target, name) => {
      const { size } = io.engine.typeLayout(t.element);
      target[name] = Array.from({ length: t.length }, (_, i) =>
        readValue(io, t.element, at.offset + i * size, size),
      );
    },
    writeFrom: (io, t, at, source, name, path) => {
      const v = source[name];
      if (!Array.isArray(v) || v.length !== t.length) {
        throw new CodecError(path, `expected an array of ${t.length} elements`);
      }
      const { size } = io.engine.typeLayout(t.element);
      v.forEach((el, i) =>
        writeValue(io, t.element, at.offset + i * size, size, el, `${path}[${i}]`),
      );
    },
  },
  named: {
    readInto: (io, t, at, target, name) => {
      target[name] = readStruct(io, t.struct, io.engine.structLayout(t.name), at.offset);
    },
    writeFrom: (io, t, at, source, name, path) => {
      const v = source[name];
      if (!v || typeof v !== "object")
        throw new CodecError(path, `expected an object for ${t.struct.kind} ${t.name}`);
      writeStruct(io, t.struct, io.engine.structLayout(t.name), at.offset, v as Bag, path);
    },
  },
  anonUnion: {
    readInto: (io, t, at, target) => readMembers(io, t.members, at.members ?? [], target),
    writeFrom: (io, t, at, source, _name, path) =>
      t.struct
        ? t.members.forEach((f, i) =>
            codecOf(f.type).writeFrom(
              io,
              f.type as never,
              at.members![i]!,
              source,
              f.name,
              `${path}.${f.name}`,
            ),
          )
        : writeUnionMembers(io, t.members, at.members ?? [], source, path),
  },
};

function codecOf(type: TypeDesc): KindCodec<TypeDesc["kind"]> {
  return KIND_CODECS[type.kind] as KindCodec<TypeDesc["kind"]>;
}

function readMembers(
  io: Io,
  fields: readonly FieldDesc[],
  layouts: readonly FieldLayout[],
  target: Bag,
): void {
  fields.forEach((f, i) =>
    codecOf(f.type).readInto(io, f.type as never, layouts[i]!, target, f.name),
  );
}

export function readStruct(io: Io, desc: StructDesc, layout: StructLayout, base: number): Bag {
  const target: Bag = {};
  readMembers(
    io,
    desc.fields,
    layout.fields.map((f) => shift(f, base)),
    target,
  );
  return target;
}

export function writeStruct(
  io: Io,
  desc: StructDesc,
  layout: StructLayout,
  base: number,
  source: Bag,
  path: string,
): void {
  const fields = layout.fields.map((f) => shift(f, base));
  if (desc.kind === "union") return writeUnionMembers(io, desc.fields, fields, source, path);
  desc.fields.forEach((f, i) =>
    codecOf(f.type).writeFrom(io, f.type as never, fields[i]!, source, f.name, `${path}.${f.name}`),
  );
}

/**
 * Union members share their bytes: every member given must encode to the same bytes over
 * the span they share, or the value is ambiguous; the widest one given is written.
 */
export function writeUnionMembers(
  io: Io,
  fields: readonly FieldDesc[],
  layouts: readonly FieldLayout[],
  source: Bag,
  path: string,
): void {
  const given = fields
    .map((f, i) => ({ f, at: layouts[i]! }))
    .filter(({ f }) => present(f, source));
  if (given.length === 0)
    throw new CodecError(path, `give one of ${fields.map((f) => f.name).join(", ")}`);
  const encoded = given.map(({ f, at }) => {
    const scratch = new DataView(new ArrayBuffer(at.size));
    const local = { ...at, offset: 0, members: at.members?.map((m) => shift(m, -at.offset)) };
    codecOf(f.type).writeFrom(
      { ...io, view: scratch },
      f.type as never,
      local,
      source,
      f.name,
      `${path}.${f.name}`,
    );
    return { name: f.name, bytes: new Uint8Array(scratch.buffer), offset: at.offset };
  });
  const widest = encoded.reduce((a, b) => (b.bytes.length > a.bytes.length ? b : a));
  for (const e of encoded) {
    if (e.bytes.some((byte, i) => byte !== widest.bytes[i])) {
      throw new CodecError(
        path,
        `union members ${widest.name} and ${e.name} disagree; give one of them`,
      );
    }
  }
  new Uint8Array(io.view.buffer, io.view.byteOffset + widest.offset, widest.bytes.length).set(
    widest.bytes,
  );
}

/** Whether the caller gave a member; an anonymous union's members sit in the parent value. */
function present(f: FieldDesc, source: Bag): boolean {
  if (f.type.kind === "anonUnion") return f.type.members.some((m) => present(m, source));
  return source[f.name] !== undefined;
}

export function shift(f: FieldLayout, by: number): FieldLayout {
  return {
    ...f,
    offset: f.offset + by,
    ...(f.members ? { members: f.members.map((m) => shift(m, by)) } : {}),
  };
}

/** The structs a type names directly, and the types inside it: one entry per kind. */
const NESTED: {
  [K in TypeDesc["kind"]]: (t: Extract<TypeDesc, { kind: K }>) => {
    structs: StructDesc[];
    types: TypeDesc[];
  };
} = {
  scalar: () => ({ structs: [], types: [] }),
  array: (t) => ({ structs: [], types: [t.element] }),
  named: (t) => ({ structs: [t.struct], types: [] }),
  anonUnion: (t) => ({ structs: [], types: t.members.map((m) => m.type) }),
};

/** Every struct reachable from `root`, by name: the layout engine resolves named types here. */
export function reachable(root: StructDesc): Map<string, StructDesc> {
  const found = new Map<string, StructDesc>();
  const visitType = (t: TypeDesc): void => {
    const nested = (
      NESTED[t.kind] as (t: TypeDesc) => { structs: StructDesc[]; types: TypeDesc[] }
    )(t);
    nested.structs.forEach(visit);
    nested.types.forEach(visitType);
  };
  const visit = (d: StructDesc): void => {
    if (found.has(d.name)) return;
    found.set(d.name, d);
    d.fields.forEach((f) => visitType(f.type));
  };
  visit(root);
  return found;
}
