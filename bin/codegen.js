#!/usr/bin/env node
// Exit codes: 0 success, 1 `--check` found drift, 2 bad input or usage, 3 internal error.
const verbose = process.argv.includes("--verbose");
let cli;
try {
  cli = await import("../dist/src/cli.bundle.js");
} catch (error) {
  const notBuilt = error?.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("dist/src/cli.bundle.js");
  process.stderr.write(
    notBuilt
      ? "codegen: internal error: codegen is not built (dist/src/cli.bundle.js is missing).\n  In a clone of codegen, run `npm install` (its prepare script builds it) or `npm run build`.\n"
      : `codegen: internal error: codegen failed to load: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  if (verbose && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exit(3);
}
// Whatever escapes the command (an error in a watcher callback, say) is still an internal error, never exit 1.
process.on("uncaughtException", (error) => process.exit(cli.reportInternalError(error, verbose)));
process.on("unhandledRejection", (error) => process.exit(cli.reportInternalError(error, verbose)));
process.exitCode = await cli.main(process.argv.slice(2));
