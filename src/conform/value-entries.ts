/**
 * The values a module's header defines, as probe entries with the definitions' values as
 * expectations: every enum member, flag bit and constant, and every ioctl number encoded for
 * the ABI's ioctl family with the argument's size on that ABI. Compiled in a translation unit
 * that includes only the module's own header, they prove the macros expand there (a missing
 * `#include` of another module shows) and that the compiler's numbers are the model's.
 */
import type { Abi } from "../abi/abis.js";
import { encodeIoctl, IOCTL_FAMILIES } from "../abi/ioctl-families.js";
import type { Layouts } from "../layout/layouts.js";
import type { Item, ItemKind, Model, ModuleIR } from "../model/ir.js";
import { wideValue, type ProbeEntry } from "./probe.js";

type Values<K extends ItemKind> = (
  item: Extract<Item, { kind: K }>,
  ctx: { model: Model; layouts: Layouts; abi: Abi },
) => { name: string; property: string; value: number }[];

const none = () => [];

const VALUES: { [K in ItemKind]: Values<K> } = {
  struct: none,
  union: none,
  commandSet: none,
  enum: (item) =>
    item.members.map((m) => ({ name: m.name, property: "enumerator", value: m.value })),
  flags: (item) => item.bits.map((b) => ({ name: b.name, property: "flag", value: 2 ** b.bit })),
  // A text macro (imported from a C header) has no value to check.
  constant: (item) =>
    item.value.kind === "text"
      ? []
      : [{ name: item.name, property: "macro", value: item.value.value }],
  ioctl: (item, { model, layouts, abi }) => {
    const arg = item.arg ? model.items.get(item.arg) : undefined;
    const size =
      item.dir !== "none" && arg && (arg.kind === "struct" || arg.kind === "union")
        ? layouts.of(arg, abi).size
        : 0;
    const family = IOCTL_FAMILIES[abi.ioctl];
    const value = encodeIoctl(family, item.dir, item.type.value, item.nr.value, size);
    return [{ name: item.name, property: "ioctl number", value }];
  },
};

export function valueEntries(
  module: ModuleIR,
  model: Model,
  layouts: Layouts,
  abi: Abi,
): ProbeEntry[] {
  const ctx = { model, layouts, abi };
  return module.items.flatMap((item) =>
    (VALUES[item.kind] as Values<ItemKind>)(item as never, ctx).map((v) => ({
      property: v.property,
      field: v.name,
      expr: v.name,
      expected: wideValue(v.value),
      wide: true,
    })),
  );
}
