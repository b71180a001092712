/**
 * YAML scenario files read in time linear in their size. The yaml package's own check for
 * duplicate keys compares each key with every earlier one, and its pretty errors locate each
 * error by scanning the text from the start: a mutated 765 KB file took 272 s to be refused.
 * Here both are off; the first error is located once, and duplicate keys are found with one
 * set per mapping, walking the document without recursion.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node } from "yaml";

function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    start = i + 1;
  }
  return `line ${line}, column ${offset - start + 1}`;
}

export function readYaml(text: string): unknown {
  const doc = parseDocument(text, { intAsBigInt: true, uniqueKeys: false, prettyErrors: false });
  const [error] = doc.errors;
  if (error) throw new Error(`${error.message} at ${lineAndColumn(text, error.pos[0])}`);
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (isSeq(node)) for (const item of node.items) stack.push(item);
    else if (isMap(node)) {
      const keys = new Set<unknown>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (keys.has(key)) {
          const at = (pair.key as Node | null)?.range?.[0] ?? 0;
          throw new Error(
            `the key ${String(key)} appears twice in one mapping at ${lineAndColumn(text, at)}`,
          );
        }
        keys.add(key);
        stack.push(pair.value);
      }
    }
  }
  return doc.toJS({ maxAliasCount: 100 });
}
