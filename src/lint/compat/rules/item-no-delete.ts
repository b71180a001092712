/**
 * Nothing user space names disappears: items, enumerators, flags. A name still defined in the
 * new version's text (a macro the front end cannot evaluate) was not removed; one that moved to
 * a header this one does not include (an architecture's `asm/` header) needs review; an
 * enumerator renamed with its value kept breaks source, not binaries.
 */
import type { EnumItem, Item } from "../../../model/ir.js";
import { constantOn, isStringText, sameValue, showValue } from "../conventions/values.js";
import { createCompatRule } from "../create.js";
import { definedNames } from "../defined-names.js";
import { allEnumerators, enumeratorRenames, type EnumeratorPair } from "../enumerators.js";
import { oldModulesOf } from "../pairs.js";

export default createCompatRule({
  meta: {
    id: "item-no-delete",
    category: "api",
    severity: "error",
    recommended: true,
    description:
      "Disallow removing a struct, enum, flag set, constant or ioctl, an enumerator or a flag.",
    kernelRules: ["B26", "I2"],
    messages: {
      item: "{{kind}} `{{name}}` was removed",
      member: "{{what}} `{{name}}` of `{{item}}` was removed",
      sentinel:
        "sentinel `{{name}}` of `{{item}}` was removed: code that sized tables by it no longer compiles",
      anonymous: "the anonymous enum of {{names}} ({{count}} enumerators) was removed",
      moved:
        "{{kind}} `{{name}}` is no longer defined through this header: it moved to `{{to}}`, which this header does not include",
      lost: "constant `{{name}}` no longer has a value of its own ({{text}}): the compiler cannot compute it from this header and what it includes, so source that uses it no longer compiles",
      renamedItem:
        "{{kind}} `{{name}}` was renamed to `{{to}}` (the same value: binaries are unaffected, source that names `{{name}}` no longer compiles)",
      renamed:
        "enumerator `{{name}}` of `{{item}}` was renamed to `{{to}}` (same value {{value}}: binaries are unaffected, source that names `{{name}}` no longer compiles)",
    },
  },
  check(ctx) {
    const oldModules = oldModulesOf(ctx.before, ctx.after);
    const fallback = ctx.after.modules[0];
    const moduleLoc = (old: Item) => {
      const m =
        ctx.after.modules.length === 1
          ? fallback
          : ctx.after.modules.find(
              (x) => x.name === oldModules.find((b) => b.file === old.module)?.name,
            );
      return m?.loc ?? (m ? { file: m.file, range: ZERO } : undefined);
    };
    // Where a removed item was: at the item that followed it, as a diff shows the deletion.
    const line = (i: Item) => i.loc?.range.start.line ?? Number.MAX_SAFE_INTEGER;
    const order = oldModules.flatMap((m) => m.items).sort((a, b) => line(a) - line(b));
    const files = new Set(ctx.after.modules.map((m) => m.file));
    const whereItWas = (old: Item) => {
      for (let i = order.indexOf(old) + 1; i > 0 && i < order.length; i++) {
        const next = ctx.after.model.items.get(order[i]!.name);
        if (next?.loc && files.has(next.loc.file)) return next.loc;
      }
      return moduleLoc(old);
    };
    const enumerators = allEnumerators(ctx.after);
    const defined = definedNames(ctx.after);
    const gone = (name: string) => !defined.has(name) && !enumerators.has(name);
    const removed = new Set(ctx.pairs.deleted);
    // A constant or ioctl whose value a new name of the same stem now has was renamed.
    const oldNames = new Set(oldModules.flatMap((m) => m.items.map((i) => i.name)));
    const added = ctx.after.modules.flatMap((m) => m.items).filter((i) => !oldNames.has(i.name));
    const renamedTo = (old: Item) => {
      const same = added.filter(
        (i) => oneWordApart(old.name, i.name) && sameDefinition(old, i, ctx.abis),
      );
      return same.length === 1 ? same[0]!.name : undefined;
    };
    for (const old of ctx.pairs.deleted) {
      if (!gone(old.name)) continue;
      const base = {
        loc: whereItWas(old),
        path: old.name,
        related: old.loc ? [{ loc: old.loc, message: `\`${old.name}\` in the baseline` }] : [],
      };
      const to = ctx.after.elsewhere?.(old.name);
      const renamed = renamedTo(old);
      if (renamed)
        ctx.report({
          ...base,
          messageId: "renamedItem",
          data: { kind: old.kind, name: old.name, to: renamed },
        });
      else if (to)
        ctx.report({
          ...base,
          messageId: "moved",
          data: { kind: old.kind, name: old.name, to },
          severity: "warning",
          hint: `user space now includes \`${to}\` for it`,
        });
      else
        ctx.report({
          ...base,
          messageId: "item",
          data: { kind: old.kind, name: old.name },
          hint: "keep it; deprecate it in its documentation instead",
        });
    }
    const renames = enumeratorRenames(ctx.pairs.enumerators, ctx.after);
    const byEnum = new Map<EnumItem, EnumeratorPair[]>();
    for (const p of ctx.pairs.enumerators) {
      // The members of a removed enum go with it (one finding).
      if (p.new || p.constant || !gone(p.name) || removed.has(p.old.item)) continue;
      const list = byEnum.get(p.old.item);
      if (list) list.push(p);
      else byEnum.set(p.old.item, [p]);
    }
    for (const [e, list] of byEnum) {
      const sameEnum = e.anonymous ? undefined : ctx.after.model.items.get(e.name);
      const loc = sameEnum?.loc ?? moduleLoc(e);
      // An anonymous enum gone as a whole: one finding, as for a named one.
      if (e.anonymous && list.length === e.members.length && list.length > 1) {
        const names = list.map((p) => `\`${p.name}\``);
        ctx.report({
          messageId: "anonymous",
          data: {
            names: names.length > 3 ? `${names.slice(0, 3).join(", ")}, …` : names.join(", "),
            count: names.length,
          },
          loc,
          path: `${e.name}`,
          related: e.loc ? [{ loc: e.loc, message: "the enum in the baseline" }] : [],
          hint: "keep it; deprecate it in its documentation instead",
        });
        continue;
      }
      for (const p of list) {
        const base = {
          loc,
          path: `${e.name}.${p.name}`,
          related: p.old.member.loc
            ? [{ loc: p.old.member.loc, message: `\`${p.name}\` in the baseline` }]
            : [],
        };
        const to = renames.get(p.name);
        const elsewhere = ctx.after.elsewhere?.(p.name);
        if (to)
          ctx.report({
            ...base,
            messageId: "renamed",
            data: { name: p.name, item: e.name, to, value: p.old.member.value },
          });
        else if (elsewhere)
          ctx.report({
            ...base,
            messageId: "moved",
            data: { kind: "enumerator", name: p.name, to: elsewhere },
            severity: "warning",
          });
        else
          ctx.report({
            ...base,
            messageId: p.old.sentinel ? "sentinel" : "member",
            data: { what: "enumerator", name: p.name, item: e.name },
            // A count that no longer exists: only code that sized tables by it notices.
            ...(p.old.sentinel ? { severity: "warning" as const } : {}),
          });
      }
    }
    for (const { old, new: now } of ctx.pairs.items) {
      if (old.kind !== "flags" || now.kind !== "flags") continue;
      for (const b of old.bits.filter((x) => !now.bits.some((n) => n.name === x.name)))
        ctx.report({
          messageId: "member",
          data: { what: "flag", name: b.name, item: now.name },
          loc: now.loc,
          path: `${now.name}.${b.name}`,
        });
    }
    // A macro that kept its name but lost its value: its new definition needs what user space
    // lacks (7.2's BLK_TC_ACT casts to the kernel's `u64`), so using it no longer compiles.
    for (const { old, new: now } of ctx.pairs.items) {
      if (old.kind !== "constant" || now.kind !== "constant") continue;
      const lost = ctx.abis.find((abi) => {
        const [a, b] = [constantOn(old.value, abi), constantOn(now.value, abi)];
        return "int" in a && "text" in b && !isStringText(b);
      });
      if (lost === undefined) continue;
      ctx.report({
        messageId: "lost",
        data: { name: old.name, text: showValue(constantOn(now.value, lost)) },
        loc: now.loc ?? old.loc,
        path: old.name,
      });
    }
  },
});

