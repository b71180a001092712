/**
 * The one codec engine behind every generated struct: it lays the struct out with the shared
 * layout engine for the requested ABI, compiles straight-line decode and encode functions and
 * a view class from that layout once per ABI (compile-struct.ts, struct-view.ts), and reads or
 * writes each field with that ABI's byte order (or the field's explicit one). Generated code
 * only declares descriptors.
 */
import { findAbi, type Abi } from "../abi/abis.js";
import { LayoutEngine, type StructLayout } from "../layout/layout.js";
import { compileStruct, type CompiledStruct } from "./compile-struct.js";
import type { StructDesc } from "./descriptors.js";
import { planStruct } from "./plan.js";
import { reachable } from "./reference.js";
import { CodecError } from "./scalar-io.js";
import { StructRules } from "./validate.js";
import {
  buildRequest,
  decodeRequest,
  type DecodedRequest,
  type Request,
  type RequestInput,
} from "./request.js";
import { dataViewOf } from "./data-view.js";
import { typedReads } from "./decode-source.js";
import {
  compileView,
  EntryArrayView,
  viewState,
  type ArrayView,
  type StructView,
  type ViewClass,
} from "./struct-view.js";

/** Where a run of entries starts and how many there are (by default, as many as fit). */
export interface RunOptions {
  readonly offset?: number;
  readonly count?: number;
}

/**
 * `validate: false` skips the checks of validate.ts (reserved fields zero, flags within their
 * set, enum values known), for instance to build the invalid requests a test sends on purpose.
 */
export interface CodecOptions {
  readonly validate?: boolean;
}

export function resolveAbi(abi: string | Abi): Abi {
  if (typeof abi !== "string") return abi;
  const found = findAbi(abi);
  if (!found) throw new CodecError(abi, "unknown ABI");
  return found;
}

/** What a codec keeps per ABI; the compiled functions are made on first use. */
class PerAbi {
  compiled: CompiledStruct | undefined;
  /** View classes reading through the DataView, and through typed arrays (aligned runs). */
  readonly views: [ViewClass | undefined, ViewClass | undefined] = [undefined, undefined];
  constructor(
    readonly abi: Abi,
    readonly engine: LayoutEngine,
    readonly layout: StructLayout,
  ) {}
}

export class StructCodec<T> {
  private readonly perAbi = new Map<string, PerAbi>();
  private readonly structs: Map<string, StructDesc>;
  /** The last ABI asked for, as given: hot loops pass the same string every call. */
  private lastKey: string | Abi | undefined;
  private last: PerAbi | undefined;

  constructor(readonly desc: StructDesc) {
    this.structs = reachable(desc);
    this.rules = new StructRules(desc);
  }

  /** The struct's rules (validate.ts): nothing to run when it has none. */
  private readonly rules: StructRules;

  /** Throws a CodecError naming the first field that breaks a rule (validate.ts). */
  validate(value: T): void {
    if (!value || typeof value !== "object") throw new CodecError(this.name, "expected an object");
    this.rules.check(value);
  }

  get name(): string {
    return this.desc.name;
  }

  private of(abi: string | Abi): PerAbi {
    if (abi === this.lastKey && this.last) return this.last;
    const a = resolveAbi(abi);
    let entry = this.perAbi.get(a.name);
    if (!entry) {
      const engine = new LayoutEngine(a, (n) => this.structs.get(n));
      entry = new PerAbi(a, engine, engine.structLayout(this.desc.name));
      this.perAbi.set(a.name, entry);
    }
    this.lastKey = abi;
    return (this.last = entry);
  }

  private compiled(abi: string | Abi): CompiledStruct {
    const e = this.of(abi);
    return (e.compiled ??= compileStruct(planStruct(e.engine, this.desc), e.engine));
  }

  private bounds(bytes: Uint8Array, offset: number, size: number): void {
    if (offset < 0 || offset + size > bytes.length) {
      throw new CodecError(
        this.name,
        `needs ${size} bytes at offset ${offset}, got ${bytes.length - offset}`,
      );
    }
  }

  /** The entries a run covers: `count` given, or as many whole entries as fit. */
  private run(bytes: Uint8Array, size: number, options: RunOptions): [number, number] {
    const offset = options.offset ?? 0;
    const count = options.count ?? (size ? Math.floor((bytes.length - offset) / size) : 0);
    if (!Number.isInteger(count) || count < 0)
      throw new CodecError(this.name, `bad entry count ${count}`);
    this.bounds(bytes, offset, count * size);
    return [offset, count];
  }

  layout(abi: string | Abi): StructLayout {
    return this.of(abi).layout;
  }

  size(abi: string | Abi): number {
    return this.of(abi).layout.size;
  }

  /** Encodes `value` into a new buffer of sizeof(struct) bytes; padding bytes are zero. */
  encode(value: T, abi: string | Abi, options?: CodecOptions): Uint8Array {
    const bytes = new Uint8Array(this.size(abi));
    this.encodeInto(bytes, 0, value, abi, options);
    return bytes;
  }

