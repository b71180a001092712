/** Checks of names at load: C identifiers, members that C would see twice, empty enums. */
import type { Field } from "../model/ir.js";
import type { BuildContext, RegisteredItem } from "./build-context.js";
import { cNameProblem } from "./c-names.js";
import type { Obj } from "./spec-reader.js";

/** Reports a name the generated C cannot use (it is also a TypeScript property name). */
export function checkName(
  ctx: BuildContext,
  name: string,
  loc: RegisteredItem["loc"],
  path: string,
  what: string,
): void {
  const problem = cNameProblem(name, ctx.cOnly);
  if (problem) ctx.read.error(loc, path, problem, `rename the ${what}: its name is the C name`);
}

/** An enum or flag set without members is `enum x {};`, which C rejects. */
export function checkNotEmpty(ctx: BuildContext, owner: Obj, key: string, path: string): void {
  if (Object.keys(owner[key] as Obj).length === 0)
    ctx.read.error(
      ctx.read.map.ofProperty(owner, key, "value"),
      `${path}.${key}`,
      `\`${key}\` is empty; a C enum needs at least one member`,
    );
}

/**
 * C sees the members of an anonymous union as members of the struct, so a name may appear
 * once across the struct and every anonymous union in it.
 */
export function checkMemberNames(ctx: BuildContext, fields: readonly Field[], path: string): void {
  const seen = new Set<string>();
  const visit = (list: readonly Field[]): void => {
    for (const f of list) {
      if (f.type.kind === "anonUnion") {
        visit(f.type.members);
        continue;
      }
      if (!seen.has(f.name)) seen.add(f.name);
      else
        ctx.read.error(
          f.loc,
          `${path}.${f.name}`,
          `\`${f.name}\` is already a member of this struct (members of an anonymous union are members of the struct in C)`,
          "rename one of them",
          "defs/duplicate",
        );
    }
  };
  visit(fields);
}
