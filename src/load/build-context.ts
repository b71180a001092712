/**
 * What the IR builders share: the checked reader, and the registry that names every item
 * value (the exported constant's name is the C name), so that a reference by identifier
 * (`type: iommu_hwpt_vtd_s1`) becomes a reference by name in the IR.
 */
import type { SourceLoc } from "../diagnostics/diagnostic.js";
import type { SpecReader } from "./spec-reader.js";

export interface RegisteredItem {
  readonly name: string;
  readonly kind: string;
  readonly module: string;
  readonly loc: SourceLoc | undefined;
  readonly spec: unknown;
}

export interface BuildContext {
  readonly read: SpecReader;
  /** The item a value is, by identity. */
  readonly items: ReadonlyMap<object, RegisteredItem>;
  /** The same items by name. */
  readonly byName: ReadonlyMap<string, RegisteredItem>;
  /** Every enum member and constant by C name, with its value. */
  readonly values: ReadonlyMap<string, { value: number }>;
  /** The item's header is `cOnly`: C++ keywords may be names. */
  readonly cOnly?: boolean;
}

export function itemOf(
  ctx: BuildContext,
  value: unknown,
  kinds: readonly string[],
): RegisteredItem | undefined {
  if (!value || typeof value !== "object") return undefined;
  const item = ctx.items.get(value);
  return item && kinds.includes(item.kind) ? item : undefined;
}
