/**
 * `#define`s of a header: the AST has no macros, so the header text is read for them. Integer
 * and character constants become constants; `_IO`, `_IOR`, `_IOW` and `_IOWR` become ioctls
 * when their type, number and argument resolve within the header (its own defines and the
 * enum constants of the translation unit). Anything else is left alone.
 */
import type { IoctlDir } from "../abi/ioctl-families.js";
import type { ConstantItem, IoctlItem } from "../model/ir.js";
import type { SourceLoc } from "../diagnostics/diagnostic.js";

const IOC_DIRS: Readonly<Record<string, IoctlDir>> = {
  _IO: "none",
  _IOR: "read",
  _IOW: "write",
  _IOWR: "readwrite",
};

interface Define {
  readonly name: string;
  readonly body: string;
  readonly loc: SourceLoc;
}

export function readDefines(file: string, text: string): Define[] {
  const lines = text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " ")).split("\n");
  const out: Define[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*#\s*define\s+)([A-Za-z_]\w*)(?!\()\s*(.*)$/.exec(lines[i]!);
    if (!m) continue;
    let body = m[3]!;
    const start = i;
    while (body.endsWith("\\") && i + 1 < lines.length)
      body = body.slice(0, -1) + " " + lines[++i]!;
    const character = m[1]!.length;
    out.push({
      name: m[2]!,
      body: body.replace(/\/\/.*$/, "").trim(),
      loc: {
        file,
        range: {
          start: { line: start, character },
          end: { line: start, character: character + m[2]!.length },
        },
      },
    });
  }
  return out;
}

export function macroItems(
  file: string,
  text: string,
  module: string,
  known: {
    readonly values: ReadonlyMap<string, number>;
    readonly records: ReadonlyMap<string, string>;
  },
): { constants: ConstantItem[]; ioctls: IoctlItem[] } {
  const defines = readDefines(file, text);
  const byName = new Map(defines.map((d) => [d.name, d.body]));
  const value = (expr: string, depth = 0): number | undefined =>
    evaluate(
      expr,
      (id) =>
        known.values.get(id) ??
        (depth < 8 && byName.has(id) ? value(byName.get(id)!, depth + 1) : undefined),
    );
  const constants: ConstantItem[] = [];
  const ioctls: IoctlItem[] = [];
  for (const d of defines) {
    const base = { name: d.name, doc: undefined, loc: d.loc, module };
    const ch = /^'(.)'$/.exec(unparen(d.body));
    if (ch) {
      constants.push({
        kind: "constant",
        ...base,
        value: { kind: "char", char: ch[1]!, value: ch[1]!.charCodeAt(0) },
      });
      continue;
    }
    const ioc = /^\(?\s*(_IOWR|_IOR|_IOW|_IO)\s*\((.*)\)\s*\)?$/.exec(d.body);
    if (ioc) {
      const args = splitArgs(ioc[2]!);
      const [typeArg, nrArg, sizeArg] = args;
      const typeValue = typeArg === undefined ? undefined : charOrValue(typeArg, byName, value);
      const nrValue = nrArg === undefined ? undefined : value(nrArg);
      if (typeValue === undefined || nrValue === undefined || nrValue < 0 || nrValue > 0xff)
        continue;
      const arg = sizeArg ? known.records.get(sizeArg.replace(/\s+/g, " ").trim()) : undefined;
      ioctls.push({
        kind: "ioctl",
        ...base,
        type: { name: typeArg!.trim(), value: typeValue },
        nr: { name: nrArg!.trim(), value: nrValue },
        dir: IOC_DIRS[ioc[1]!]!,
        arg,
      });
      continue;
    }
    const v = /^[\w\s()+\-|<>~*x]+$/.test(d.body) && /\d/.test(d.body) ? value(d.body) : undefined;
    if (v !== undefined && Number.isSafeInteger(v))
      constants.push({ kind: "constant", ...base, value: { kind: "int", value: v } });
  }
  return { constants, ioctls };
}

const unparen = (s: string) => {
  let t = s.trim();
  while (/^\((.*)\)$/.test(t)) t = t.slice(1, -1).trim();
  return t;
};

function charOrValue(
  arg: string,
  defines: ReadonlyMap<string, string>,
  value: (e: string) => number | undefined,
): number | undefined {
  let a = unparen(arg);
  for (let i = 0; i < 8 && defines.has(a); i++) a = unparen(defines.get(a)!);
  const ch = /^'(.)'$/.exec(a);
  return ch ? ch[1]!.charCodeAt(0) : value(a);
}

function splitArgs(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const c of s) {
    if (c === "," && depth === 0) {
      out.push(cur.trim());
      cur = "";
      continue;
    }
    if (c === "(") depth++;
    if (c === ")") depth--;
    cur += c;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** Integer expressions of literals, identifiers, parentheses and + - * | & << >> ~. */
export function evaluate(
  expr: string,
  lookup: (id: string) => number | undefined,
): number | undefined {
  const tokens = expr.match(/0[xX][0-9a-fA-F]+[uUlL]*|\d+[uUlL]*|[A-Za-z_]\w*|<<|>>|[()+\-*|&~]/g);
  if (!tokens || tokens.join("").replace(/\s/g, "") !== expr.replace(/\s/g, "")) return undefined;
  let i = 0;
  const peek = () => tokens[i];
  const primary = (): bigint | undefined => {
    const t = tokens[i++];
    if (t === undefined) return undefined;
    if (t === "(") {
      const v = or();
      return tokens[i++] === ")" ? v : undefined;
    }
    if (t === "-") {
      const v = primary();
      return v === undefined ? undefined : -v;
    }
    if (t === "~") {
      const v = primary();
      return v === undefined ? undefined : ~v & 0xffffffffn;
    }
    if (/^\d|^0[xX]/.test(t)) return BigInt(t.replace(/[uUlL]+$/, ""));
    if (/^[A-Za-z_]/.test(t)) {
      const v = lookup(t);
      return v === undefined ? undefined : BigInt(v);
    }
    return undefined;
  };
  const bin =
    (next: () => bigint | undefined, ops: Record<string, (a: bigint, b: bigint) => bigint>) =>
    (): bigint | undefined => {
      let a = next();
      while (a !== undefined && peek() !== undefined && ops[peek()!]) {
        const op = ops[tokens[i++]!]!;
        const b = next();
        a = b === undefined ? undefined : op(a, b);
      }
      return a;
    };
  const mul = bin(primary, { "*": (a, b) => a * b });
  const add = bin(mul, { "+": (a, b) => a + b, "-": (a, b) => a - b });
  const shift = bin(add, { "<<": (a, b) => a << b, ">>": (a, b) => a >> b });
  const and = bin(shift, { "&": (a, b) => a & b });
  const or = bin(and, { "|": (a, b) => a | b });
  const v = or();
  if (v === undefined || i !== tokens.length) return undefined;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : undefined;
}
