/**
 * Requests that point at an array of entries (IOMMU_HWPT_INVALIDATE's `data_uptr`,
 * `entry_len`, `entry_num`, `data_type`): built from a list of entries with the four fields
 * tied to the entry codec, and decoded back with the entry codec the selector names. The
 * struct's array descriptor (descriptors.ts) says which fields play which part.
 */
import type { Abi } from "../abi/abis.js";
import type { CodecOptions, StructCodec } from "./codec.js";
import type { ArrayDesc, EntryCodec } from "./descriptors.js";
import { CodecError } from "./scalar-io.js";

type Bag = Record<string, unknown>;

export interface RequestInput<T, E> {
  /** The entry struct: its selector value, size and encoding go into the request. */
  readonly entryType: StructCodec<E>;
  readonly entries: readonly E[];
  /** The request's other fields; size, pointer, entry length, count and selector are set. */
  readonly fields?: Partial<T>;
  /** The user address the entries will be at, stored in the pointer field (default 0). */
  readonly address?: bigint | number;
  /** The pointer field of the array, when the struct has more than one array. */
  readonly array?: string;
}

export interface Request<T> {
  /** The request's fields, as encoded. */
  readonly value: T;
  /** The encoded request struct. */
  readonly bytes: Uint8Array;
  /** The encoded entries, one entry length apart, for the pointer to point at. */
  readonly entries: Uint8Array;
}

export interface DecodedRequest<T> {
  readonly value: T;
  /** The entry codec the selector names. */
  readonly entryType: StructCodec<unknown>;
  readonly entries: unknown[];
}

function arrayOf(codec: StructCodec<unknown>, pointer: string | undefined): ArrayDesc {
  const arrays = codec.desc.arrays ?? [];
  const found =
    pointer === undefined && arrays.length === 1
      ? arrays[0]
      : arrays.find((a) => a.pointer === pointer);
  if (found) return found;
  throw new CodecError(
    codec.name,
    arrays.length
      ? `no array at ${String(pointer)}; arrays: ${arrays.map((a) => a.pointer).join(", ")}`
      : "has no array descriptor",
  );
}

const entryName = (codec: EntryCodec) => codec.desc.name;

/** The request struct and its entries, encoded; `value` is what was encoded. */
export function buildRequest<T, E>(
  codec: StructCodec<T>,
  abi: string | Abi,
  input: RequestInput<T, E>,
  options?: CodecOptions,
): Request<T> {
  const array = arrayOf(codec as StructCodec<unknown>, input.array);
  const types = array.entries();
  const match = types.find(([, c]) => c === input.entryType || c.desc === input.entryType.desc);
  if (!match)
    throw new CodecError(
      `${codec.name}.${array.pointer}`,
      `${input.entryType.name} is not one of its entry types (${types.map(([, c]) => entryName(c)).join(", ")})`,
    );
  const zero = codec.zero(abi) as Bag;
  const like = (field: string, n: number | bigint) =>
    typeof zero[field] === "bigint" ? BigInt(n) : Number(n);
  const value = {
    ...zero,
    ...(input.fields as Bag | undefined),
    [array.pointer]: like(array.pointer, input.address ?? 0),
    [array.entryLen]: like(array.entryLen, input.entryType.size(abi)),
    [array.count]: like(array.count, input.entries.length),
    ...(array.selector ? { [array.selector]: like(array.selector, match[0]) } : {}),
  } as T;
  return {
    value,
    bytes: codec.encode(value, abi, options),
    entries: input.entryType.encodeArray(input.entries, abi, options),
  };
}

/**
 * The request in `bytes` and the entries it points at, read from `entries` (the bytes at the
 * pointer). Entries as long as the known struct are decoded in place; shorter ones are
 * zero-extended and longer ones must be zero beyond it, as the kernel reads extensible entries.
 */
export function decodeRequest<T>(
  codec: StructCodec<T>,
  bytes: Uint8Array,
  entries: Uint8Array,
  abi: string | Abi,
  options?: CodecOptions & { readonly array?: string },
): DecodedRequest<T> {
  const value = codec.decode(bytes, abi, 0, options);
  const bag = value as Bag;
  const array = arrayOf(codec as StructCodec<unknown>, options?.array);
  const path = codec.name;
  const types = array.entries();
  const selector = array.selector === undefined ? undefined : Number(bag[array.selector]);
  const match = selector === undefined ? types[0] : types.find(([s]) => s === selector);
  if (!match)
    throw new CodecError(
      `${path}.${array.selector ?? array.pointer}`,
      `no entry type for ${String(selector)}`,
    );
  const entryType = match[1] as StructCodec<unknown>;
  const len = Number(bag[array.entryLen]);
  const count = Number(bag[array.count]);
  if (count && !(len > 0)) throw new CodecError(`${path}.${array.entryLen}`, "must not be 0");
  if (entries.length < len * count)
    throw new CodecError(
      `${path}.${array.pointer}`,
      `${count} entries of ${len} bytes need ${len * count} bytes, got ${entries.length}`,
    );
  const size = entryType.size(abi);
  if (len === size || count === 0)
    return {
      value,
      entryType,
      entries: entryType.decodeArray(entries, abi, { count, ...options }),
    };
  const out: unknown[] = [];
  const one = new Uint8Array(size);
  for (let i = 0; i < count; i++) {
    const at = i * len;
    one.fill(0);
    one.set(entries.subarray(at, at + Math.min(len, size)));
    if (
      options?.validate !== false &&
      len > size &&
      entries.subarray(at + size, at + len).some((b) => b !== 0)
    )
      throw new CodecError(`${entryType.name}[${i}]`, `bytes past the ${size} known are not zero`);
    out.push(entryType.decode(one, abi, 0, options));
  }
  return { value, entryType, entries: out };
}
