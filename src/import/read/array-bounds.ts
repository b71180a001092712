/**
 * Array bounds of a gcc ABI whose declarations depend on it (`__u8 data[sizeof(struct a) +
 * sizeof(struct b)]`). Those ABIs' declarations are read by clang on a stand-in target
 * (toolchain.ts), whose `sizeof` is not the ABI's: each array member's bound is then asked of
 * the ABI's own compiler, as `sizeof(p->f) / sizeof(p->f[0])`, and written back into the AST
 * before the records are converted. Only such headers pay for it (structure.ts marks them
 * layout-sensitive).
 */
import type { AstNode } from "../clang.js";
import type { ProbedValue } from "../probes.js";
import { recordKey } from "../convert/records.js";

export interface BoundProbe {
  readonly key: string;
  readonly expr: string;
  /** The FieldDecl, and which of its dimensions (0 = outermost). */
  readonly field: AstNode;
  readonly dim: number;
}

const DIMS = /((?:\[\d+\])+)$/;

/** One probe per dimension of every fixed-size array member the AST's named records hold. */
export function arrayBoundProbes(ast: AstNode): BoundProbe[] {
  const out: BoundProbe[] = [];
  const walkRecord = (node: AstNode, access: string, depth: number) => {
    if (depth > 16) return;
    const nested = new Map<string, AstNode>();
    for (const child of node.inner ?? []) {
      if (child.kind === "RecordDecl") {
        if (child.name && child.completeDefinition) top(child);
        else {
          const key = recordKey(child);
          if (key) nested.set(key, child);
        }
        continue;
      }
      if (child.kind !== "FieldDecl") continue;
      const q = child.type?.qualType ?? "";
      const anon = /\((?:anonymous|unnamed)(?: (?:struct|union))? at (.*?)\)/.exec(q);
      const inner = anon ? nested.get(anon[1]!) : undefined;
      const dims = DIMS.exec(q)?.[1]?.match(/\[\d+\]/g) ?? [];
      if (child.name) {
        const member = `${access}${child.name}`;
        dims.forEach((_, dim) =>
          out.push({
            key: `a:${out.length}`,
            expr: `sizeof(${member}${"[0]".repeat(dim)}) / sizeof(${member}${"[0]".repeat(dim + 1)})`,
            field: child,
            dim,
          }),
        );
        if (inner) walkRecord(inner, `${member}${"[0]".repeat(dims.length)}.`, depth + 1);
      } else if (inner) walkRecord(inner, access, depth + 1);
    }
  };
  const top = (node: AstNode) =>
    walkRecord(node, `((${node.tagUsed ?? "struct"} ${node.name} *)0)->`, 0);
  for (const node of ast.inner ?? [])
    if (node.kind === "RecordDecl" && node.name && node.completeDefinition) top(node);
  return out;
}

/** Writes the bounds the ABI's compiler gave into the fields' types. */
export function patchBounds(
  probes: readonly BoundProbe[],
  values: ReadonlyMap<string, ProbedValue>,
): void {
  for (const p of probes) {
    const v = values.get(p.key);
    if (!v || v.value < 0n) continue;
    const type = p.field.type as { qualType: string; desugaredQualType?: string } | undefined;
    if (!type) continue;
    const set = (q: string) => {
      const m = DIMS.exec(q);
      if (!m) return q;
      const dims = m[1]!.match(/\[\d+\]/g)!;
      if (p.dim >= dims.length) return q;
      dims[p.dim] = `[${v.value}]`;
      return q.slice(0, m.index) + dims.join("");
    };
    type.qualType = set(type.qualType);
    if (type.desugaredQualType) type.desugaredQualType = set(type.desugaredQualType);
  }
}
