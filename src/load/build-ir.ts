/**
 * Turns evaluated definitions modules into the frozen IR: names every item after its
 * constant, builds each kind with its own builder, and reports what does not fit.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { deepFreeze, type Item, type Model, type ModuleIR } from "../model/ir.js";
import type { BuildContext, RegisteredItem } from "./build-context.js";
import { buildModule, checkHeaderNames } from "./build-header.js";
import { cNameProblem } from "./c-names.js";
import { checkSizes } from "./check-sizes.js";
import {
  buildCommandSet,
  buildConstant,
  buildEnum,
  buildFlags,
  buildIoctl,
} from "./build-items.js";
import { buildStruct } from "./build-struct.js";
import type { ModuleValues } from "./evaluate.js";
import type { SourceMap } from "./source-map.js";
import { parseCInt } from "./c-int.js";
import { dslKind, dslSpec, isObj, SpecReader } from "./spec-reader.js";

type ItemKind = Item["kind"];

/** One builder per item kind; ioctls come last because they name enum members. */
const BUILDERS: {
  readonly [K in ItemKind]: (ctx: BuildContext, item: RegisteredItem) => Item | undefined;
} = {
  struct: (ctx, item) => buildStruct(ctx, item, "struct"),
  union: (ctx, item) => buildStruct(ctx, item, "union"),
  enum: buildEnum,
  flags: buildFlags,
  constant: buildConstant,
  commandSet: buildCommandSet,
  ioctl: buildIoctl,
};

const DSL_ITEM_KINDS: Readonly<Record<string, ItemKind>> = {
  struct: "struct",
  union: "union",
  enum: "enum",
  flags: "flags",
  constant: "constant",
  ioctl: "ioctl",
  commandSet: "commandSet",
};

export function buildModel(
  modules: readonly ModuleValues[],
  map: SourceMap,
  diagnostics: Diagnostic[],
): Model {
  const read = new SpecReader(map, diagnostics);
  const registry = new Map<object, RegisteredItem>();
  const byName = new Map<string, RegisteredItem>();
  const headers = new Map<string, { value: object; name: string }>();
  // Modules whose header need not compile as C++ (`cOnly: true`): C++ keywords are names there.
  const cOnlyModules = new Set(
    modules
      .filter((mod) =>
        mod.consts.some((c) => {
          const spec = dslKind(c.value) === "header" ? dslSpec(c.value) : undefined;
          return isObj(spec) && spec.cOnly === true;
        }),
      )
      .map((mod) => mod.file),
  );
  for (const mod of modules) {
    for (const c of mod.consts) {
      const kind = dslKind(c.value);
      if (kind === "header") {
        if (headers.has(mod.file))
          read.error(map.of(c.value), c.name, "a module declares one header(...)");
        else headers.set(mod.file, { value: c.value as object, name: c.name });
        continue;
      }
      const itemKind = kind ? DSL_ITEM_KINDS[kind] : undefined;
      if (!itemKind) continue;
      const loc = c.loc;
      const prior = registry.get(c.value as object);
      if (prior) {
        read.error(
          loc,
          c.name,
          `\`${c.name}\` is the same item as \`${prior.name}\``,
          "declare each item once",
          "defs/duplicate",
        );
        continue;
      }
      if (byName.has(c.name)) {
        read.error(
          loc,
          c.name,
          `\`${c.name}\` is declared in two modules`,
          undefined,
          "defs/duplicate",
        );
        continue;
      }
      const problem = cNameProblem(c.name, cOnlyModules.has(mod.file));
      if (problem) read.error(loc, c.name, problem, "rename the constant: its name is the C name");
      const item = { name: c.name, kind: itemKind, module: mod.file, loc, spec: dslSpec(c.value) };
      registry.set(c.value as object, item);
      byName.set(c.name, item);
    }
  }
  const ctx: BuildContext = {
    read,
    items: registry,
    byName,
    values: collectValues(read, registry),
  };
  const built = new Map<RegisteredItem, Item>();
  for (const kind of Object.keys(BUILDERS) as ItemKind[]) {
    for (const item of registry.values()) {
      if (item.kind !== kind) continue;
      read.fallback = item.loc;
      const result = BUILDERS[kind](
        cOnlyModules.has(item.module) ? { ...ctx, cOnly: true } : ctx,
        item,
      );
      if (result) built.set(item, result);
    }
  }
  read.fallback = undefined;
  checkSizes(
    read,
    new Map(
      [...built.values()].flatMap((i) =>
        i.kind === "struct" || i.kind === "union" ? [[i.name, i] as const] : [],
      ),
    ),
  );
  // Items per module in registration order, gathered in one pass over the registry.
  const byModule = new Map<string, Item[]>();
  for (const i of registry.values()) {
    const item = built.get(i);
    if (!item) continue;
    const list = byModule.get(i.module);
    if (list) list.push(item);
    else byModule.set(i.module, [item]);
  }
  const irModules: ModuleIR[] = modules.map((mod) =>
    buildModule(read, mod.file, headers.get(mod.file)?.value, byModule.get(mod.file) ?? []),
  );
  checkHeaderNames(read, irModules);
  const items = new Map<string, Item>();
  for (const m of irModules) for (const i of m.items) items.set(i.name, i);
  return deepFreeze({ modules: irModules, items });
}

