/**
 * The checks a VMM or kernel model wants on every struct it encodes or decodes: reserved
 * fields are zero, flag fields hold only the bits of their flag set, enum fields hold one of
 * the enum's values. Each failure names the field (`struct[3].field[2].sub`).
 *
 * The checks do not depend on the ABI, so each struct gets one validator, compiled once into
 * straight-line code (as compile-struct.ts does for the codecs): a struct without rules gets
 * none at all, and a run of entries costs a few compares per entry. Paths are built only when
 * a check fails: the validator throws a RuleBroken with the path below the struct, nested
 * validators' paths are prefixed on the way out, and the codec adds the struct's name.
 */
import type { FieldDesc, StructDesc, TypeDesc, ValueSet } from "./descriptors.js";
import type { Check } from "./compile-struct.js";
import { CodecError, isBigScalar } from "./scalar-io.js";

type Bag = Record<string, unknown>;
export type Validator = (value: Bag) => void;

/** A broken rule, with the path of the field below the struct checked (`.items[1].pad`). */
export class RuleBroken extends Error {
  constructor(
    public path: string,
    readonly reason: string,
  ) {
    super(reason);
  }

  /** The CodecError callers see, under the name of the struct (and entry) checked. */
  under(prefix: string): CodecError {
    return new CodecError(prefix + this.path, this.reason);
  }
}

/** A value set as the type of the field it constrains stores it. */
const spell = (v: number | bigint, big: boolean): string =>
  big ? `${BigInt(v)}n` : String(Number(v));

const hex = (v: unknown): string =>
  typeof v === "bigint" || typeof v === "number" ? `0x${v.toString(16)}` : String(v);

/** The messages, out of line so the compiled checks stay small. */
export const FAILURES = {
  /** Rethrows a nested struct's failure with the path to that struct in front. */
  within(e: unknown, prefix: string): never {
    if (e instanceof RuleBroken) e.path = prefix + e.path;
    throw e;
  },
  reserved(path: string, got: unknown): never {
    throw new RuleBroken(path, `must be 0 (reserved), got ${hex(got)}`);
  },
  flags(path: string, got: number | bigint, set: ValueSet, invalid: number | bigint): never {
    const bad =
      typeof got === "bigint" ? got & BigInt(invalid) : (Number(got) & Number(invalid)) >>> 0;
    throw new RuleBroken(
      path,
      `bits ${hex(bad)} are not flags of ${set.name} (valid: ${describe(set, true)})`,
    );
  },
  values(path: string, got: unknown, set: ValueSet): never {
    throw new RuleBroken(
      path,
      `${String(got)} is not a value of ${set.name} (${describe(set, false)})`,
    );
  },
};

function describe(set: ValueSet, bits: boolean): string {
  const entries = Object.entries(set.values);
  if (bits) {
    const mask = entries.reduce((m, [, v]) => m | BigInt(v), 0n);
    return hex(mask);
  }
  const shown = entries.slice(0, 8).map(([k, v]) => `${k} = ${String(v)}`);
  return shown.join(", ") + (entries.length > 8 ? `, ... ${entries.length - 8} more` : "");
}

class ValidatorEmitter {
  private n = 0;
  /** Values the compiled function receives: value sets and nested validators. */
  readonly bound: unknown[] = [];

  constructor(private readonly nested: (desc: StructDesc) => Validator | undefined) {}

  bind(value: unknown): string {
    this.bound.push(value);
    return `b${this.bound.length - 1}`;
  }

  fresh(prefix: string): string {
    return `${prefix}${this.n++}`;
  }

  /** Statements checking `x` (a field's value) against the field's rules and type. */
  field(f: FieldDesc, x: string, path: string): string {
    const checks = [this.rules(f, f.type, x, path), this.inner(f.type, x, path)];
    return checks.filter(Boolean).join("\n");
  }

  private rules(f: FieldDesc, type: TypeDesc, x: string, path: string): string {
    if (type.kind === "array") {
      if (!f.reserved && !f.flags && !f.values) return "";
      const i = this.fresh("i");
      const e = this.fresh("e");
      const body = this.rules(f, type.element, e, `${path} + "[" + ${i} + "]"`);
      return body
        ? `if (Array.isArray(${x})) for (let ${i} = 0; ${i} < ${x}.length; ${i}++) { const ${e} = ${x}[${i}];\n${body}\n}`
        : "";
    }
    if (type.kind !== "scalar") return "";
    const big = isBigScalar(type.name);
    // Values of the wrong type or not integers are left to the encoder, which names the problem.
    const is = big ? `typeof ${x} === "bigint"` : `Number.isInteger(${x})`;
    const zero = big ? "0n" : "0";
    const out: string[] = [];
    if (f.reserved) out.push(`if (${is} && ${x} !== ${zero}) F.reserved(${path}, ${x});`);
    if (f.flags) {
      const mask = Object.values(f.flags.values).reduce<bigint>((m, v) => m | BigInt(v), 0n);
      const invalid = big ? ~mask & ((1n << 64n) - 1n) : Number(~mask & 0xffffffffn);
      const test = big ? `(${x} & ${invalid}n) !== 0n` : `(${x} & ${invalid}) !== 0`;
      out.push(
        `if (${is} && ${test}) F.flags(${path}, ${x}, ${this.bind(f.flags)}, ${spell(invalid, big)});`,
      );
    }
    if (f.values) {
      const members = [...new Set(Object.values(f.values.values).map((v) => spell(v, big)))];
      const test =
        members.length <= 8
          ? members.map((m) => `${x} !== ${m}`).join(" && ") || "true"
          : `!${this.bind(new Set(members.map((m) => (big ? BigInt(m.slice(0, -1)) : Number(m)))))}.has(${x})`;
      out.push(`if (${is} && ${test}) F.values(${path}, ${x}, ${this.bind(f.values)});`);
    }
    return out.join("\n");
  }

