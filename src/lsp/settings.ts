/**
 * The `uapiGen` section of the workspace configuration, read tolerantly: a wrong value
 * falls back to the default instead of failing, since settings come from many editors.
 */
export interface Settings {
  /** Git ref of the baseline for the compatibility rules; unset: no compatibility check. */
  readonly against: string | undefined;
  /** Folders (or files) of definitions modules, relative to each workspace folder. */
  readonly definitions: readonly string[];
  /** Edits closer together than this are analysed once, this long after the last one. */
  readonly debounceMs: number;
  /** Documents larger than this are not analysed; a diagnostic says so. */
  readonly maxFileBytes: number;
  /** Lint C uAPI headers too (needs clang-19 for the importer). */
  readonly headers: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  against: undefined,
  definitions: ["uapi-defs"],
  debounceMs: 40,
  maxFileBytes: 2 * 1024 * 1024,
  headers: true,
};

type Reader<K extends keyof Settings> = (v: unknown) => Settings[K] | undefined;

/** One reader per setting: a value it does not accept falls back to the default. */
const READERS: { readonly [K in keyof Settings]: Reader<K> } = {
  against: (v) => (typeof v === "string" && v.trim() ? v.trim() : undefined),
  definitions: (v) =>
    Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : undefined,
  debounceMs: (v) => (typeof v === "number" && v >= 0 && v <= 10_000 ? v : undefined),
  maxFileBytes: (v) => (typeof v === "number" && v > 0 ? v : undefined),
  headers: (v) => (typeof v === "boolean" ? v : undefined),
};

export function readSettings(raw: unknown): Settings {
  const obj = raw && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(READERS) as (keyof Settings)[]) {
    const value = (READERS[key] as Reader<typeof key>)(obj[key]);
    if (value !== undefined) out[key] = value;
  }
  return out as unknown as Settings;
}
