import { Command, CommanderError } from "commander";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  CONFIG_FILE_NAME,
  DEFAULT_CONFIG,
  dialectOption,
  emitOption,
  formatsOption,
  INITIAL_CONFIG,
  loadConfig,
  PACKAGE_JSON_KEY,
} from "./config.js";
import { DIALECTS } from "./dialect.js";
import { CodegenError } from "./errors.js";
import { generate, type GenerateOptions, type GenerateResult } from "./generate.js";
import { packageVersion } from "./package-info.js";
import { watchedPaths, watchPaths } from "./watch.js";

/** Exit codes: the contract with CI pipelines, so a crash can never read as drift. */
export const EXIT_OK = 0;
export const EXIT_DRIFT = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_INTERNAL_ERROR = 3;

const REPORT_HINT =
  "  This is a bug in codegen: please report it to codegen's maintainers with the schemas and the command that trigger it (--verbose adds the stack trace).";

/**
 * Reports a failure that is codegen's fault, not the input's: no stack trace unless `verbose`.
 * `detail` is a line on what the failure left behind.
 */
export function reportInternalError(error: unknown, verbose: boolean, detail?: string): number {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`codegen: internal error: ${message}\n${detail === undefined ? "" : `  ${detail}\n`}${REPORT_HINT}\n`);
  if (verbose && error instanceof Error && error.stack !== undefined) process.stderr.write(`${error.stack}\n`);
  return EXIT_INTERNAL_ERROR;
}

/** `codegen init`: writes codegen.config.json with every default, unless the directory is already configured. */
function init(cwd: string): number {
  const file = path.join(cwd, CONFIG_FILE_NAME);
  const packageJson = path.join(cwd, "package.json");
  let configured: string | undefined;
  if (existsSync(file)) configured = `${CONFIG_FILE_NAME} already exists`;
  else if (existsSync(packageJson)) {
    try {
      const manifest: unknown = JSON.parse(readFileSync(packageJson, "utf8"));
      if (typeof manifest === "object" && manifest !== null && Object.hasOwn(manifest, PACKAGE_JSON_KEY))
        configured = `package.json already has a "${PACKAGE_JSON_KEY}" key`;
    } catch {
      // Not codegen's to judge here.
    }
  }
  if (configured !== undefined) {
    process.stderr.write(`codegen init: ${configured}; nothing was written.\n  Edit the existing configuration instead.\n`);
    return EXIT_BAD_INPUT;
  }
  writeFileSync(file, `${JSON.stringify(INITIAL_CONFIG, null, 2)}\n`, { flag: "wx" });
  process.stdout.write(
    `codegen init: wrote ${CONFIG_FILE_NAME}. Put schemas in ${INITIAL_CONFIG.inputs[0]}/ and run codegen to write ${INITIAL_CONFIG.out}/.\n`,
  );
  return EXIT_OK;
}

/**
 * The command line: returns the exit code (`EXIT_*`). Anything thrown that is not a `CodegenError`
 * is an internal error, reported as one.
 */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (error) {
    return reportInternalError(error, argv.includes("--verbose"));
  }
}

/** The flags, as commander parses them. */
interface CliOptions {
  out?: string;
  check?: boolean;
  dialect?: string;
  formats?: string;
  emit?: string;
  prettier?: boolean;
  cache: boolean;
  allowRemote?: boolean;
  allowOutsideRoot?: boolean;
  strict?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  watch?: boolean;
  registry?: string[];
}

