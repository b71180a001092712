/**
 * Compatibility rules compare two versions of the same definitions or headers: `before` (the
 * baseline, from git or a folder) and `after` (the work tree). Like buf's breaking rules, each
 * rule is a small handler over pairs the framework builds once (items by name; members by the
 * names C code writes, then by place; enumerators by name), and belongs to one category: `api`
 * (source: names, removals) or `abi` (binary: sizes, offsets, types, values, numbers).
 */
import type { Layouts } from "../../layout/layouts.js";
import type { Model, ModuleIR } from "../../model/ir.js";
import type { ReportInput, RuleMeta } from "../types.js";
import type { Pairing } from "./pairs.js";

export interface Side {
  readonly model: Model;
  readonly layouts: Layouts;
  readonly modules: readonly ModuleIR[];
  /** Structs declared extensible in configuration or by annotation: name → why. */
  readonly extensible?: ReadonlyMap<string, string>;
  /** Source text of a file of this side (macro bodies, annotations). */
  readonly text?: (file: string) => string | undefined;
  /** In a tree comparison: the header of the tree that defines a name, if any. */
  readonly elsewhere?: (name: string) => string | undefined;
}

export interface CompatContext<M extends string = string> {
  readonly before: Side;
  readonly after: Side;
  readonly pairs: Pairing;
  /** The ABIs both versions are read for (an `asm/` header: its architecture's only). */
  readonly abis: readonly string[];
  /** Headers of a tree comparison that are gone (./tree/compare.ts); empty otherwise. */
  readonly removedHeaders: readonly RemovedHeader[];
  report(input: ReportInput<M>): void;
}

export interface RemovedHeader {
  /** Installed path: `linux/atm_eni.h`, `asm/foo.h`. */
  readonly installed: string;
  /** Where it was, as shown: `@v6.12/include/uapi/linux/atm_eni.h`. */
  readonly was: string;
  /** The new header that holds what it declared, when it was renamed. */
  readonly renamedTo?: { readonly installed: string; readonly shown: string };
  readonly abis: readonly string[];
}

export interface CompatRule<M extends string = string> {
  readonly meta: RuleMeta<M> & { readonly category: "api" | "abi" };
  readonly check: (ctx: CompatContext<M>) => void;
}
