/**
 * One header's reading, put together from the runs of read-headers.ts: its structure groups
 * with their ASTs, and each macro's value on each ABI, taken from the AST of the ABI's group
 * when the ABI expanded it to the same tokens as the group's representative and nothing in it
 * depends on the ABI, and evaluated on the ABI itself otherwise.
 */
import type { Abi } from "../../abi/abis.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Cc1Result, ClangMessage } from "../cc1.js";
import { parseAst, probeValues } from "../clang.js";
import type { ProbedValue } from "../probes.js";
import type { EvalRequest, EvalResult } from "./evaluate.js";
import {
  clangDiagnostic,
  type HeaderRead,
  type MacroOnAbi,
  type StructureGroup,
  type Work,
} from "./read-headers.js";
import { ioctlCall } from "../ioctl-expansion.js";
import { valueSensitive } from "./sensitive.js";
import { arrayBoundProbes, patchBounds, type BoundProbe } from "./array-bounds.js";

export interface Resolved {
  readonly work: Work;
  /** Per ABI, what must still be evaluated there. */
  readonly pending: ReadonlyMap<string, EvalRequest>;
  finish(evaluated: ReadonlyMap<string, EvalResult>, extra: readonly Diagnostic[]): HeaderRead;
}

const sameTokens = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((t, i) => t === b[i]);

export function resolveHeader(
  w: Work,
  groupList: readonly { key: string; abis: string[] }[],
  asts: ReadonlyMap<string, Cc1Result>,
  abis: readonly Abi[],
  reference: Abi,
): Resolved {
  const diagnostics = [...w.diagnostics];
  const groups: StructureGroup[] = [];
  const unread = new Map<string, string>();
  for (const abi of abis)
    if (!w.views.has(abi.name) && abi.name !== reference.name)
      unread.set(abi.name, firstError(w.failed.get(abi.name)));
  const macroValues = new Map<string, Map<string, ProbedValue | undefined>>();
  const pendingExprs = new Map<string, EvalRequest["exprs"][number][]>();
  const ask = (abi: string, key: string, expr: string, ifdef?: string) => {
    const list = pendingExprs.get(abi) ?? [];
    list.push(ifdef ? { key, expr, ifdef } : { key, expr });
    pendingExprs.set(abi, list);
  };

  const bounds = new Map<string, BoundProbe[]>();
  const standIn = new Set(abis.filter((a) => a.compiler.kind === "gcc").map((a) => a.name));
  groupList.forEach((g, gi) => {
    const rep = g.abis[0]!;
    const run = asts.get(rep);
    const out = run?.units.get(w.astPath);
    const probeLines = new Set(w.astLines.values());
    const headerErrors = (out?.errors ?? []).filter(
      (e) => e.file !== w.astPath || !probeLines.has(e.line),
    );
    const ast = out && !run?.failure ? safeParse(out.stdout) : undefined;
    if (!ast || headerErrors.length) {
      if (gi === 0) {
        const errs = headerErrors.length ? headerErrors : (out?.errors ?? []);
        for (const e of errs) diagnostics.push(clangDiagnostic(relocate(e, w), w.file));
        if (run?.failure) diagnostics.push({ ...run.failure, loc: top(w.file) });
        if (!diagnostics.some((d) => d.severity === "error"))
          diagnostics.push({
            severity: "error",
            code: "import/clang",
            message: "clang read no declarations from the header",
            loc: top(w.file),
          });
      } else
        for (const a of g.abis) unread.set(a, firstError(headerErrors) || "clang read nothing");
      return;
    }
    groups.push({ abis: g.abis, ast, packs: w.views.get(rep)?.packs ?? new Map() });
    const values = probeValues(ast);
    const repView = w.views.get(rep);
    for (const p of w.probes) {
      const perAbi = macroValues.get(p.name) ?? new Map<string, ProbedValue | undefined>();
      macroValues.set(p.name, perAbi);
      const repExpansion = repView?.expansions.get(p.id);
      for (const abi of g.abis) {
        const view = w.views.get(abi);
        const expansion = view ? view.expansions.get(p.id) : repExpansion;
        if (!expansion) continue;
        const sensitive = valueSensitive(expansion, view?.typedefNames ?? new Set());
        // A gcc ABI's AST comes from clang on a stand-in target: its sizes are not the ABI's.
        if (abi === rep && !(standIn.has(abi) && sensitive)) perAbi.set(abi, values.get(p.id));
        // An ioctl's number is the engine's to compute per ABI, from its parts.
        else if (repExpansion && ioctlCall(repExpansion)) perAbi.set(abi, undefined);
        else if (repExpansion && sameTokens(expansion, repExpansion) && !sensitive)
          perAbi.set(abi, values.get(p.id));
        else ask(abi, `m:${p.name}`, p.name, p.name);
      }
    }
    for (const abi of g.abis)
      for (const e of w.views.get(abi)?.sensitiveEnumerators ?? []) ask(abi, `e:${e}`, e);
    // A gcc ABI's own bounds, where its declarations' bounds depend on the ABI.
    if (standIn.has(rep) && repView?.layoutSensitive) {
      const probes = arrayBoundProbes(ast);
      bounds.set(rep, probes);
      for (const p of probes) ask(rep, p.key, p.expr);
    }
  });

  const pending = new Map<string, EvalRequest>();
  for (const [abi, exprs] of pendingExprs)
    pending.set(abi, { header: w.file, unit: w.unit, exprs });

  return {
    work: w,
    pending,
    finish(evaluated, extra) {
      const enumerators = new Map<string, Map<string, bigint>>();
      for (const [abi, req] of pending) {
        const got = evaluated.get(abi)?.get(w.unit) ?? new Map<string, ProbedValue>();
        patchBounds(bounds.get(abi) ?? [], got);
        for (const e of req.exprs) {
          const v = got.get(e.key);
          if (e.key.startsWith("a:")) continue;
          if (e.key.startsWith("m:")) macroValues.get(e.key.slice(2))!.set(abi, v);
          else if (v) {
            const m = enumerators.get(e.key.slice(2)) ?? new Map<string, bigint>();
            m.set(abi, v.value);
            enumerators.set(e.key.slice(2), m);
          }
        }
      }
      const macros = w.defines.flatMap((define, i) => {
        const perAbi = macroValues.get(define.name);
        if (!perAbi || !perAbi.size) return [];
        const byAbi = new Map<string, MacroOnAbi>();
        for (const [abi, value] of perAbi) {
          const expansion =
            w.views.get(abi)?.expansions.get(i) ??
            w.views.get(reference.name)?.expansions.get(i) ??
            [];
          byAbi.set(abi, value ? { expansion, value } : { expansion });
        }
        return [{ define, byAbi }];
      });
      for (const define of w.unevaluated)
        macros.push({ define, byAbi: new Map([[reference.name, { expansion: [] }]]) });
      if (groups.length && unread.size) diagnostics.push(unreadNote(w.file, unread));
      const typedefs = new Map([...w.views].map(([abi, v]) => [abi, v.typedefs]));
      return {
        file: w.file,
        text: w.text,
        diagnostics: [...diagnostics, ...(groups.length ? extra : [])],
        groups,
        typedefs,
        macros,
        enumerators,
        unread: groups.length ? [...unread.keys()] : [],
      };
    },
  };
}

