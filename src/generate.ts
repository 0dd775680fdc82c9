import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { Cache, moduleKeys } from "./cache.js";
import { CodegenError, throwCollected, type CodegenWarning } from "./errors.js";
import type { Options as PrettierOptions } from "prettier";
import { checkRegistryPrefix, loadConfig, type EmitLanguage, type Formatter, type NamingOptions } from "./config.js";
import type { Dialect } from "./dialect.js";
import type { EmittedModule as Emitted, GeneratedFile, ModuleInput } from "./emit-module.js";
import { listInputFiles, loadSchemaDocuments, type SchemaDocument } from "./load.js";
import { isOpenApiDocument } from "./openapi.js";
import { byCodeUnits } from "./order.js";
import type { SchemaNode } from "./graph.js";
import type { ResolvedSchemas, ResolveOptions } from "./resolve.js";
import { applyChanges, isGeneratedFile, planChanges, type FileChange } from "./write.js";
import { shareSubschemas, type SharedSubschemas } from "./validators/share.js";

export interface GenerateOptions {
  /** Schema files, directories or globs; default: the config's `inputs` (`schemas`). */
  inputs?: readonly string[];
  /** Output directory; default: the config's `out` (`generated`). */
  outDir?: string;
  /** Directory that paths are relative to and where `codegen.config.json` is read; default: `process.cwd()`. */
  cwd?: string;
  /** Naming options; default: the config's `naming`. */
  naming?: NamingOptions;
  /** Compare with the output directory instead of writing it. */
  check?: boolean;
  /** Dialect of schemas without `$schema`; default 2020-12. */
  dialect?: Dialect;
  /**
   * URI prefixes (ending in `/`) served from local directories, e.g. `{ "http://example.org/schema/": "schemas" }`,
   * added to the config's `registry` (an option's entry wins for the same prefix). A `$ref` whose URI starts with a
   * prefix is read from the directory; nothing is fetched.
   */
  registry?: Readonly<Record<string, string>>;
  /** Annotation keywords to ignore without a warning, added to the config's `annotations` and the built-in ones. */
  annotations?: readonly string[];
  /** `assert` (default): validators check `format`; `annotate`: `format` only documents, as the specification's default. */
  formats?: "assert" | "annotate";
  /**
   * `builtin` (default): prettier's output for the user's prettier config, printed by codegen's own fast printer where
   * it is proven identical; `prettier`: prettier itself; `none`: unformatted. Default: the config's `formatter`.
   */
  formatter?: Formatter;
  /**
   * `ts` (default): TypeScript modules; `js`: JavaScript modules, each with a `.d.ts` of its types, which a
   * project type-checks far faster than validator bodies. Default: the config's `emit`.
   */
  emit?: EmitLanguage;
  /** Fail on warnings (unknown keywords) instead of reporting them; default: the config's `strict`, else false. */
  strict?: boolean;
  /** Called as modules are generated (not for those the cache supplies), e.g. for a progress line. */
  onProgress?: (done: number, total: number) => void;
  /** Use the on-disk cache (default true); false regenerates everything and stores nothing. */
  cache?: boolean;
  /** Fetch `http(s)` refs the registry does not map; default: the config's `allowRemote`, else false (they are refused). */
  allowRemote?: boolean;
  /** Follow file refs outside the working directory and the inputs' directories; default: the config's `allowOutsideRoot`, else false. */
  allowOutsideRoot?: boolean;
}

export interface GenerateResult {
  /** Absolute output directory. */
  outDir: string;
  /** Every file of the output, formatted. */
  files: GeneratedFile[];
  /** What differed from the output directory (and was written, unless `check`). */
  changes: FileChange[];
  /** Number of named types generated. */
  typeCount: number;
  /** How many generated modules came from the cache unchanged (all of them when no input changed). */
  reusedModules: number;
  /** The type name of each input file's root schema, in the order of the files' absolute paths (OpenAPI documents have none: their components are named). */
  rootTypes: string[];
  /** Unknown keywords codegen ignored (with `strict`, the run fails instead). */
  warnings: CodegenWarning[];
  /** Milliseconds spent in each stage of this run, in order. */
  timings: Array<{ stage: string; ms: number }>;
}

