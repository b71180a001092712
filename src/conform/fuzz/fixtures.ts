/**
 * Minimised fuzz mismatches as regression fixtures: JSON with the structs (IR shape), the ABI,
 * the findings and the C text, named by content so the same mismatch is saved once.
 * test/conform/fuzz-fixtures.test.ts re-checks every fixture on every ABI.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { StructItem, TypeRef } from "../../model/ir.js";
import type { Finding } from "../types.js";
import type { GroupMismatch } from "./fuzz.js";
import { field, modelOf, structItem, type Group } from "./random-model.js";
import { renderStructs } from "./render.js";

export interface Fixture {
  readonly abi: string;
  readonly seed: string;
  readonly findings: readonly Finding[];
  readonly structs: readonly {
    readonly kind: StructItem["kind"];
    readonly name: string;
    readonly fields: readonly { readonly name: string; readonly type: unknown }[];
  }[];
  readonly c: string;
}

export function saveFixture(dir: string, abi: string, seed: bigint, m: GroupMismatch): string {
  const structs = m.group.map((i) => ({
    kind: i.kind,
    name: i.name,
    fields: i.fields.map((f) => ({ name: f.name, type: f.type })),
  }));
  const fixture: Fixture = {
    abi,
    seed: String(seed),
    findings: m.findings,
    structs,
    c: renderStructs(m.group, modelOf([m.group])),
  };
  const id = createHash("sha256")
    .update(JSON.stringify([abi, structs]))
    .digest("hex")
    .slice(0, 12);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${abi}-${id}.json`);
  writeFileSync(path, JSON.stringify(fixture, null, 2) + "\n");
  return path;
}

export function loadFixtures(dir: string): { file: string; fixture: Fixture; group: Group }[] {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .sort();
  } catch {
    return [];
  }
  return files.map((file) => {
    const fixture = JSON.parse(readFileSync(join(dir, file), "utf8")) as Fixture;
    const group = fixture.structs.map((s) =>
      structItem(
        s.kind,
        s.name,
        s.fields.map((f) => field(f.name, f.type as TypeRef)),
      ),
    );
    return { file, fixture, group };
  });
}
