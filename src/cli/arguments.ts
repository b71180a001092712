/**
 * Small adjustments around yargs' parser: compiler-style attached values (`-Iinclude`), and
 * usage messages that name the unknown option and the nearest known one.
 */
import type { Argv } from "yargs";
import { didYouMean, nearest } from "./suggest.js";

interface OptionTable {
  key: Record<string, unknown>;
  alias: Record<string, string[]>;
  string: string[];
  array: string[];
  boolean: string[];
}

/** yargs has `getOptions()`; its published types do not declare it. */
const table = (y: Argv): OptionTable =>
  (y as unknown as { getOptions(): OptionTable }).getOptions();

/** Every option name a parser accepts, with its aliases, as typed (`--allow-missing`, `-o`). */
export function optionNames(y: Argv): string[] {
  const t = table(y);
  const names = new Set([...Object.keys(t.key), ...Object.values(t.alias).flat()]);
  return [...names].map((n) => (n.length === 1 ? `-${n}` : `--${n}`));
}

/**
 * yargs reads `-Idir` as the flags -I -d -i -r; compilers, and uapi-gen before yargs, read it
 * as `-I dir`. Split such words for the one-letter options that take a value.
 */
export function attachedShortValues(args: readonly string[], y: Argv): string[] {
  const t = table(y);
  const takesValue = new Set<string>();
  for (const name of [...t.string, ...t.array]) {
    if (t.boolean.includes(name)) continue;
    for (const n of [name, ...(t.alias[name] ?? [])]) if (n.length === 1) takesValue.add(n);
  }
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") {
      out.push(...args.slice(i));
      break;
    }
    const m = /^-([A-Za-z])([^=].*)$/.exec(a);
    if (m && takesValue.has(m[1]!)) out.push(`-${m[1]}`, m[2]!);
    else out.push(a);
  }
  return out;
}

/**
 * yargs says "Unknown arguments: fomat, x"; say which were options, with the nearest known
 * option, and which were extra positional words. Its "Invalid values" lists become one line
 * per option.
 */
export function usageMessage(message: string, args: readonly string[], known: string[]): string {
  const choices = [...message.matchAll(/Argument: (\S+), Given: (.*), Choices: (.*)/g)];
  if (choices.length)
    return choices
      .map(([, arg, given, allowed]) => {
        const list = allowed!.replace(/"/g, "");
        return `${arg!.length === 1 ? "-" : "--"}${arg} must be one of ${list}, not ${given}`;
      })
      .join("; ");
  const m = /^Unknown arguments?: (.*)$/s.exec(message);
  if (!m) return message;
  return m[1]!
    .split(", ")
    .map((word) => {
      const asOption = word.length === 1 ? `-${word}` : `--${word}`;
      const typed = args.some((a) => a === asOption || a.startsWith(`${asOption}=`));
      if (!typed) return `unexpected argument '${word}'`;
      return `unknown option '${asOption}'${didYouMean(nearest(asOption, known))}`;
    })
    .join("; ");
}
