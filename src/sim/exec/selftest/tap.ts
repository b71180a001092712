/**
 * What the kselftest harness prints: `-l` lists the tests (FIXTURE, VARIANT, TEST in
 * columns, blank cells repeating the cell above), a run prints TAP lines `ok N name` /
 * `not ok N name` with ` # SKIP reason` for a skipped test.
 */

export type Verdict = "pass" | "fail" | "skip";

/**
 * FIXTURE.VARIANT.TEST names from `-l`, in order (no variant: FIXTURE.TEST). The columns
 * are at the header's offsets, except that a fixture name longer than its column pushes the
 * rest of its row right by as much.
 */
export function parseList(text: string): string[] {
  const lines = text.split("\n");
  const header = lines.find((l) => l.startsWith("# FIXTURE"));
  if (!header) return [];
  const col2 = header.indexOf("VARIANT");
  const col3 = header.indexOf("TEST");
  const names: string[] = [];
  let fixture = "";
  let variants: string[] = [];
  let tests: string[] = [];
  const flush = (): void => {
    if (fixture && fixture !== "global")
      for (const v of variants.length ? variants : [""])
        for (const t of tests) names.push(v ? `${fixture}.${v}.${t}` : `${fixture}.${t}`);
  };
  for (const row of lines) {
    if (!row.trim() || row.startsWith("#") || row.startsWith("-")) continue;
    const f = /^\S+/.exec(row)?.[0] ?? "";
    const shift = f ? Math.max(0, f.length + 1 - col2) : 0;
    const v = row.slice(col2 + shift, col3 + shift).trim();
    const t = row.slice(col3 + shift).trim();
    if (f) {
      flush();
      [fixture, variants, tests] = [f, [], []];
    }
    if (v) variants.push(v);
    if (t) tests.push(t);
  }
  flush();
  return names;
}

/** Verdict per test name from a run's TAP output. */
export function parseTap(text: string): Map<string, Verdict> {
  const out = new Map<string, Verdict>();
  for (const line of text.split("\n")) {
    const m = /^(ok|not ok) \d+ (\S+)(.*)$/.exec(line);
    if (!m) continue;
    out.set(m[2]!, m[1] === "not ok" ? "fail" : /#\s*SKIP/i.test(m[3]!) ? "skip" : "pass");
  }
  return out;
}

/** The reason of each skipped test (`ok N name # SKIP reason`). */
export function parseSkips(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split("\n")) {
    const m = /^ok \d+ (\S+) # SKIP\s*(.*)$/.exec(line);
    if (m) out.set(m[1]!, m[2]!.trim());
  }
  return out;
}
