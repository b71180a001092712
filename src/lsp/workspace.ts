/**
 * The server's state: which files are definitions modules, their import graph, the cached
 * analysis of each, and what was last published. Analyses are cached on the stamps of the
 * files they read (see sources.ts), so asking for one is free when nothing it depends on
 * changed; an edit makes the edited module and its importers stale, and only those are
 * analysed again.
 */
import { join, resolve } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { LintDiagnostic } from "../lint/index.js";
import { analyseDefinitions, type Analysis } from "./analysis/analyse.js";
import { Baselines } from "./analysis/baseline.js";
import {
  definitionsIn,
  HEADER_DEBOUNCE_MS,
  internalError,
  isHeader,
  tooLarge,
} from "./analysis/files.js";
import { HeaderAnalyser, type HeaderModel } from "./analysis/headers.js";
import { importClosure, scanImports, type ModuleImports } from "./analysis/imports.js";
import { isLintConfigFile, loadLintConfig, type LoadedLintConfig } from "./analysis/lint-config.js";
import { Sources } from "./analysis/sources.js";
import { Scheduler } from "./scheduler.js";
import { DEFAULT_SETTINGS, type Settings } from "./settings.js";

/** Importers of a module being edited are analysed once typing pauses this long. */
const DEPENDENTS_DELAY_MS = 150;

export interface WorkspaceHost {
  publish(path: string, diagnostics: readonly Diagnostic[], version: number | undefined): void;
  log(message: string): void;
}

export class Workspace {
  readonly sources = new Sources(DEFAULT_SETTINGS.maxFileBytes);
  readonly scheduler: Scheduler;
  private settings: Settings = DEFAULT_SETTINGS;
  private roots: string[] = [];
  /** Definitions modules known without being open: the scan, and what those import. */
  private readonly known = new Set<string>();
  private readonly imports = new Map<string, { stamp: number; value: ModuleImports }>();
  private readonly analyses = new Map<string, Analysis>();
  private readonly published = new Map<string, string>();
  private lintConfig: LoadedLintConfig;
  private readonly baselines = new Baselines();
  private readonly headers: HeaderAnalyser;
  private generation = 0;

  constructor(private readonly host: WorkspaceHost) {
    this.scheduler = new Scheduler(
      (path, urgent) => this.refresh(path, urgent),
      DEFAULT_SETTINGS.debounceMs,
    );
    this.lintConfig = loadLintConfig([], this.sources);
    this.headers = new HeaderAnalyser({
      sources: this.sources,
      lintOptions: () => ({ config: this.lintConfig.config, knownRules: this.lintConfig.known }),
      publish: (path, diagnostics, version) =>
        this.sources.isOpen(path) && host.publish(path, diagnostics, version),
      log: (m) => host.log(m),
    });
  }

  /** The last model imported from an open C header (for hovers). */
  headerModel(path: string): HeaderModel | undefined {
    return this.headers.model(path);
  }

  get currentSettings(): Settings {
    return this.settings;
  }

  get rootPaths(): readonly string[] {
    return this.roots;
  }

  setRoots(roots: readonly string[]): void {
    this.roots = roots.map((r) => resolve(r));
    this.reloadConfig();
  }

  setSettings(settings: Settings): void {
    const same = JSON.stringify(settings) === JSON.stringify(this.settings);
    this.settings = settings;
    this.sources.setMaxBytes(settings.maxFileBytes);
    this.scheduler.setDebounce(settings.debounceMs);
    if (!same) this.reloadConfig();
    void this.scan();
  }

  /** Something under .git/ changed: the baseline ref may have moved. */
  gitChanged(): void {
    if (this.settings.against) this.reloadConfig();
  }

  /** Configuration, baseline or settings changed: every analysis is stale. */
  reloadConfig(): void {
    this.generation++;
    this.baselines.clear();
    this.lintConfig = loadLintConfig(this.roots, this.sources);
    if (this.lintConfig.file)
      this.host.publish(
        this.lintConfig.file,
        this.lintConfig.diagnostics,
        this.sources.openDocument(this.lintConfig.file)?.version,
      );
    for (const path of this.allPaths()) {
      if (isHeader(path)) this.scheduleHeader(path, 0);
      else this.scheduler.enqueue(path, this.sources.isOpen(path));
    }
  }

  open(path: string, text: string, version: number): void {
    this.sources.setOpen(path, { text, version });
    if (isLintConfigFile(path)) return this.reloadConfig();
    if (isHeader(path)) return this.scheduleHeader(path, 0);
    this.scheduler.enqueue(path, true);
  }

  change(path: string, text: string, version: number): void {
    this.sources.setOpen(path, { text, version });
    if (isLintConfigFile(path)) return this.reloadConfig();
    // clang takes tens of milliseconds: a header waits for a pause in typing.
    if (isHeader(path)) return this.scheduleHeader(path, HEADER_DEBOUNCE_MS);
    this.scheduler.edited(path);
  }

  close(path: string): void {
    this.sources.close(path);
    if (isLintConfigFile(path)) return this.reloadConfig();
    if (isHeader(path)) {
      // Headers are analysed only while open: clear what was published.
      this.headers.cancel(path);
      return this.host.publish(path, [], undefined);
    }
    this.scheduler.enqueue(path, false);
    this.scheduleDependents(path);
  }

