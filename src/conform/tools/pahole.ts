/**
 * Part 4a: pahole's view of the compiled structs (size, holes, tail padding), parsed from its
 * default output, compared with the layout engine's holes and tail padding.
 */
import type { Abi } from "../../abi/abis.js";
import { firstLines, which, type Pool } from "../exec.js";
import type { Finding, StepResult } from "../types.js";
import { structsOf, type Workspace } from "../workspace.js";
import { debugObject } from "./debug-objects.js";

export interface PaholeStruct {
  readonly name: string;
  readonly kind: "struct" | "union";
  /** From pahole's summary; -1 for unions, which have none. */
  readonly size: number;
  /** End of the furthest member: a union's size without its tail padding. */
  readonly end: number;
  readonly holes: readonly { readonly offset: number; readonly size: number }[];
  readonly padding: number;
}

/** Parses the top-level struct and union blocks of `pahole obj`. */
export function parsePahole(text: string): Map<string, PaholeStruct> {
  const found = new Map<string, PaholeStruct>();
  let current:
    | {
        name: string;
        kind: "struct" | "union";
        size: number;
        padding: number;
        holes: { offset: number; size: number }[];
        end: number;
      }
    | undefined;
  for (const line of text.split("\n")) {
    const open = /^(struct|union) (\w+) \{$/.exec(line);
    if (open) {
      current = {
        name: open[2]!,
        kind: open[1] as "struct" | "union",
        size: -1,
        padding: 0,
        holes: [],
        end: 0,
      };
      continue;
    }
    if (!current) continue;
    if (line.startsWith("}")) {
      found.set(current.name, {
        name: current.name,
        kind: current.kind,
        size: current.size,
        end: current.end,
        holes: current.holes,
        padding: current.padding,
      });
      current = undefined;
      continue;
    }
    // Depth 1 only: one tab, then not another tab (nested union members are deeper).
    if (!/^\t[^\t]/.test(line)) continue;
    const member = /\/\*\s+(\d+)\s+(\d+)\s+\*\/\s*$/.exec(line);
    const hole = /XXX (\d+) bytes? hole/.exec(line);
    const size = /\/\* size: (\d+),/.exec(line);
    const padding = /\/\* padding: (\d+) \*\//.exec(line);
    if (member) current.end = Math.max(current.end, Number(member[1]) + Number(member[2]));
    else if (hole) current.holes.push({ offset: current.end, size: Number(hole[1]) });
    else if (size) current.size = Number(size[1]);
    else if (padding) current.padding = Number(padding[1]);
  }
  return found;
}

export async function paholeStep(ws: Workspace, abi: Abi, pool: Pool): Promise<StepResult> {
  if (!which("pahole"))
    return { status: "missing", detail: "install dwarves", install: ["dwarves"] };
  const obj = await debugObject(ws, abi, pool);
  if (!obj.ok) {
    if ("missing" in obj)
      return { status: "missing", detail: `install ${obj.missing}`, install: obj.install };
    return {
      status: "fail",
      detail: "no debug object",
      findings: [{ abi: abi.name, check: "pahole", message: obj.error }],
    };
  }
  const r = await pool.exec("pahole", [obj.path]);
  if (r.code !== 0)
    return {
      status: "fail",
      detail: "pahole failed",
      findings: [{ abi: abi.name, check: "pahole", message: firstLines(r.stderr) }],
    };
  const seen = parsePahole(r.stdout.toString("utf8"));
  const findings: Finding[] = [];
  const items = structsOf(ws.primary);
  for (const item of items) {
    const ours = ws.layouts.of(item, abi);
    const theirs = seen.get(item.name);
    const say = (
      field: string,
      expected: string | number,
      actual: string | number,
      message: string,
    ) =>
      findings.push({
        abi: abi.name,
        check: "pahole",
        struct: item.name,
        field,
        expected,
        actual,
        message,
      });
    if (!theirs) {
      say("presence", "listed", "absent", "pahole does not list it");
      continue;
    }
    if (item.kind === "union") {
      // pahole prints no size summary for unions: compare the widest member instead.
      if (theirs.end !== ours.size - ours.tailPadding)
        say(
          "widest member",
          ours.size - ours.tailPadding,
          theirs.end,
          "pahole's widest union member differs",
        );
      continue;
    }
    if (theirs.size !== ours.size) say("sizeof", ours.size, theirs.size, "pahole's size differs");
    const fmt = (hs: readonly { offset: number; size: number }[]) =>
      hs.map((h) => `${h.size}@${h.offset}`).join(",") || "none";
    if (fmt(theirs.holes) !== fmt(ours.holes))
      say("holes", fmt(ours.holes), fmt(theirs.holes), "pahole's holes differ");
    if (theirs.padding !== ours.tailPadding)
      say("padding", ours.tailPadding, theirs.padding, "pahole's tail padding differs");
  }
  if (findings.length)
    return { status: "fail", detail: `${findings.length} disagreement(s)`, findings };
  const holes = items.reduce(
    (n, i) => n + (i.kind === "struct" ? ws.layouts.of(i, abi).holes.length : 0),
    0,
  );
  return {
    status: "pass",
    detail: `${items.length} structs, ${holes} hole(s), sizes and padding agree`,
  };
}
