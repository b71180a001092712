/**
 * Compatibility rules compare two versions of the same definitions: `before` (the baseline,
 * from git or a folder) and `after` (the work tree). Like buf's breaking rules, each rule is
 * a small handler over pairs the framework builds once (items by name; fields by name, then
 * by offset), and belongs to one category: `api` (source: names, removals) or `abi` (binary:
 * sizes, offsets, types, values, numbers).
 */
import type { Layouts } from "../../layout/layouts.js";
import type { Model, ModuleIR } from "../../model/ir.js";
import type { ReportInput, RuleMeta } from "../types.js";
import type { Pairing } from "./pairs.js";

export interface Side {
  readonly model: Model;
  readonly layouts: Layouts;
  readonly modules: readonly ModuleIR[];
}

export interface CompatContext<M extends string = string> {
  readonly before: Side;
  readonly after: Side;
  readonly pairs: Pairing;
  report(input: ReportInput<M>): void;
}

export interface CompatRule<M extends string = string> {
  readonly meta: RuleMeta<M> & { readonly category: "api" | "abi" };
  readonly check: (ctx: CompatContext<M>) => void;
}