/** The command line's definition; `onInit` is the `init` subcommand's action, run inside parse(). */
function commandLine(onInit: () => void): Command {
  const program = new Command()
    .name("codegen")
    .description("Generate TypeScript types and standalone validators from JSON Schema files.")
    .version(packageVersion(), "-V, --version", "print codegen's version")
    .usage("[options] [inputs...]\n       codegen init")
    .argument(
      "[inputs...]",
      "schema files (.json, .yaml, .yml), directories or globs such as 'schemas/**/*.json' (default: the config's inputs, or schemas/)",
    )
    .option("-o, --out <dir>", "output directory (default: the config's out, or generated/)")
    .option("--check", "write nothing; exit 1 and name every file that would change")
    .option("--dialect <dialect>", `dialect of schemas without $schema: ${DIALECTS.join(", ")} (default: 2020-12)`)
    .option("--formats <mode>", "assert: validators check format (default); annotate: format only documents")
    .option("--emit <language>", "ts: TypeScript modules (default); js: JavaScript modules, each with a .d.ts of its types")
    .option("--prettier", "always run prettier (by default the output is prettier's too, from the built-in printer where it matches)")
    .option("--no-cache", "regenerate everything; do not read or write node_modules/.cache/codegen")
    .option(
      "--registry <prefix=dir>",
      "serve $refs whose URI starts with prefix (ending in /) from the files in dir; repeatable, added to the config's registry",
      (entry: string, entries: string[] = []) => [...entries, entry],
    )
    .option("--allow-remote", "fetch http(s) $refs (refused by default)")
    .option("--allow-outside-root", "follow file $refs outside the working directory and the inputs' directories (refused by default)")
    .option("--strict", "warnings (unknown keywords, slow patterns) are errors (exit 2)")
    .option("-q, --quiet", "print only errors")
    .option("--verbose", "print each stage's time, and stack traces of internal errors")
    .option("-w, --watch", "regenerate when an input or the config changes; a broken save keeps the last good output")
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) })
    // No implicit `help` command: a directory named help is an input. (A path named init is written ./init.)
    .helpCommand(false)
    .action(() => {});
  program
    .command("init")
    .description(`write ${CONFIG_FILE_NAME} with the defaults in the current directory (never overwrites one)`)
    .action(onInit);
  return program;
}

type Invocation = { command: "init" } | { command: "generate"; inputs: string[]; options: CliOptions };

