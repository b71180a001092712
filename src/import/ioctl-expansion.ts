/**
 * An ioctl in a probe unit's preprocessor output: `_IOC(dir, type, nr, size)` is redefined to
 * the marker `__uapi_ioc(...)` (probes.ts), so an ioctl macro, however many wrapper macros it
 * goes through, expands to exactly one marker call. Its number is computed per ABI by the
 * engine from its parts, so it is not evaluated on every ABI.
 */
/** The four argument token lists when the expansion is one `_IOC(...)` (the probe's marker). */
export function ioctlCall(tokens: readonly string[]): string[][] | undefined {
  let t = strip(tokens);
  if (t[0] !== "__uapi_ioc" || t[1] !== "(" || t[t.length - 1] !== ")") return undefined;
  t = t.slice(2, -1);
  const args: string[][] = [[]];
  let depth = 0;
  for (const tok of t) {
    if (tok === "(") depth++;
    if (tok === ")") depth--;
    if (depth < 0) return undefined;
    if (tok === "," && depth === 0) args.push([]);
    else args[args.length - 1]!.push(tok);
  }
  return args.length === 4 ? args : undefined;
}

/** Outer parentheses that enclose the whole list, removed. */
export function strip(tokens: readonly string[]): readonly string[] {
  let t = tokens;
  while (t[0] === "(" && t[t.length - 1] === ")" && encloses(t)) t = t.slice(1, -1);
  return t;
}

function encloses(t: readonly string[]): boolean {
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    if (t[i] === "(") depth++;
    if (t[i] === ")") depth--;
    if (depth === 0 && i < t.length - 1) return false;
  }
  return true;
}
