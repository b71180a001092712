/**
 * Where the kernel corpus lives: Debian's installed uAPI headers (linux-libc-dev) and kernel
 * source subsets, unpacked by scripts/corpus.sh into a cache outside the repository. Tests,
 * benchmarks and `conform --reference` judge uapi-gen against it.
 */
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** The kernel series the corpus carries. 6.1's headers are amd64 only (no per-arch asm/). */
export const CORPUS_HEADER_SERIES = ["6.1", "6.12", "7.2"] as const;
export const CORPUS_SOURCE_SERIES = ["6.12", "7.2"] as const;
export type HeaderSeries = (typeof CORPUS_HEADER_SERIES)[number];
export type SourceSeries = (typeof CORPUS_SOURCE_SERIES)[number];

export interface CorpusPart {
  readonly package: string;
  readonly version: string;
  readonly suite: string;
  readonly path: string;
}

/** The cache folder (same rule as scripts/corpus.sh: UAPI_GEN_CORPUS, else XDG_CACHE_HOME). */
export function corpusRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.UAPI_GEN_CORPUS) return env.UAPI_GEN_CORPUS;
  const cache = env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(cache, "uapi-gen", "corpus");
}

/** What scripts/corpus.sh recorded, or undefined when the corpus was never fetched. */
export function corpusManifest(root = corpusRoot()): readonly CorpusPart[] | undefined {
  const file = join(root, "manifest.json");
  if (!existsSync(file)) return undefined;
  const parsed = JSON.parse(readFileSync(file, "utf8")) as { parts?: CorpusPart[] };
  return parsed.parts ?? [];
}

export class CorpusMissingError extends Error {
  constructor(what: string) {
    super(
      `the kernel corpus has no ${what}: run scripts/corpus.sh (it fetches Debian's ` +
        `linux-libc-dev and linux-source packages into ${corpusRoot()})`,
    );
  }
}

/** `usr/include` of linux-libc-dev of one series (holds `linux/`, `asm-generic/`, `<triple>/asm/`). */
export function corpusHeaders(series: HeaderSeries, root = corpusRoot()): string {
  const dir = join(root, "headers", series);
  if (!existsSync(join(dir, "linux")))
    throw new CorpusMissingError(`linux-libc-dev ${series} headers`);
  return dir;
}

/** The unpacked subset of linux-source of one series (uAPI trees, IOMMUFD, its selftest). */
export function corpusSource(series: SourceSeries, root = corpusRoot()): string {
  const dir = join(root, "source", series);
  if (!existsSync(join(dir, "include", "uapi")))
    throw new CorpusMissingError(`linux-source ${series}`);
  return dir;
}

/** True when the headers of `series` are there (tests use it to say why they cannot run). */
export function hasCorpusHeaders(series: HeaderSeries, root = corpusRoot()): boolean {
  return existsSync(join(root, "headers", series, "linux"));
}
