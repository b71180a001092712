/**
 * Does `import` then `generate` keep a header's kernel-doc? Every `@name:` description of
 * the original header is looked for in the regenerated one: under the same member name with
 * the same words (`exact`), or, where the definitions language cannot hold the member (a
 * flexible array member, a bitfield before the front end models them), anywhere in the
 * regenerated comments (`moved`). Titles must not be doubled (`struct foo - struct foo ...`).
 * The original is judged by the kernel-doc parser, and so is the output.
 */
import { dirname, join, resolve } from "node:path";
import type { Abi } from "../abi/abis.js";
import { renderHeader } from "../../generators/c-header/index.js";
import { importHeader, importHeaders, type ImportResult } from "../import/import.js";
import { attachKernelDoc } from "../import/kernel-doc-attach.js";
import { scanComments } from "../import/c-comments.js";
import { parseKernelDoc } from "../import/kernel-doc.js";
import { writeDefinitions } from "../import/write-defs.js";
import { Layouts } from "../layout/layouts.js";
import { loadDefinitions } from "../load/load.js";

export interface Description {
  /** As written: `field`, `outer.inner`, `MEMBER`. */
  readonly name: string;
  /** The description's words, whitespace collapsed. */
  readonly text: string;
  /** One-based line of the comment in its header. */
  readonly line: number;
}

export interface DescriptionReport {
  readonly total: number;
  readonly exact: number;
  readonly moved: number;
  /** Descriptions of what the IR does not hold (functions, function-like macros). */
  readonly outOfScope: number;
  readonly missing: readonly Description[];
  /** Titles of the regenerated header that repeat their own `kind name`. */
  readonly doubledTitles: readonly string[];
}

export interface RoundTripResult extends DescriptionReport {
  readonly header: string;
  /** The definitions module and the regenerated header, when asked for. */
  readonly texts?: { readonly definitions: string; readonly regenerated: string };
  /** Why the header was not round-tripped: it does not import, or its definitions do not load. */
  readonly skipped?: string;
}

const words = (s: string) => s.replace(/\s+/g, " ").trim();

/** Every non-empty `@name:` description of the comments of a C text. */
export function descriptionsOf(text: string): Description[] {
  const out: Description[] = [];
  for (const c of scanComments(text)) {
    if (!c.raw.includes("@")) continue;
    for (const m of parseKernelDoc(c.raw).members) {
      const t = words(m.text);
      if (t) out.push({ name: m.name, text: t, line: c.startLine + m.line + 1 });
    }
  }
  return out;
}

function leaf(name: string): string {
  return name.slice(name.lastIndexOf(".") + 1);
}

/**
 * Compares the descriptions of an original header with those of its regenerated form;
 * `inScope` says which descriptions document something the definitions can hold.
 */
export function compareDescriptions(
  original: string,
  regenerated: string,
  inScope: (d: Description) => boolean = () => true,
): DescriptionReport {
  const all = descriptionsOf(original);
  const before = all.filter(inScope);
  const after = new Map<string, number>();
  for (const d of descriptionsOf(regenerated)) {
    const key = `${leaf(d.name)}\0${d.text}`;
    after.set(key, (after.get(key) ?? 0) + 1);
  }
  const comments = scanComments(regenerated).map((c) => words(c.raw.replace(/^\s*\*+ ?/gm, "")));
  const anywhere = comments.join("\n");
  let exact = 0;
  let moved = 0;
  const missing: Description[] = [];
  for (const d of before) {
    const key = `${leaf(d.name)}\0${d.text}`;
    const left = after.get(key) ?? 0;
    if (left > 0) {
      after.set(key, left - 1);
      exact++;
    } else if (anywhere.includes(d.text)) moved++;
    else missing.push(d);
  }
  const doubledTitles: string[] = [];
  for (const c of scanComments(regenerated)) {
    const t = parseKernelDoc(c.raw).title;
    if (t && t.kind !== "doc" && t.kind !== "name" && titleOf(t.summary)?.name === t.name)
      doubledTitles.push(`${t.kind} ${t.name}`);
  }
  return {
    total: all.length,
    exact,
    moved,
    outOfScope: all.length - before.length,
    missing,
    doubledTitles,
  };
}

/** `import` (to a definitions module in memory), load, `generate` the C header, compare. */
export async function roundTripHeader(
  header: string,
  sysroot: string,
  options: { keepTexts?: boolean; abis?: readonly Abi[] } = {},
): Promise<RoundTripResult> {
  header = resolve(header);
  const imported = await importHeader(header, {
    sysroot,
    ...(options.abis ? { abis: options.abis } : {}),
  });
  return roundTripImported(header, imported, options);
}

/** The same for headers read together (one compiler run per ABI for all of them). */
export async function roundTripHeaders(
  headers: readonly string[],
  sysroot: string,
): Promise<RoundTripResult[]> {
  const files = headers.map((h) => resolve(h));
  const imported = await importHeaders(files, { sysroot });
  const out: RoundTripResult[] = [];
  for (const [i, header] of files.entries()) {
    try {
      out.push(await roundTripImported(header, imported[i]!));
    } catch (e) {
      out.push({ header, ...empty(), skipped: `internal error: ${(e as Error).message}` });
    }
  }
  return out;
}

async function roundTripImported(
  header: string,
  imported: ImportResult,
  options: { keepTexts?: boolean } = {},
): Promise<RoundTripResult> {
  const module = imported.primary[0];
  const failed = imported.diagnostics.find((d) => d.severity === "error");
  if (!module || failed || imported.text === undefined)
    return { header, ...empty(), skipped: `import: ${failed?.message ?? "no module"}` };
  const defs = join(dirname(header), `${module.name}.ts`);
  const text = await writeDefinitions(module, imported.model);
  const loaded = loadDefinitions([defs], { readFile: (f) => (f === defs ? text : undefined) });
  const loadError = loaded.diagnostics.find((d) => d.severity === "error");
  const out = loaded.primary[0];
  if (!out || loadError)
    return { header, ...empty(), skipped: `load: ${loadError?.message ?? "no module"}` };
  const regenerated = renderHeader(out, {
    model: loaded.model,
    layouts: new Layouts(loaded.model),
    root: dirname(header),
  });
  // What each description was attached to on import: in scope when the definitions hold it.
  const owners = new Map(
    attachKernelDoc(imported.model, {
      text: (f) => (f === header ? imported.text : undefined),
      report: new Set([header]),
    }).described.map((d) => [`${d.line}:${d.name}`, d.owner]),
  );
  const written = (owner: string | undefined) =>
    owner !== undefined && (loaded.model.items.has(owner) || owner.includes("::("));
  return {
    header,
    ...compareDescriptions(imported.text, regenerated, (d) =>
      written(owners.get(`${d.line}:${d.name}`)),
    ),
    ...(options.keepTexts ? { texts: { definitions: text, regenerated } } : {}),
  };
}

function empty(): DescriptionReport {
  return { total: 0, exact: 0, moved: 0, outOfScope: 0, missing: [], doubledTitles: [] };
}

/** A title line repeated at the start of a summary: `struct foo - struct foo - ...`. */
function titleOf(summary: string): { name: string } | undefined {
  const t = parseKernelDoc(`/** ${summary} */`).title;
  return t && t.dashed && t.kind !== "name" ? t : undefined;
}