  /** Writes the fields of `value` at `offset`; padding bytes are left as they are. */
  encodeInto(
    bytes: Uint8Array,
    offset: number,
    value: T,
    abi: string | Abi,
    options?: CodecOptions,
  ): void {
    const c = this.compiled(abi);
    if (offset < 0 || offset + c.plan.size > bytes.length)
      throw new CodecError(this.name, `needs ${c.plan.size} bytes at offset ${offset}`);
    if (!value || typeof value !== "object") throw new CodecError(this.name, "expected an object");
    if (options?.validate !== false) this.rules.check(value);
    c.encode(dataViewOf(bytes), offset, value as Record<string, unknown>);
  }

  decode(bytes: Uint8Array, abi: string | Abi, offset = 0, options?: CodecOptions): T {
    const c = this.compiled(abi);
    this.bounds(bytes, offset, c.plan.size);
    const value = c.decode(dataViewOf(bytes), offset) as T;
    if (options?.validate !== false) this.rules.check(value);
    return value;
  }

  /** Encodes consecutive structs into a new buffer (padding zero), like an entry array. */
  encodeArray(values: readonly T[], abi: string | Abi, options?: CodecOptions): Uint8Array {
    const c = this.compiled(abi);
    const bytes = new Uint8Array(values.length * c.plan.size);
    const check = options?.validate !== false ? this.rules.perEntry : undefined;
    if (check) c.encodeArrayChecked(new DataView(bytes.buffer), 0, values, check);
    else c.encodeArray(new DataView(bytes.buffer), 0, values);
    return bytes;
  }

  /** Decodes a run of consecutive structs, e.g. the entries of an invalidation array. */
  decodeArray(bytes: Uint8Array, abi: string | Abi, options: RunOptions & CodecOptions = {}): T[] {
    const c = this.compiled(abi);
    const [offset, count] = this.run(bytes, c.plan.size, options);
    const out = new Array<T>(count);
    const dv = dataViewOf(bytes);
    const typed = offset % 8 === 0 && c.plan.size % 8 === 0 ? typedReads(bytes, dv) : undefined;
    const check = options.validate !== false ? this.rules.perEntry : undefined;
    if (typed) {
      if (check) c.decodeArrayTypedChecked(typed, offset, out, check);
      else c.decodeArrayTyped(typed, offset, out);
    } else if (check) c.decodeArrayChecked(dv, offset, out, check);
    else c.decodeArray(dv, offset, out);
    return out;
  }

  /**
   * The view class for positions `offset + i * stride` of `bytes`, and the typed arrays it
   * reads when all of them start 8-byte aligned (decode-source.ts).
   */
  private viewClass(e: PerAbi, bytes: Uint8Array, offset: number, stride: number) {
    const dv = dataViewOf(bytes);
    const typed = offset % 8 === 0 && stride % 8 === 0 ? typedReads(bytes, dv) : undefined;
    const k = typed ? 1 : 0;
    const View = (e.views[k] ??= compileView(planStruct(e.engine, this.desc), k === 1));
    return { View, dv, typed };
  }

  /** A zero-copy cursor over the struct at `offset`: each getter reads the buffer. */
  view(bytes: Uint8Array, abi: string | Abi, offset = 0): StructView<T> {
    const e = this.of(abi);
    this.bounds(bytes, offset, e.layout.size);
    const { View, dv, typed } = this.viewClass(e, bytes, offset, 8);
    return new View(viewState(dv, offset, typed)) as StructView<T>;
  }

  /** Zero-copy cursors over a run of structs; `at(i)` moves one shared cursor. */
  viewArray(
    bytes: Uint8Array,
    abi: string | Abi,
    options: RunOptions = {},
  ): ArrayView<StructView<T>> {
    const e = this.of(abi);
    const [offset, count] = this.run(bytes, e.layout.size, options);
    const { View, dv, typed } = this.viewClass(e, bytes, offset, e.layout.size);
    return new EntryArrayView(dv, offset, count, e.layout.size, View, typed);
  }

  /**
   * A request pointing at `input.entries`: the entries encoded with `input.entryType`, and the
   * pointer, entry length, count and selector fields set from them (request.ts).
   */
  request<E>(abi: string | Abi, input: RequestInput<T, E>, options?: CodecOptions): Request<T> {
    return buildRequest(this, abi, input, options);
  }

  /** The request in `bytes` and its entries, read from `entries` with the codec it names. */
  decodeRequest(
    bytes: Uint8Array,
    entries: Uint8Array,
    abi: string | Abi,
    options?: CodecOptions & { readonly array?: string },
  ): DecodedRequest<T> {
    return decodeRequest(this, bytes, entries, abi, options);
  }

  /**
   * The value whose every byte is zero, except that an extensible struct's size field holds
   * sizeof(struct) on `abi`: the start of every request a caller fills in.
   */
  zero(abi: string | Abi = "x86_64"): T {
    const value = this.decode(new Uint8Array(this.size(abi)), abi, 0, { validate: false });
    const sizeField = this.desc.extensible?.size;
    if (sizeField !== undefined) {
      const bag = value as Record<string, unknown>;
      bag[sizeField] = typeof bag[sizeField] === "bigint" ? BigInt(this.size(abi)) : this.size(abi);
    }
    return value;
  }
}

export function defineStruct<T>(desc: StructDesc): StructCodec<T> {
  return new StructCodec<T>(desc);
}
