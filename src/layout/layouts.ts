/**
 * The per-ABI layout side table of a model: computed on demand, once per (ABI, struct).
 */
import { ABIS, findAbi, type Abi } from "../abi/abis.js";
import type { Model, StructItem } from "../model/ir.js";
import { LayoutEngine, type StructLayout } from "./layout.js";

export class Layouts {
  private readonly engines = new Map<string, LayoutEngine>();

  constructor(private readonly model: Model) {}

  engine(abi: Abi | string): LayoutEngine {
    const a = typeof abi === "string" ? findAbi(abi) : abi;
    if (!a) throw new Error(`unknown ABI ${String(abi)}`);
    let engine = this.engines.get(a.name);
    if (!engine) {
      engine = new LayoutEngine(a, (name) => {
        const item = this.model.items.get(name);
        return item && (item.kind === "struct" || item.kind === "union") ? item : undefined;
      });
      this.engines.set(a.name, engine);
    }
    return engine;
  }

  of(struct: StructItem | string, abi: Abi | string): StructLayout {
    return this.engine(abi).structLayout(typeof struct === "string" ? struct : struct.name);
  }

  /** The layout of a struct on every ABI of the table. */
  everywhere(struct: StructItem | string): readonly StructLayout[] {
    return ABIS.map((abi) => this.of(struct, abi));
  }
}
