import { Command, CommanderError } from "commander";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CONFIG_FILE_NAME, DEFAULT_CONFIG, dialectOption, formatsOption, INITIAL_CONFIG, loadConfig, PACKAGE_JSON_KEY } from "./config.js";
import { DIALECTS } from "./dialect.js";
import { CodegenError } from "./errors.js";
import { generate } from "./generate.js";
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

async function run(argv: readonly string[]): Promise<number> {
  // Set by the `init` subcommand's action, which commander runs inside parse().
  let subcommand: "init" | undefined;
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
    .option("--prettier", "format the output with prettier and your prettier config instead of the built-in printer")
    .option("--no-cache", "regenerate everything; do not read or write node_modules/.cache/codegen")
    .option("--allow-remote", "fetch http(s) $refs (refused by default)")
    .option("--allow-outside-root", "follow file $refs outside the working directory and the inputs' directories (refused by default)")
    .option("--strict", "unknown keywords are errors (exit 2), not warnings")
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
    .action(() => {
      subcommand = "init";
    });
  try {
    program.parse(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT;
    throw error;
  }
  if (subcommand === "init") return init(process.cwd());
  const inputs = program.args;
  const options = program.opts<{
    out?: string;
    check?: boolean;
    dialect?: string;
    formats?: string;
    prettier?: boolean;
    cache: boolean;
    allowRemote?: boolean;
    allowOutsideRoot?: boolean;
    strict?: boolean;
    quiet?: boolean;
    verbose?: boolean;
    watch?: boolean;
  }>();
  const say = (text: string): void => {
    if (options.quiet !== true) process.stdout.write(text);
  };
  // A progress line only for a person watching a terminal; never in CI logs or with --quiet.
  const progress = process.stderr.isTTY && !process.env["CI"] && options.quiet !== true;
  let lastProgress = 0;
  const showProgress = (done: number, total: number): void => {
    if (done !== total && Date.now() - lastProgress < 100) return;
    lastProgress = Date.now();
    process.stderr.write(`\rcodegen: ${done}/${total} modules generated`);
    if (done === total) process.stderr.write("\r\x1b[K");
  };
  const runOnce = async (): Promise<number> => {
    try {
      const result = await generate({
        ...(inputs.length > 0 ? { inputs } : {}),
        ...(options.out !== undefined ? { outDir: options.out } : {}),
        ...(options.dialect !== undefined ? { dialect: dialectOption(options.dialect, "--dialect") } : {}),
        ...(options.formats !== undefined ? { formats: formatsOption(options.formats, "--formats") } : {}),
        ...(options.prettier === true ? { formatter: "prettier" as const } : {}),
        check: options.check === true,
        cache: options.cache,
        // Flags given override the config; flags not given leave its value.
        ...(options.allowRemote === true ? { allowRemote: true } : {}),
        ...(options.allowOutsideRoot === true ? { allowOutsideRoot: true } : {}),
        ...(options.strict === true ? { strict: true } : {}),
        ...(progress ? { onProgress: showProgress } : {}),
      });
      if (options.quiet !== true) {
        for (const warning of result.warnings)
          process.stderr.write(`codegen: warning: ${warning.file}#${warning.pointer}: ${warning.message}\n`);
      }
      if (options.verbose === true) for (const { stage, ms } of result.timings) process.stderr.write(`codegen: ${stage}: ${ms} ms\n`);
      const outDir = path.relative(process.cwd(), result.outDir) || ".";
      if (options.check) {
        for (const { name, change } of result.changes) {
          process.stderr.write(
            `${path.join(outDir, name)} would be ${change === "create" ? "created" : change === "update" ? "updated" : "deleted"}\n`,
          );
        }
        if (result.changes.length > 0) {
          process.stderr.write(`codegen --check: ${result.changes.length} file(s) out of date; run codegen to update them.\n`);
          return EXIT_DRIFT;
        }
        say(`codegen --check: ${outDir}/ is up to date (${result.files.length} files, ${result.typeCount} types).\n`);
        return EXIT_OK;
      }
      say(
        `codegen: ${result.typeCount} types in ${result.files.length} files; ${result.changes.length} written or removed in ${outDir}/.\n`,
      );
      return EXIT_OK;
    } catch (error) {
      if (error instanceof CodegenError) {
        process.stderr.write(`codegen: ${error.describe()}\n`);
        return EXIT_BAD_INPUT;
      }
      // generate() writes nothing until every file is ready, so a crash leaves the output as it was.
      return reportInternalError(error, options.verbose === true, "Nothing was written.");
    }
  };

  const status = await runOnce();
  if (options.watch !== true || options.check === true) return status;
  let configInputs = DEFAULT_CONFIG.inputs;
  try {
    configInputs = loadConfig(process.cwd()).inputs;
  } catch {
    // A broken config was reported by the run above; watching it lets the next save repair it.
  }
  const watched = watchedPaths(inputs.length > 0 ? inputs : configInputs, process.cwd(), [CONFIG_FILE_NAME, "package.json"]);
  say(`codegen: watching ${watched.map((entry) => path.relative(process.cwd(), entry) || ".").join(", ")} (Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => {
    const stop = watchPaths(watched, async () => {
      await runOnce();
    });
    process.once("SIGINT", () => {
      stop();
      resolve();
    });
  });
  return EXIT_OK;
}