  /** A watched file changed on disk (created, changed or deleted). */
  diskChanged(path: string, deleted: boolean): void {
    this.sources.diskChanged(path);
    if (isLintConfigFile(path)) return this.reloadConfig();
    if (isHeader(path)) return this.sources.isOpen(path) ? this.scheduleHeader(path, 0) : undefined;
    if (deleted && !this.sources.isOpen(path)) {
      this.known.delete(path);
      this.analyses.delete(path);
      this.scheduler.drop(path);
      if (this.published.delete(path)) this.host.publish(path, [], undefined);
    } else if (path.endsWith(".ts") && this.inDefinitionsFolder(path)) {
      this.known.add(path);
      this.scheduler.enqueue(path, false);
    }
    this.scheduleDependents(path);
  }

  /** Finds the definitions modules of the workspace folders, without blocking. */
  async scan(): Promise<void> {
    for (const root of this.roots) {
      for (const entry of this.settings.definitions) {
        const target = resolve(root, entry);
        const files = await definitionsIn(target);
        for (const f of files) {
          if (this.known.has(f)) continue;
          this.known.add(f);
          this.scheduler.enqueue(f, false);
        }
      }
    }
  }

  importsOf(path: string): ModuleImports {
    const stamp = this.sources.stamp(path);
    const hit = this.imports.get(path);
    if (hit && hit.stamp === stamp) return hit.value;
    const text = this.sources.text(path);
    const value = text === undefined ? { modules: [], importsDsl: false } : scanImports(path, text);
    this.imports.set(path, { stamp, value });
    return value;
  }

  isDefinitions(path: string): boolean {
    return (
      path.endsWith(".ts") && (this.importsOf(path).importsDsl || this.inDefinitionsFolder(path))
    );
  }

  /** The analysis of a definitions module, up to date with every buffer it reads. */
  analysis(path: string): Analysis | undefined {
    if (!this.isDefinitions(path) || this.sources.tooLarge(path) !== undefined) return undefined;
    const closure = importClosure(path, (p) => this.importsOf(p).modules);
    const key = `${closure.map((p) => `${p}@${this.sources.stamp(p)}`).join("|")}#${this.generation}`;
    const cached = this.analyses.get(path);
    if (cached && cached.key === key) return cached;
    for (const dep of closure) if (dep !== path && !this.known.has(dep)) this.known.add(dep);
    const against = this.settings.against;
    const analysis = analyseDefinitions({
      path,
      closure,
      key,
      readFile: (p) => this.sources.text(p),
      lintOptions: { config: this.lintConfig.config, knownRules: this.lintConfig.known },
      ...(against
        ? { baseline: (current) => this.baselines.of(against, this.rootOf(path), path, current) }
        : {}),
    });
    this.analyses.set(path, analysis);
    return analysis;
  }

  /** Every definitions module known, open or not (analysed on demand). */
  allPaths(): string[] {
    return [...new Set([...this.known, ...this.sources.openPaths()])].filter(
      (p) => !isLintConfigFile(p),
    );
  }

  allAnalyses(): Analysis[] {
    return this.allPaths().flatMap((p) => this.analysis(p) ?? []);
  }

  private refresh(path: string, urgent = false): void {
    const version = this.sources.openDocument(path)?.version;
    const size = this.sources.tooLarge(path);
    if (size !== undefined && (this.sources.isOpen(path) || this.known.has(path))) {
      this.published.set(path, `too-large@${this.sources.stamp(path)}`);
      this.host.publish(path, [tooLarge(path, size, this.sources.limit)], version);
      return;
    }
    if (!this.sources.isOpen(path) && !this.known.has(path)) {
      // Closed, and not part of the workspace: its diagnostics go with it.
      if (this.published.delete(path)) this.host.publish(path, [], undefined);
      return;
    }
    let analysis: Analysis | undefined;
    try {
      analysis = this.analysis(path);
    } catch (e) {
      // An internal bug must cost one file's diagnostics, never the server.
      this.host.log(`analysis of ${path} failed: ${(e as Error)?.stack ?? String(e)}`);
      this.host.publish(path, [internalError(path, e)], version);
      return;
    }
    if (!analysis) {
      if (this.published.delete(path)) this.host.publish(path, [], version);
      return;
    }
    const publishedKey = `${analysis.key}@${version ?? "disk"}`;
    if (this.published.get(path) === publishedKey) return;
    this.published.set(path, publishedKey);
    this.host.publish(path, analysis.diagnostics as readonly LintDiagnostic[], version);
    this.scheduleDependents(path, urgent ? DEPENDENTS_DELAY_MS : 0);
  }

  private scheduleDependents(path: string, delayMs = 0): void {
    for (const other of this.allPaths()) {
      if (other === path) continue;
      if (!importClosure(other, (p) => this.importsOf(p).modules).includes(path)) continue;
      if (delayMs) this.scheduler.later(other, delayMs);
      else this.scheduler.enqueue(other, false);
    }
  }

  private scheduleHeader(path: string, delayMs: number): void {
    if (this.settings.headers && this.sources.isOpen(path)) this.headers.schedule(path, delayMs);
  }

  private rootOf(path: string): string {
    return this.roots.find((r) => path.startsWith(join(r, "/"))) ?? this.roots[0] ?? process.cwd();
  }

  private inDefinitionsFolder(path: string): boolean {
    return this.roots.some((root) =>
      this.settings.definitions.some((d) => path.startsWith(join(resolve(root, d), "/"))),
    );
  }
}