/** With `strict`, each warning is an error. */
function strictErrors(warnings: readonly CodegenWarning[]): CodegenError[] {
  return warnings.map(
    (warning) =>
      new CodegenError(warning.strictMessage, {
        file: warning.file,
        pointer: warning.pointer,
        hint: `${warning.hint} Without --strict this is a warning.`,
      }),
  );
}

/** Checks each registry entry: an absolute prefix ending in `/`, and an existing directory (a typo is not a missing schema). */
function checkRegistry(registry: Readonly<Record<string, string>>, cwd: string): void {
  for (const [prefix, dir] of Object.entries(registry)) {
    checkRegistryPrefix(prefix, "--registry");
    if (!statSync(path.resolve(cwd, dir), { throwIfNoEntry: false })?.isDirectory()) {
      throw new CodegenError(`the registry maps ${prefix} to ${dir}, which is not a directory`, {
        hint: "Map the prefix to the directory that holds the schema files, relative to the project directory.",
      });
    }
  }
}

/** Where the cache lives: with other tools' caches, in node_modules of the project (the nearest package.json). */
function cacheDirectory(cwd: string): string {
  for (let dir = cwd; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return path.join(dir, "node_modules", ".cache", "codegen");
    if (path.dirname(dir) === dir) return path.join(cwd, "node_modules", ".cache", "codegen");
  }
}

/** Milliseconds spent in each stage, each measured from the end of the one before. */
class StageTimer {
  readonly timings: GenerateResult["timings"] = [];
  private lap = performance.now();

  end(stage: string): void {
    const now = performance.now();
    this.timings.push({ stage, ms: Math.round(now - this.lap) });
    this.lap = now;
  }
}

/** The options of a run, with the config's values filled in. */
interface RunSettings {
  cwd: string;
  outDir: string;
  inputFiles: string[];
  naming: NamingOptions;
  assertFormats: boolean;
  formatter: Formatter;
  emit: EmitLanguage;
  /** The user's prettier config for the output directory, resolved as the prettier CLI does. */
  prettierConfig: PrettierOptions;
  strict: boolean;
  resolveOptions: ResolveOptions;
  /** Everything the output depends on besides the files read: the cache's key for the run. */
  key: string;
}

async function runSettings(options: GenerateOptions): Promise<RunSettings> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const config = loadConfig(cwd);
  const outDir = path.resolve(cwd, options.outDir ?? config.out);
  const inputFiles = listInputFiles(options.inputs ?? config.inputs, cwd);
  const dialect = options.dialect ?? config.dialect;
  const naming = options.naming ?? config.naming;
  const assertFormats = (options.formats ?? config.formats) !== "annotate";
  const formatter = options.formatter ?? config.formatter ?? "builtin";
  const emit = options.emit ?? config.emit;
  const allowRemote = options.allowRemote ?? config.allowRemote ?? false;
  const allowOutsideRoot = options.allowOutsideRoot ?? config.allowOutsideRoot ?? false;
  const registry = { ...config.registry, ...options.registry };
  checkRegistry(registry, cwd);
  const annotations = [...(config.annotations ?? []), ...(options.annotations ?? [])];
  // The output follows the user's prettier config, so a change to it must miss the cache.
  const prettierConfig = formatter === "none" ? {} : await (await import("./format.js")).prettierConfig(outDir);
  const key = JSON.stringify({
    outDir,
    inputFiles,
    dialect,
    naming: { stripPrefix: naming.stripPrefix?.source, types: naming.types },
    assertFormats,
    registry,
    annotations,
    allowRemote,
    allowOutsideRoot,
    formatter,
    emit,
    prettierConfig,
  });
  const resolveOptions = {
    ...(dialect !== undefined ? { dialect } : {}),
    registry,
    annotations,
    allowRemote,
    allowOutsideRoot,
  };
  const strict = options.strict ?? config.strict ?? false;
  return { cwd, outDir, inputFiles, naming, assertFormats, formatter, emit, prettierConfig, strict, resolveOptions, key };
}

/** Loaded only when something must be generated: they are most of codegen's start-up time. */
async function loadStages() {
  const [{ resolveSchemas }, { assignTypeNames }, { emitModule, indexModule, planModules, runtimeModules }, { formatFiles }] =
    await Promise.all([import("./resolve.js"), import("./name.js"), import("./emit-module.js"), import("./format.js")]);
  return { resolveSchemas, assignTypeNames, emitModule, indexModule, planModules, runtimeModules, formatFiles };
}