function safeParse(json: string) {
  try {
    return parseAst(json);
  } catch {
    return undefined;
  }
}

function firstError(errors: readonly ClangMessage[] | undefined): string {
  const e = errors?.[0];
  return e ? `${e.file ? `${e.file}:${e.line}:${e.col}: ` : ""}${e.message}` : "";
}

/** An error at the probe unit's `#include` line is the header's own failure to open. */
/**
 * A message in the wrapper unit belongs to the header: at a macro's probe line, to that
 * macro's #define; anywhere else, to the header's end, since what the wrapper trips over after
 * the #include is what the header left open (a `{`, an `#if`, a comment).
 */
function relocate(e: ClangMessage, w: Work): ClangMessage {
  if (e.file !== w.astPath) return e;
  for (const [name, line] of w.astLines)
    if (line === e.line) {
      const at = w.defines.find((d) => d.name === name)?.loc.range.start;
      if (at) return { ...e, file: w.file, line: at.line + 1, col: at.character + 1 };
    }
  const lines = (w.text ?? "").replace(/\n$/, "").split("\n");
  return { ...e, file: w.file, line: lines.length, col: (lines.at(-1)?.length ?? 0) + 1 };
}

function top(file: string) {
  return { file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
}

function unreadNote(file: string, unread: ReadonlyMap<string, string>): Diagnostic {
  const first = [...unread.values()].find(Boolean);
  return {
    severity: "warning",
    code: "import/abi",
    message:
      `the header does not compile for ${[...unread.keys()].join(", ")}` +
      `${first ? ` (${first})` : ""}: its layouts there are computed from the x86_64 declarations`,
    loc: top(file),
    hint: "give the include folders of those architectures with -I (a folder holding <triple>/asm/)",
  };
}
