import path from "node:path";
import { loadConfig, type NamingOptions } from "./config.js";
import type { Dialect } from "./dialect.js";
import { emitModule, indexModule, planModules, runtimeModules, type GeneratedFile } from "./emit-module.js";
import { formatFiles } from "./format.js";
import { loadSchemaDocuments } from "./load.js";
import { assignTypeNames } from "./name.js";
import { isOpenApiDocument } from "./openapi.js";
import { locationKey, resolveSchemas } from "./resolve.js";
import { applyChanges, planChanges, type FileChange } from "./write.js";

export interface GenerateOptions {
  /** Schema files or directories; default: the config's `inputs` (`schemas`). */
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
  /** Format the output with prettier (default true); false is faster. */
  prettier?: boolean;
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
  /** The type name of each input's root schema, in input order (OpenAPI documents have none: their components are named). */
  rootTypes: string[];
}

/**
 * Runs the whole pipeline: load → resolve → name → emit types and validators → format → write.
 * Nothing is written until every file has been generated, so a bad input leaves the output as it was.
 */
export async function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const config = loadConfig(cwd);
  const outDir = path.resolve(cwd, options.outDir ?? config.out);

  const inputs = loadSchemaDocuments(options.inputs ?? config.inputs, cwd);
  const dialect = options.dialect ?? config.dialect;
  const resolved = await resolveSchemas(inputs, cwd, {
    ...(dialect !== undefined ? { dialect } : {}),
    ...(options.registry !== undefined ? { registry: options.registry } : {}),
  });
  const names = assignTypeNames(resolved.namedLocations, options.naming ?? config.naming);

  const modules = planModules(resolved.documents, resolved.namedLocations);
  const moduleOf = new Map<string, string>();
  for (const module of modules) {
    const moduleName = names.get(locationKey(module.locations[0]!))!;
    for (const location of module.locations) moduleOf.set(names.get(locationKey(location))!, moduleName);
  }
  const context = { resolved, names, assertFormats: (options.formats ?? config.formats) !== "annotate" };
  const emitted = await Promise.all(modules.map((module) => emitModule(module, context, moduleOf)));
  const moduleNames = emitted.map((file) => file.name.replace(/\.ts$/, ""));
  const unformatted = [
    ...emitted.map(({ name, source }) => ({ name, source })),
    ...runtimeModules(emitted.some((module) => module.usesFormats)),
    indexModule(moduleNames),
  ];
  const files = options.prettier === false ? unformatted : await formatFiles(unformatted, outDir);
  files.sort((a, b) => a.name.localeCompare(b.name));

  const changes = planChanges(files, outDir);
  if (!options.check) applyChanges(files, changes, outDir);
  const rootTypes = inputs.filter((document) => !isOpenApiDocument(document)).map((document) => names.get(locationKey({ document, pointer: "" }))!);
  return { outDir, files, changes, typeCount: names.size, rootTypes };
}
