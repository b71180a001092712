// `npm run bench <name>`: the rows of the figures that ran replace those figures' rows (and
// notes) in bench/results.md; every other figure keeps what its last run measured. A line
// under the machine description says when, at which commit and under what load the re-measured
// figures were taken, since the heading's date and commit are the full run's.

/** The figure a table row (`| 1 cold lint | ...`) or a note (`- **1 cold lint, ...`) is of. */
function figureOf(line: string): string | undefined {
  return /^\| ([^|]+?) \|/.exec(line)?.[1] ?? /^- \*\*([^,]+),/.exec(line)?.[1];
}

export function mergeFigures(
  old: string,
  fresh: { readonly tableRows: string[]; readonly notes: string[]; readonly provenance: string },
): string {
  const figures = new Set([...fresh.tableRows, ...fresh.notes].map(figureOf));
  const byFigure = (a: string, b: string) =>
    (figureOf(a) ?? "").localeCompare(figureOf(b) ?? "", "en", { numeric: true });
  const lines = old.split("\n");
  const stale = (l: string) => figures.has(figureOf(l)) || l.startsWith("- re-measured: figure");
  const kept = lines.filter((l) => !(l.startsWith("| ") || l.startsWith("- **")) || !stale(l));
  const out: string[] = [];
  let tableDone = false;
  let notesDone = false;
  for (let i = 0; i < kept.length; i++) {
    const line = kept[i]!;
    if (line.startsWith("- re-measured: figure")) {
      if (!figures.has(/^- re-measured: figure (.+?) on /.exec(line)?.[1])) out.push(line);
      continue;
    }
    out.push(line);
    if (line.startsWith("- uapi-gen commit")) out.push(`- re-measured: ${fresh.provenance}`);
    if (line === "|---|---|---|---|---|---|---|" && !tableDone) {
      const rows: string[] = [];
      while (kept[i + 1]?.startsWith("| ")) rows.push(kept[++i]!);
      out.push(...[...rows, ...fresh.tableRows].sort(byFigure));
      tableDone = true;
    }
    if (line === "## How each row was measured" && !notesDone) {
      out.push(kept[++i] ?? "");
      const notes: string[] = [];
      while (kept[i + 1]?.startsWith("- **")) notes.push(kept[++i]!);
      out.push(...[...notes, ...fresh.notes].sort(byFigure));
      notesDone = true;
    }
  }
  if (!tableDone || !notesDone)
    throw new Error("bench/results.md is not in the form bench/run.ts writes");
  return out.join("\n");
}