/** What every stage after the cache check reads. */
interface Run {
  settings: RunSettings;
  cache: Cache | undefined;
  stages: Awaited<ReturnType<typeof loadStages>>;
}

/** What `generate()` returns besides the files, and what the cache keeps of a run. */
type RunSummary = Pick<GenerateResult, "typeCount" | "rootTypes" | "reusedModules" | "warnings">;

/** An emitted module, or the cache's copy of it (stored formatted). */
type EmittedModule = Emitted & { cached: boolean };

/** The name/plan stage's result. */
interface Plan {
  /** Type name of every named schema. */
  names: Map<SchemaNode, string>;
  modules: ModuleInput[];
  /** The module that declares each type name. */
  moduleOf: Map<string, string>;
  /** Each module's cache key; without the cache, no module needs one. */
  keys: Map<ModuleInput, string> | undefined;
  sharedSubschemas: SharedSubschemas;
}

/** Load and analyze: the input documents, and the schema graph linked from them. */
async function analyze(run: Run): Promise<{ inputs: SchemaDocument[]; resolved: ResolvedSchemas }> {
  const { cwd, inputFiles, resolveOptions, strict } = run.settings;
  const { documents: inputs, errors: loadErrors } = loadSchemaDocuments(inputFiles, cwd);
  const resolved = await run.stages.resolveSchemas(inputs, cwd, resolveOptions);
  // Every error of the run at once: they are independent (the metaschema check leaves out what the lint reported).
  throwCollected([
    ...loadErrors,
    ...resolved.errors,
    ...(strict ? strictErrors(resolved.warnings) : []),
    ...(await resolved.checkMetaschemas()),
  ]);
  return { inputs, resolved };
}

/** Name and plan: the type names, the modules that declare them, and the modules' cache keys. */
function plan(run: Run, resolved: ResolvedSchemas): Plan {
  const { assignTypeNames, planModules } = run.stages;
  const names = assignTypeNames(resolved.namedLocations, run.settings.naming);
  const modules = planModules(resolved.documents, resolved.namedLocations);
  const moduleOf = new Map<string, string>();
  for (const module of modules) {
    const moduleName = names.get(module.locations[0]!)!;
    for (const node of module.locations) moduleOf.set(names.get(node)!, moduleName);
  }
  const runKey = `${run.settings.key}\0${resolved.usesUnevaluated}`;
  // Not with unevaluated*: their annotations follow each occurrence's own functions.
  const sharedSubschemas = shareSubschemas(modules, names, !resolved.usesUnevaluated);
  const keys = run.cache === undefined ? undefined : moduleKeys(modules, resolved, names, runKey, sharedSubschemas);
  return { names, modules, moduleOf, keys, sharedSubschemas };
}

/** Each module, in order: the cache's copy, or its types and validators emitted now. */
async function emitModules(
  run: Run,
  resolved: ResolvedSchemas,
  { names, modules, moduleOf, keys, sharedSubschemas }: Plan,
  onProgress: GenerateOptions["onProgress"],
): Promise<EmittedModule[]> {
  const { assertFormats, emit } = run.settings;
  const context = { resolved, names, assertFormats, emit, sharedTypes: new Map(), sharedSubschemas };
  let generatedCount = 0;
  return Promise.all(
    modules.map(async (module) => {
      const key = keys?.get(module);
      const cached = key === undefined ? undefined : run.cache?.module<Emitted>(key);
      if (cached !== undefined) return { ...cached, cached: true };
      const fresh = await run.stages.emitModule(module, context, moduleOf);
      onProgress?.(++generatedCount, modules.length);
      return { ...fresh, cached: false };
    }),
  );
}

/** Formats the fresh modules with the runtime files and the index (cached modules were stored formatted). */
async function formatModules(run: Run, { names, modules }: Plan, emitted: readonly EmittedModule[]): Promise<GeneratedFile[]> {
  const { runtimeModules, indexModule, formatFiles } = run.stages;
  const { emit } = run.settings;
  const fresh = emitted.filter((module) => !module.cached).flatMap((module) => module.files);
  const moduleTypes = modules.map((module) => module.locations.map((node) => names.get(node)!));
  const formatChecks = new Set(emitted.flatMap((module) => module.formatChecks));
  const unformatted = [...fresh, ...runtimeModules(formatChecks, emit), ...indexModule(moduleTypes, emit)];
  return formatFiles(unformatted, run.settings.outDir, run.settings.formatter, run.settings.prettierConfig);
}

