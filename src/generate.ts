import { existsSync } from "node:fs";
import path from "node:path";
import { Cache, moduleKeys } from "./cache.js";
import { CodegenError, type CodegenWarning } from "./errors.js";
import { loadConfig, type Formatter, type NamingOptions } from "./config.js";
import type { Dialect } from "./dialect.js";
import type { GeneratedFile } from "./emit-module.js";
import { listInputFiles, loadSchemaDocuments } from "./load.js";
import { isOpenApiDocument } from "./openapi.js";
import { byCodeUnits } from "./order.js";
import { applyChanges, isGeneratedFile, planChanges, type FileChange } from "./write.js";

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
  /** URI prefixes served from local directories, e.g. `{ "http://localhost:1234/": "remotes" }`; nothing is fetched. */
  registry?: Readonly<Record<string, string>>;
  /** `assert` (default): validators check `format`; `annotate`: `format` only documents, as the specification's default. */
  formats?: "assert" | "annotate";
  /** `builtin` (default): codegen's own fast printer; `prettier`: prettier with the user's config; `none`: unformatted. Default: the config's `formatter`. */
  formatter?: Formatter;
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
  /** The type name of each input's root schema, in input order (OpenAPI documents have none: their components are named). */
  rootTypes: string[];
  /** Unknown keywords codegen ignored (with `strict`, the run fails instead). */
  warnings: CodegenWarning[];
  /** Milliseconds spent in each stage of this run, in order. */
  timings: Array<{ stage: string; ms: number }>;
}

/** With `strict`, a warning is an error. */
function failOnWarnings(warnings: readonly CodegenWarning[]): void {
  const [first] = warnings;
  if (first === undefined) return;
  const more = warnings.length > 1 ? ` (and ${warnings.length - 1} more warning(s))` : "";
  throw new CodegenError(`${first.message}${more}`, {
    file: first.file,
    pointer: first.pointer,
    hint: `${first.hint} Without --strict this is a warning.`,
  });
}

/** Where the cache lives: with other tools' caches, in node_modules of the project (the nearest package.json). */
function cacheDirectory(cwd: string): string {
  for (let dir = cwd; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return path.join(dir, "node_modules", ".cache", "codegen");
    if (path.dirname(dir) === dir) return path.join(cwd, "node_modules", ".cache", "codegen");
  }
}

/**
 * Runs the whole pipeline: load → resolve → name → emit types and validators → format → write.
 * Nothing is written until every file has been generated, so a bad input leaves the output as it was.
 * Unchanged runs and unchanged modules come from the cache (see cache.ts).
 */