/** What the command line asks for, or the exit code of a parse that ends the run (--help, --version, a bad flag). */
function parseArguments(argv: readonly string[]): Invocation | number {
  let subcommand: "init" | undefined;
  const program = commandLine(() => {
    subcommand = "init";
  });
  try {
    program.parse(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT;
    throw error;
  }
  if (subcommand === "init") return { command: "init" };
  return { command: "generate", inputs: program.args, options: program.opts<CliOptions>() };
}

/** The `--registry prefix=dir` flags as generate()'s registry; the prefix is everything before the last `=`. */
function registryEntries(flags: readonly string[]): Record<string, string> {
  const registry: Record<string, string> = {};
  for (const flag of flags) {
    const split = flag.lastIndexOf("=");
    if (split <= 0 || split === flag.length - 1) {
      throw new CodegenError(`--registry ${flag} must be written prefix=dir`, {
        hint: "Write e.g. --registry http://example.org/schema/=schemas: the $id's URI prefix, =, and the directory holding those files.",
      });
    }
    registry[flag.slice(0, split)] = flag.slice(split + 1);
  }
  return registry;
}

/** generate()'s options from the command line. */
function generateOptions(inputs: readonly string[], options: CliOptions, onProgress: GenerateOptions["onProgress"]): GenerateOptions {
  return {
    ...(inputs.length > 0 ? { inputs } : {}),
    ...(options.out !== undefined ? { outDir: options.out } : {}),
    ...(options.dialect !== undefined ? { dialect: dialectOption(options.dialect, "--dialect") } : {}),
    ...(options.formats !== undefined ? { formats: formatsOption(options.formats, "--formats") } : {}),
    ...(options.emit !== undefined ? { emit: emitOption(options.emit, "--emit") } : {}),
    ...(options.prettier === true ? { formatter: "prettier" as const } : {}),
    check: options.check === true,
    cache: options.cache,
    // Flags given override the config; flags not given leave its value.
    ...(options.allowRemote === true ? { allowRemote: true } : {}),
    ...(options.allowOutsideRoot === true ? { allowOutsideRoot: true } : {}),
    ...(options.strict === true ? { strict: true } : {}),
    ...(options.registry !== undefined ? { registry: registryEntries(options.registry) } : {}),
    ...(onProgress !== undefined ? { onProgress } : {}),
  };
}

/** Everything a run prints: results on stdout (nothing with --quiet), the rest on stderr. */
class Reporter {
  /** A progress line only for a person watching a terminal; never in CI logs or with --quiet. */
  readonly onProgress: GenerateOptions["onProgress"];
  private lastProgress = 0;

  constructor(private readonly options: CliOptions) {
    const progress = process.stderr.isTTY && !process.env["CI"] && options.quiet !== true;
    this.onProgress = progress ? (done, total) => this.progress(done, total) : undefined;
  }

  say(text: string): void {
    if (this.options.quiet !== true) process.stdout.write(text);
  }

  /** Warnings, a line each, then each distinct hint once; with --verbose each stage's time. */
  diagnostics(result: GenerateResult): void {
    if (this.options.quiet !== true) {
      for (const warning of result.warnings)
        process.stderr.write(`codegen: warning: ${warning.file}#${warning.pointer}: ${warning.message}\n`);
      for (const hint of new Set(result.warnings.map((warning) => warning.hint))) process.stderr.write(`  ${hint}\n`);
    }
    if (this.options.verbose === true) for (const { stage, ms } of result.timings) process.stderr.write(`codegen: ${stage}: ${ms} ms\n`);
  }

  /** --check: names every file that would change; drift exits 1. */
  checked(result: GenerateResult): number {
    const outDir = relativeToCwd(result.outDir);
    for (const { name, change } of result.changes) {
      process.stderr.write(
        `${path.join(outDir, name)} would be ${change === "create" ? "created" : change === "update" ? "updated" : "deleted"}\n`,
      );
    }
    if (result.changes.length > 0) {
      process.stderr.write(`codegen --check: ${result.changes.length} file(s) out of date; run codegen to update them.\n`);
      return EXIT_DRIFT;
    }
    this.say(`codegen --check: ${outDir}/ is up to date (${result.files.length} files, ${result.typeCount} types).\n`);
    return EXIT_OK;
  }

  written(result: GenerateResult): number {
    this.say(
      `codegen: ${result.typeCount} types in ${result.files.length} files; ${result.changes.length} written or removed in ${relativeToCwd(result.outDir)}/.\n`,
    );
    return EXIT_OK;
  }

  failed(error: unknown): number {
    if (error instanceof CodegenError) {
      process.stderr.write(`codegen: ${error.describe()}\n`);
      return EXIT_BAD_INPUT;
    }
    // generate() writes nothing until every file is ready, so a crash leaves the output as it was.
    return reportInternalError(error, this.options.verbose === true, "Nothing was written.");
  }

  private progress(done: number, total: number): void {
    if (done !== total && Date.now() - this.lastProgress < 100) return;
    this.lastProgress = Date.now();
    process.stderr.write(`\rcodegen: ${done}/${total} modules generated`);
    if (done === total) process.stderr.write("\r\x1b[K");
  }
}

/** A path as messages name it: relative to the working directory. */
function relativeToCwd(entry: string): string {
  return path.relative(process.cwd(), entry) || ".";
}

/** One generate() run, reported; returns its exit code. */
async function generateOnce(inputs: readonly string[], options: CliOptions, reporter: Reporter): Promise<number> {
  try {
    const result = await generate(generateOptions(inputs, options, reporter.onProgress));
    reporter.diagnostics(result);
    return options.check ? reporter.checked(result) : reporter.written(result);
  } catch (error) {
    return reporter.failed(error);
  }
}

/** --watch: runs `regenerate` on every change to the inputs or the config, until Ctrl-C. */
async function watch(inputs: readonly string[], reporter: Reporter, regenerate: () => Promise<number>): Promise<number> {
  let configInputs = DEFAULT_CONFIG.inputs;
  try {
    configInputs = loadConfig(process.cwd()).inputs;
  } catch {
    // A broken config was reported by the first run; watching it lets the next save repair it.
  }
  const watched = watchedPaths(inputs.length > 0 ? inputs : configInputs, process.cwd(), [CONFIG_FILE_NAME, "package.json"]);
  reporter.say(`codegen: watching ${watched.map(relativeToCwd).join(", ")} (Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => {
    const stop = watchPaths(watched, async () => {
      await regenerate();
    });
    process.once("SIGINT", () => {
      stop();
      resolve();
    });
  });
  return EXIT_OK;
}

async function run(argv: readonly string[]): Promise<number> {
  const invocation = parseArguments(argv);
  if (typeof invocation === "number") return invocation;
  if (invocation.command === "init") return init(process.cwd());
  const { inputs, options } = invocation;
  const reporter = new Reporter(options);
  const status = await generateOnce(inputs, options, reporter);
  if (options.watch !== true || options.check === true) return status;
  return watch(inputs, reporter, () => generateOnce(inputs, options, reporter));
}
