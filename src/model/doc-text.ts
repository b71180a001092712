/**
 * Conventions of doc strings shared by the importer, the rules and the generators. A doc
 * string is paragraphs separated by blank lines; the first paragraph is the summary (a
 * kernel-doc title's short description), the rest is the body.
 */

/** The first paragraph of a doc string. */
export function docSummary(doc: string | undefined): string {
  if (!doc) return "";
  const end = doc.indexOf("\n\n");
  return end < 0 ? doc : doc.slice(0, end);
}

/**
 * The ioctls a summary names: each `ioctl(NAME)` (how kernel-doc titles tie an ioctl to its
 * argument), and `NAME - _IOWR(...)` at its start (the form of VFIO's headers).
 */
export function ioctlsNamedIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\bioctl\(\s*([A-Za-z_]\w*)\s*\)/g)) out.push(m[1]!);
  const vfio = /^([A-Za-z_]\w*)\s+-+\s+_IO(?:WR|R|W)?\s*\(/.exec(text);
  if (vfio) out.push(vfio[1]!);
  return out;
}