export async function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  const timings: GenerateResult["timings"] = [];
  let lap = performance.now();
  const stage = (name: string): void => {
    const now = performance.now();
    timings.push({ stage: name, ms: Math.round(now - lap) });
    lap = now;
  };
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const config = loadConfig(cwd);
  const outDir = path.resolve(cwd, options.outDir ?? config.out);
  const inputFiles = listInputFiles(options.inputs ?? config.inputs, cwd);
  const dialect = options.dialect ?? config.dialect;
  const naming = options.naming ?? config.naming;
  const assertFormats = (options.formats ?? config.formats) !== "annotate";
  const formatter = options.formatter ?? config.formatter ?? "builtin";
  const strict = options.strict ?? config.strict ?? false;
  const allowRemote = options.allowRemote ?? config.allowRemote ?? false;
  const allowOutsideRoot = options.allowOutsideRoot ?? config.allowOutsideRoot ?? false;
  // prettier's output follows the user's prettier config, so a change to it must miss the cache.
  const prettierConfig = formatter === "prettier" ? await (await import("./format.js")).prettierConfig(outDir) : undefined;
  const settings = JSON.stringify({
    outDir,
    inputFiles,
    dialect,
    naming: naming.stripPrefix?.source,
    assertFormats,
    registry: options.registry,
    allowRemote,
    allowOutsideRoot,
    formatter,
    prettierConfig,
  });
  const cache = options.cache === false ? undefined : new Cache(cacheDirectory(cwd), settings);
  const unchanged = cache?.unchangedRun<Pick<GenerateResult, "typeCount" | "rootTypes" | "reusedModules" | "warnings">>(
    inputFiles,
    outDir,
    isGeneratedFile,
  );
  stage("check the cache");
  if (unchanged !== undefined) {
    if (strict) failOnWarnings(unchanged.summary.warnings);
    return { outDir, files: unchanged.files, ...unchanged.summary, changes: [], timings };
  }

  // Loaded only when something must be generated: they are most of codegen's start-up time.
  const [
    { resolveSchemas },
    { locationKey },
    { assignTypeNames },
    { emitModule, indexModule, planModules, runtimeModules },
    { formatFiles },
  ] = await Promise.all([
    import("./resolve.js"),
    import("./graph.js"),
    import("./name.js"),
    import("./emit-module.js"),
    import("./format.js"),
  ]);
  const inputs = loadSchemaDocuments(inputFiles, cwd);
  const resolved = await resolveSchemas(inputs, cwd, {
    ...(dialect !== undefined ? { dialect } : {}),
    ...(options.registry !== undefined ? { registry: options.registry } : {}),
    allowRemote,
    allowOutsideRoot,
  });
  if (strict) failOnWarnings(resolved.warnings);
  // After the lint (in resolve), which says more about the keywords codegen reads than a metaschema can.
  resolved.checkMetaschemas();
  stage("load and resolve");
  const names = assignTypeNames(resolved.namedLocations, naming);

  const modules = planModules(resolved.documents, resolved.namedLocations);
  const moduleOf = new Map<string, string>();
  for (const module of modules) {
    const moduleName = names.get(locationKey(module.locations[0]!))!;
    for (const location of module.locations) moduleOf.set(names.get(locationKey(location))!, moduleName);
  }
  // Without the cache, no module needs its key.
  const keys = cache === undefined ? undefined : moduleKeys(modules, resolved, names, `${settings}\0${resolved.usesUnevaluated}`);
  const context = { resolved, names, assertFormats, sharedTypes: new Map() };
  type Emitted = GeneratedFile & { usesFormats: boolean };
  let generatedCount = 0;
  const emitted = await Promise.all(
    modules.map(async (module): Promise<Emitted & { cached: boolean }> => {
      const cached = cache?.module<Emitted>(keys!.get(module)!);
      if (cached !== undefined) return { ...cached, cached: true };
      const fresh = await emitModule(module, context, moduleOf);
      options.onProgress?.(++generatedCount, modules.length);
      return { ...fresh, cached: false };
    }),
  );
  stage("emit types and validators");
  const fresh = emitted.filter((module) => !module.cached).map(({ name, source }) => ({ name, source }));
  const moduleTypes = modules.map((module) => module.locations.map((location) => names.get(locationKey(location))!));
  const unformatted = [...fresh, ...runtimeModules(emitted.some((module) => module.usesFormats)), indexModule(moduleTypes)];
  const formatted = await formatFiles(unformatted, outDir, formatter);
  stage("format");
  const formattedByName = new Map(formatted.map((file) => [file.name, file.source]));
  for (const [index, module] of emitted.entries()) {
    if (module.cached) continue;
    module.source = formattedByName.get(module.name)!;
    cache?.storeModule(keys!.get(modules[index]!)!, { name: module.name, source: module.source, usesFormats: module.usesFormats });
  }
  const cachedFiles = emitted.filter((module) => module.cached).map(({ name, source }) => ({ name, source }));
  const files = [...cachedFiles, ...formatted].sort((a, b) => byCodeUnits(a.name, b.name));

  const changes = planChanges(files, outDir);
  if (!options.check) applyChanges(files, changes, outDir);
  const rootTypes = inputs
    .filter((document) => !isOpenApiDocument(document))
    .map((document) => names.get(locationKey({ document, pointer: "" }))!);
  const summary = { typeCount: names.size, rootTypes, reusedModules: modules.length, warnings: resolved.warnings };
  // A check run that found drift has not made the output match; its record would be wrong.
  if (!options.check || changes.length === 0) {
    const readFiles = [...new Set([...resolved.documents.map((document) => document.file), ...resolved.metaschemaFiles])];
    cache?.recordRun(readFiles, files, summary);
  }
  stage(options.check ? "compare" : "write");
  return { outDir, files, changes, ...summary, reusedModules: cachedFiles.length, timings };
}
