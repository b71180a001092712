"use strict";
/**
 * Loads a CommonJS file as Node's own loader does, plus a V8 code cache in the user's cache
 * folder ($XDG_CACHE_HOME/uapi-gen/v8, default ~/.cache/uapi-gen/v8; never inside
 * node_modules). Node 22 offers this as module.enableCompileCache(), which is used where it
 * exists; Node 20 does not, and compiling TypeScript's 9 MB parser alone took ~150 ms of every
 * `uapi-gen` start (bench/cold-lint.bench.ts measures start-up). V8 checks the cache against
 * the source and its own version and flags, and rejects it on any mismatch; a rejected or
 * missing cache is written again when the process exits, after the run compiled the functions
 * it needed.
 *
 * Only for code that never calls import(): V8 loses a script's dynamic-import callback in
 * functions it takes from a code cache ("A dynamic import callback was not specified"; this
 * is what broke `uapi-gen lint --fix` from its second run on). TypeScript's parser has no
 * import(), and build/bundle.js turns the CLI's into lazy require()s and refuses to write a
 * bundle that still holds one.
 */
const { isAscii } = require("node:buffer");
const {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} = require("node:fs");
const { Module, createRequire } = require("node:module");
const { homedir } = require("node:os");
const { basename, dirname, join } = require("node:path");
const { cachedDataVersionTag } = require("node:v8");
const vm = require("node:vm");

const CACHE_DIR = join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "uapi-gen", "v8");

/** `require(file)` through the code cache; the file's own requires go through Node as usual. */
function requireWithCodeCache(file) {
  if (typeof Module.enableCompileCache === "function") {
    Module.enableCompileCache(CACHE_DIR);
    return require(file);
  }
  const stat = statSync(file);
  // `<name>@<which file, which V8 flags>.<which version of it>.v8`: a new version replaces the
  // old cache of the same file, never another file's (two checkouts or installs side by side
  // evicted each other's cache on every run when only the name told caches apart). V8 rejects a
  // cache made under other flags (bin/uapi-gen.js sets one; `import "uapi-gen"` does not): its
  // tag, which covers them, keeps the two apart too.
  const flags = cachedDataVersionTag();
  const cacheFile = join(
    CACHE_DIR,
    `${basename(file)}@${hash([file, flags])}.${hash([stat.size, stat.mtimeMs, process.version, process.arch])}.v8`,
  );
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined; // first run, or the file changed: compile and write a new one
  }
  const script = new vm.Script(Module.wrap(readSource(file)), { filename: file, cachedData });
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(dirname(file));
  const compiled = script.runInThisContext();
  compiled.call(mod.exports, mod.exports, createRequire(file), mod, file, dirname(file));
  mod.loaded = true;
  if (cachedData === undefined || script.cachedDataRejected)
    process.once("exit", () => writeCache(cacheFile, script));
  return mod.exports;
}

/**
 * A name for the parts (FNV-1a twice, 64 bits in hex): not a secret, only distinct; node:crypto
 * costs more to load than the whole hash takes.
 */
function hash(parts) {
  const text = parts.join("\0");
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (a >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}

/**
 * The file's text. TypeScript's 9 MB parser and esbuild's output are pure ASCII, and for ASCII
 * the Latin-1 decoder gives the same string as UTF-8's at a third of the cost (~7 ms, not ~25).
 */
function readSource(file) {
  const bytes = readFileSync(file);
  return isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
}

/** The most cache files kept: each install or checkout has two (the CLI, TypeScript's parser). */
const MAX_CACHES = 24;

/**
 * Replaces older caches of the same file and keeps the folder bounded (temporary installs
 * leave caches behind), the least recently written going first; a read-only install just runs
 * without one.
 */
function writeCache(cacheFile, script) {
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const prefix = basename(cacheFile).replace(/\.[0-9a-f]{16}\.v8$/, ".");
    const others = [];
    for (const old of readdirSync(CACHE_DIR)) {
      if (old === basename(cacheFile) || !old.endsWith(".v8")) continue;
      if (old.startsWith(prefix)) unlinkSync(join(CACHE_DIR, old));
      else others.push(old);
    }
    if (others.length >= MAX_CACHES) {
      const byAge = others
        .map((name) => ({ name, at: statSync(join(CACHE_DIR, name)).mtimeMs }))
        .sort((a, b) => a.at - b.at);
      for (const { name } of byAge.slice(0, others.length - MAX_CACHES + 1))
        unlinkSync(join(CACHE_DIR, name));
    }
    writeAtomically(cacheFile, script.createCachedData());
  } catch {
    // Not writable, or another process raced us to it: the next start compiles again.
  }
}

/** Whole or not at all: readers (other processes starting) never see half a file. */
function writeAtomically(file, data) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

module.exports = { requireWithCodeCache, writeAtomically, CACHE_DIR };
