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

/** The names in `ioctl(NAME)` of a text: how kernel-doc titles tie an ioctl to its argument. */
export function ioctlsNamedIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\bioctl\(\s*([A-Za-z_]\w*)\s*\)/g)) out.push(m[1]!);
  return out;
}
