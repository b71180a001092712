/**
 * Which `#include`s of a preprocessor run found no file. The preprocessor runs with `-MG`, so
 * a missing header is skipped instead of ending the unit with a fatal error (in one cc1
 * process over many units, a fatal error silences the diagnostics of every later unit). With
 * `-dI`, every include the preprocessor reached is printed; one that entered no file either
 * found nothing or found a file its include guard skipped. The two are told apart by looking
 * for the file where the preprocessor looks: next to the including file (quoted names), then
 * the `-iquote` folders (quoted names), then every `-I`/`-isystem` folder of the run, in order.
 *
 * (Reading `-MG`'s dependency file instead costs a rewrite of that file per unit: seconds per
 * ABI for a tree of headers on a loaded disk.)
 */
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import type { IncludeDirective } from "./tokens.js";

interface SearchDir {
  readonly dir: string;
  /** `-iquote`: searched for `"name"` only. */
  readonly quotedOnly: boolean;
}

/** Options whose value is a folder of the header search, as cc1 takes them. */
const ANGLED = new Set([
  "-I",
  "-isystem",
  "-internal-isystem",
  "-internal-externc-isystem",
  "-idirafter",
]);

export class HeaderSearch {
  private readonly dirs: readonly SearchDir[];
  private readonly found = new Map<string, boolean>();

  /** `args`: the cc1 arguments of the run (the folders are read in their order). */
  constructor(args: readonly string[]) {
    const dirs: SearchDir[] = [];
    for (let i = 0; i < args.length - 1; i++) {
      const a = args[i]!;
      if (a === "-iquote") dirs.push({ dir: args[++i]!, quotedOnly: true });
      else if (ANGLED.has(a)) dirs.push({ dir: args[++i]!, quotedOnly: false });
    }
    // Quoted folders come before the angled ones, as the preprocessor searches them.
    this.dirs = [...dirs.filter((d) => d.quotedOnly), ...dirs.filter((d) => !d.quotedOnly)];
  }

  /** Whether an include that entered no file found none (`includer`: the including file). */
  missing(inc: IncludeDirective, includer: string): boolean {
    if (inc.name.startsWith("/")) return !this.isFile(inc.name);
    let dirs = this.dirs.filter((d) => inc.quoted || !d.quotedOnly);
    if (inc.next) {
      // After the last folder the including file lies in (the smaller search: a file it
      // does not see is reported missing rather than a missing one taken as present).
      let at = -1;
      dirs.forEach((d, i) => {
        if (includer.startsWith(`${d.dir}/`)) at = i;
      });
      dirs = at >= 0 ? dirs.slice(at + 1) : dirs;
    }
    const candidates = dirs.map((d) => join(d.dir, inc.name));
    if (inc.quoted && !inc.next && includer.startsWith("/"))
      candidates.unshift(join(dirname(includer), inc.name));
    return !candidates.some((c) => this.isFile(c));
  }

  private isFile(path: string): boolean {
    let r = this.found.get(path);
    if (r === undefined) {
      r = existsSync(path) && statSync(path).isFile();
      this.found.set(path, r);
    }
    return r;
  }
}