/** Stores each freshly emitted module, formatted, under its key for the next run. */
function storeModules(run: Run, { modules, keys }: Plan, emitted: readonly EmittedModule[], formatted: readonly GeneratedFile[]): void {
  if (run.cache === undefined || keys === undefined) return;
  const formattedByName = new Map(formatted.map((file) => [file.name, file.source]));
  for (const [index, module] of emitted.entries()) {
    if (module.cached) continue;
    const files = module.files.map(({ name }) => ({ name, source: formattedByName.get(name)! }));
    run.cache.storeModule(keys.get(modules[index]!)!, { files, formatChecks: module.formatChecks } satisfies Emitted);
  }
}

/** The type name of each input's root schema (OpenAPI documents have none), and the counts. */
function summarize(run: Run, inputs: readonly SchemaDocument[], resolved: ResolvedSchemas, { names, modules }: Plan): RunSummary {
  const rootTypes = inputs
    .filter((document) => !isOpenApiDocument(document))
    .map((document) => names.get(resolved.graph.nodeAt({ document, pointer: "" }))!);
  // As the cache will report it: on an unchanged run, every module is reused.
  return { typeCount: names.size, rootTypes, reusedModules: modules.length, warnings: resolved.warnings };
}

/** Compares with the output directory, writes it unless `check`, and records the run for the cache. */
function writeOutput(run: Run, resolved: ResolvedSchemas, files: GeneratedFile[], summary: RunSummary, check?: boolean): FileChange[] {
  const { outDir } = run.settings;
  const changes = planChanges(files, outDir);
  if (!check) applyChanges(files, changes, outDir);
  // A check run that found drift has not made the output match; its record would be wrong.
  if (!check || changes.length === 0) {
    const readFiles = [...new Set([...resolved.documents.map((document) => document.file), ...resolved.metaschemaFiles])];
    run.cache?.recordRun(readFiles, outDir, files, summary);
  }
  return changes;
}

/**
 * Runs the whole pipeline: load → resolve → name → emit types and validators → format → write.
 * Nothing is written until every file has been generated, so a bad input leaves the output as it was.
 * Unchanged runs and unchanged modules come from the cache (see cache.ts).
 */
export async function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  const timer = new StageTimer();
  const settings = await runSettings(options);
  const { outDir } = settings;
  const cache = options.cache === false ? undefined : new Cache(cacheDirectory(settings.cwd), settings.key);
  // What a naming hook answers is known only by asking it: the run is planned again (its modules' keys hold their names).
  const unchanged =
    settings.naming.typeName === undefined ? cache?.unchangedRun<RunSummary>(settings.inputFiles, outDir, isGeneratedFile) : undefined;
  timer.end("check the cache");
  if (unchanged !== undefined) {
    if (settings.strict) throwCollected(strictErrors(unchanged.summary.warnings));
    return { outDir, files: unchanged.files, ...unchanged.summary, changes: [], timings: timer.timings };
  }

  const run: Run = { settings, cache, stages: await loadStages() };
  const { inputs, resolved } = await analyze(run);
  timer.end("load and resolve");
  const planned = plan(run, resolved);
  const emitted = await emitModules(run, resolved, planned, options.onProgress);
  timer.end("emit types and validators");
  const formatted = await formatModules(run, planned, emitted);
  timer.end("format");
  storeModules(run, planned, emitted, formatted);
  const cachedFiles = emitted.filter((module) => module.cached).flatMap((module) => module.files);
  const files = [...cachedFiles, ...formatted].sort((a, b) => byCodeUnits(a.name, b.name));
  const summary = summarize(run, inputs, resolved, planned);
  const changes = writeOutput(run, resolved, files, summary, options.check);
  timer.end(options.check ? "compare" : "write");
  const reusedModules = emitted.filter((module) => module.cached).length;
  return { outDir, files, changes, ...summary, reusedModules, timings: timer.timings };
}
