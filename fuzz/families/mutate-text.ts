/**
 * Mutations of source text, token by token: numbers, strings, names and punctuation are
 * replaced with values that have broken parsers before, spans are deleted, repeated, moved
 * or nested deeply, and lines are spliced in from another seed.
 */
import type { Rng } from "../lib/rng.js";
import { BENIGN_STRINGS, NAMES, NUMBERS, PUNCT, STRINGS } from "./values.js";

const TOKEN =
  /\/\/[^\n]*|\/\*[\s\S]*?\*\/|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`|0x[0-9a-f_]+|\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?|[A-Za-z_$][\w$]*|\s+|[^\s]/gi;

export interface Token {
  readonly text: string;
  readonly kind: "space" | "comment" | "string" | "number" | "name" | "punct";
}

export function tokenize(text: string): Token[] {
  return (text.match(TOKEN) ?? []).map((t) => ({
    text: t,
    kind: /^\s/.test(t)
      ? "space"
      : /^\/[/*]/.test(t)
        ? "comment"
        : /^["'`]/.test(t)
          ? "string"
          : /^\d/.test(t)
            ? "number"
            : /^[A-Za-z_$]/.test(t)
              ? "name"
              : "punct",
  }));
}

/** A construct that stresses a bound: nesting, length, spreads, string growth. */
export function stressor(rng: Rng): string {
  const n = rng.pick([10, 99, 101, 400, 800, 3000]);
  switch (rng.int(9)) {
    case 0:
      return `${"(".repeat(n)}1${")".repeat(n)}`;
    case 1:
      return `${"[".repeat(n)}${"]".repeat(n)}`;
    case 2:
      return Array.from({ length: rng.pick([100, 2344, 20000]) }, () => "1").join(" + ");
    case 3:
      return `${"- ".repeat(n)}1`;
    case 4:
      return JSON.stringify("ab".repeat(rng.pick([1000, 600000])));
    case 5:
      return `{ ${"a: { ".repeat(n)}b: 1${" }".repeat(n)} }`;
    case 6:
      return `\`${"${".repeat(Math.min(n, 150))}1${"}".repeat(Math.min(n, 150))}\``;
    case 7:
      return `[${Array.from({ length: rng.pick([1000, 125000]) }, (_, i) => i).join(",")}]`;
    default:
      return `${"x => ".repeat(n)}1`;
  }
}

/** Applies one random mutation to the tokens. */
export function mutateTokens(rng: Rng, tokens: Token[], donor: readonly Token[]): Token[] {
  const solid = tokens.map((t, i) => [t, i] as const).filter(([t]) => t.kind !== "space");
  if (solid.length === 0) return tokens;
  const [t, i] = rng.pick(solid);
  const out = tokens.slice();
  const put = (text: string, kind: Token["kind"] = "punct") => (out[i] = { text, kind });
  // Most mutations keep the syntax (a value for a value of its kind), so that mutants get
  // past the parser into the loader, the layouts and the generators.
  if (rng.chance(0.6)) {
    const same = solid.filter(
      ([x]) => x.kind === "number" || x.kind === "string" || x.kind === "name",
    );
    if (same.length) {
      const [v, at] = rng.pick(same);
      const benign = rng.chance(0.5);
      const pool =
        v.kind === "number"
          ? benign
            ? [String(rng.int(300))]
            : NUMBERS
          : v.kind === "string"
            ? benign
              ? BENIGN_STRINGS
              : STRINGS
            : NAMES;
      out[at] = { text: rng.pick(pool), kind: v.kind };
      return out;
    }
  }
  switch (rng.int(12)) {
    case 0:
      put(rng.pick(NUMBERS), "number");
      break;
    case 1:
      put(rng.pick(STRINGS), "string");
      break;
    case 2:
      put(rng.pick(NAMES), "name");
      break;
    case 3:
      put(rng.pick(PUNCT));
      break;
    case 4: {
      // Delete a span.
      const len = rng.between(1, 30);
      out.splice(i, len);
      break;
    }
    case 5: {
      // Repeat a span.
      const len = rng.between(1, 40);
      out.splice(i, 0, ...tokens.slice(i, i + len));
      break;
    }
    case 6: {
      // Move a span elsewhere.
      const len = rng.between(1, 40);
      const span = out.splice(i, len);
      out.splice(rng.int(out.length), 0, ...span);
      break;
    }
    case 7: {
      // Splice a span of another seed in.
      if (!donor.length) break;
      const at = rng.int(donor.length);
      out.splice(i, rng.int(4), ...donor.slice(at, at + rng.between(1, 60)));
      break;
    }
    case 8:
      put(stressor(rng));
      break;
    case 9:
      out.splice(i, 0, { text: rng.pick(PUNCT), kind: "punct" });
      break;
    case 10:
      if (t.kind === "number") put(`${t.text} * ${rng.pick(NUMBERS)}`, "number");
      else put(`${t.text}${t.text}`, t.kind);
      break;
    default:
      // A quoted property name instead of a plain one, or the other way round.
      if (t.kind === "name") put(JSON.stringify(t.text), "string");
      else if (t.kind === "string" && /^"[A-Za-z_]\w*"$/.test(t.text))
        put(t.text.slice(1, -1), "name");
      else put(rng.pick(NAMES), "name");
  }
  return out;
}

export function mutateText(rng: Rng, text: string, donor: string, count: number): string {
  let tokens = tokenize(text);
  const donorTokens = tokenize(donor);
  for (let k = 0; k < count; k++) tokens = mutateTokens(rng, tokens, donorTokens);
  return tokens.map((t) => t.text).join("");
}

/** The pieces minimisation removes: lines. */
export const lines = (text: string): string[] => text.split("\n");