  /** Checks inside the value: nested structs, elements of struct arrays, union members. */
  private inner(type: TypeDesc, x: string, path: string): string {
    if (type.kind === "named") {
      const v = this.nested(type.struct);
      return v
        ? `if (${x} && typeof ${x} === "object") try { ${this.bind(v)}(${x}); } catch (e) { F.within(e, ${path}); }`
        : "";
    }
    if (type.kind === "array") {
      const i = this.fresh("i");
      const body = this.inner(type.element, `${x}[${i}]`, `${path} + "[" + ${i} + "]"`);
      return body
        ? `if (Array.isArray(${x})) for (let ${i} = 0; ${i} < ${x}.length; ${i}++) {\n${body}\n}`
        : "";
    }
    // A union's members are alternatives over the same bytes, and which one is live depends
    // on a discriminator elsewhere (an `op`, a `data_type`): decode fills every member, so
    // checking them all would reject valid values. Union members are left to the caller.
    if (type.kind === "anonUnion") return "";
    return "";
  }

  /** A field of the object being checked (anonymous union members sit beside the others). */
  member(f: FieldDesc): string {
    const x = this.fresh("x");
    const path = JSON.stringify(`.${f.name}`);
    const checks =
      f.type.kind === "anonUnion" ? this.inner(f.type, "v", '""') : this.field(f, x, path);
    return checks ? `{ const ${x} = v[${JSON.stringify(f.name)}];\n${checks}\n}` : "";
  }
}

/**
 * The validator of a struct, or undefined when neither it nor anything it holds has a rule.
 * `nested` gives the validators of the structs its fields name (memoised by the caller).
 */
export function compileValidator(
  desc: StructDesc,
  nested: (desc: StructDesc) => Validator | undefined,
): Validator | undefined {
  if (desc.kind === "union") return undefined; // alternatives: see ValidatorEmitter.inner
  const e = new ValidatorEmitter(nested);
  const body = desc.fields.map((f) => e.member(f)).filter(Boolean);
  if (!body.length) return undefined;
  const names = e.bound.map((_, i) => `b${i}`);
  const make = new Function("F", ...names, `return function validate(v) {\n${body.join("\n")}\n};`);
  return make(FAILURES, ...e.bound) as Validator;
}

/** Validators of every struct, compiled on first use and shared by every codec. */
const CACHE = new WeakMap<StructDesc, Validator | null>();

export function validatorOf(desc: StructDesc): Validator | undefined {
  const known = CACHE.get(desc);
  if (known !== undefined) return known ?? undefined;
  CACHE.set(desc, null); // a struct cannot contain itself; the entry guards the recursion anyway
  const v = compileValidator(desc, validatorOf);
  CACHE.set(desc, v ?? null);
  return v;
}

/** One struct's rules as the codec runs them, with failures named under the struct. */
export class StructRules {
  private validator: Validator | null | undefined;
  private entries: Check | null | undefined;

  constructor(private readonly desc: StructDesc) {}

  private get checks(): Validator | undefined {
    if (this.validator === undefined) this.validator = validatorOf(this.desc) ?? null;
    return this.validator ?? undefined;
  }

  /** Checks one value; a failure is a CodecError under `struct` (or `struct[index]`). */
  check(value: unknown, index?: number): void {
    const check = this.checks;
    if (!check) return;
    try {
      check(value as Bag);
    } catch (e) {
      throw this.named(e, index);
    }
  }

  /** The check of entry `i` of a run, for the compiled loops; undefined without rules. */
  get perEntry(): Check | undefined {
    if (this.entries === undefined) {
      const check = this.checks;
      this.entries = check
        ? (value, i) => {
            try {
              check(value as Bag);
            } catch (e) {
              throw this.named(e, i);
            }
          }
        : null;
    }
    return this.entries ?? undefined;
  }

  private named(e: unknown, index: number | undefined): unknown {
    const name = index === undefined ? this.desc.name : `${this.desc.name}[${index}]`;
    return e instanceof RuleBroken ? e.under(name) : e;
  }
}