/** Enum members and constants by name: ioctl numbers refer to them. */
function collectValues(
  read: SpecReader,
  registry: ReadonlyMap<object, RegisteredItem>,
): BuildContext["values"] {
  const values = new Map<string, { value: number }>();
  // `where` is asked only for a duplicate, so positions are not looked up for every member.
  const add = (name: string, value: unknown, where: () => RegisteredItem["loc"]) => {
    if (typeof value !== "number") return;
    if (values.has(name))
      read.error(
        where(),
        name,
        `\`${name}\` is defined twice`,
        "C has one namespace for enum members and constants",
        "defs/duplicate",
      );
    else values.set(name, { value });
  };
  for (const item of registry.values()) {
    const spec = item.spec;
    if (!isObj(spec)) continue;
    if (item.kind === "enum" && isObj(spec.members)) {
      const members = spec.members;
      for (const [name, m] of Object.entries(members)) {
        const v = typeof m === "number" ? m : isObj(m) ? m.value : undefined;
        add(name, dslKind(v) === "cInt" ? cIntNumber(dslSpec(v)) : v, () =>
          read.map.ofProperty(members, name),
        );
      }
    }
    if (item.kind === "flags" && isObj(spec.bits)) {
      const bits = spec.bits;
      for (const [name, b] of Object.entries(bits)) {
        const bit = typeof b === "number" ? b : isObj(b) ? b.bit : undefined;
        add(name, typeof bit === "number" ? 2 ** bit : undefined, () =>
          read.map.ofProperty(bits, name),
        );
      }
    }
    if (item.kind === "ioctl") {
      // An ioctl is a macro too: an enum member of the same name would be replaced by it.
      if (values.has(item.name))
        read.error(
          item.loc,
          item.name,
          `\`${item.name}\` is defined twice`,
          "C has one namespace for enum members, constants and ioctl macros",
          "defs/duplicate",
        );
    }
    if (item.kind === "constant") {
      const v = spec.value;
      add(
        item.name,
        typeof v === "number"
          ? v
          : dslKind(v) === "char"
            ? String(dslSpec(v)).charCodeAt(0)
            : dslKind(v) === "cInt"
              ? cIntNumber(dslSpec(v))
              : undefined,
        () => item.loc,
      );
    }
  }
  return values;
}

function cIntNumber(text: unknown): number | undefined {
  const parsed = typeof text === "string" ? parseCInt(text) : undefined;
  return parsed ? Number(parsed.value) : undefined;
}
