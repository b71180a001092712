/** JSDoc comments for generated TypeScript, wrapped, since prettier does not reflow comments. */
import { wrap } from "../shared/printer.js";

const WIDTH = 96;

export function jsdoc(doc: string | undefined): string {
  if (!doc) return "";
  const text = doc.replace(/\*\//g, "*\\/");
  if (text.length + 7 <= WIDTH) return `/** ${text} */\n`;
  return `/**\n${wrap(text, WIDTH - 3)
    .map((l) => ` * ${l}`)
    .join("\n")}\n */\n`;
}
