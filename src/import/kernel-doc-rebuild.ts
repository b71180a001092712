/**
 * The model after kernel-doc attachment: every doc (and ioctl argument) the attachment found,
 * put into fresh frozen copies of the items of imported modules; other modules are kept.
 */
import type { EnumItem, Field, IoctlItem, Item, Model, ModuleIR, StructItem } from "../model/ir.js";
import { deepFreeze } from "../model/ir.js";

/** The model with the new docs (and ioctl arguments) in fresh frozen objects. */
export function rebuild(
  model: Model,
  docs: ReadonlyMap<object, string>,
  args: ReadonlyMap<IoctlItem, string>,
  moduleDocs: ReadonlyMap<ModuleIR, string>,
): Model {
  const fields = (list: readonly Field[]): Field[] =>
    list.map((f) => ({
      ...f,
      doc: docs.get(f),
      type: f.type.kind === "anonUnion" ? { ...f.type, members: fields(f.type.members) } : f.type,
    }));
  const replaced = new Map<Item, Item>();
  const item = (i: Item): Item => {
    const doc = docs.get(i);
    const rebuilt = ITEM_REBUILD[i.kind](i as never, docs, fields);
    const next = { ...rebuilt, doc } as Item;
    if (next.kind === "ioctl" && args.has(i as IoctlItem))
      return { ...next, arg: args.get(i as IoctlItem) };
    return next;
  };
  const modules = model.modules.map((m) => {
    if (m.source !== "c-header") return m;
    const items = m.items.map((i) => {
      const n = item(i);
      replaced.set(i, n);
      return n;
    });
    return { ...m, doc: moduleDocs.get(m) ?? m.doc, items };
  });
  const items = new Map<string, Item>();
  for (const [name, i] of model.items) items.set(name, replaced.get(i) ?? i);
  return deepFreeze({ modules, items });
}

type Rebuild<K extends Item["kind"]> = (
  item: Extract<Item, { kind: K }>,
  docs: ReadonlyMap<object, string>,
  fields: (list: readonly Field[]) => Field[],
) => Extract<Item, { kind: K }>;

const ITEM_REBUILD: { [K in Item["kind"]]: Rebuild<K> } = {
  struct: (s: StructItem, _d, fields) => ({ ...s, fields: fields(s.fields) }) as never,
  union: (s: StructItem, _d, fields) => ({ ...s, fields: fields(s.fields) }) as never,
  enum: (e: EnumItem, docs) => ({
    ...e,
    members: e.members.map((m) => ({ ...m, doc: docs.get(m) })),
  }),
  flags: (f, docs) => ({ ...f, bits: f.bits.map((b) => ({ ...b, doc: docs.get(b) })) }),
  constant: (c) => c,
  ioctl: (i) => i,
  commandSet: (c, docs) => ({
    ...c,
    commands: c.commands.map((cmd) => ({ ...cmd, doc: docs.get(cmd) })),
  }),
};