const ZERO = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * Two names one `_`-separated word apart, at least three words kept: one word replaced
 * (`NTSYNC_IOC_SEM_POST`, `NTSYNC_IOC_SEM_RELEASE`) or dropped (`MSM_SUBMIT_SYNCOBJ_RESET`,
 * `MSM_SYNCOBJ_RESET`); never `DRM_IVPU_DRIVER_MAJOR` and `DRM_IVPU_CMDQ_FLAG_TURBO`, which only
 * share a prefix and a small value.
 */
function oneWordApart(a: string, b: string): boolean {
  const [x, y] = [a.split("_"), b.split("_")];
  if (x.length === y.length) return x.length >= 3 && x.filter((w, i) => w !== y[i]).length === 1;
  const [long, short] = x.length > y.length ? [x, y] : [y, x];
  if (long.length !== short.length + 1 || short.length < 3) return false;
  return long.some((_, i) => long.filter((_, j) => j !== i).join("_") === short.join("_"));
}

/** The same constant value on every ABI, or the same ioctl type, number and direction. */
function sameDefinition(old: Item, now: Item, abis: readonly string[]): boolean {
  if (old.kind === "constant" && now.kind === "constant")
    return abis.every((abi) => sameValue(constantOn(old.value, abi), constantOn(now.value, abi)));
  if (old.kind === "ioctl" && now.kind === "ioctl")
    return (
      old.type.value === now.type.value && old.nr.value === now.nr.value && old.dir === now.dir
    );
  return false;
}
