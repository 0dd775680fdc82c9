import path from "node:path";
import type { Options as PrettierOptions } from "prettier";
import type { Formatter } from "./config.js";
import type { GeneratedFile } from "./emit-module.js";
import { printTypeScript } from "./print.js";

/** Formats generated files. prettier is loaded only when asked for: loading it alone takes longer than a whole built-in run. */
export async function formatFiles(files: readonly GeneratedFile[], outDir: string, formatter: Formatter): Promise<GeneratedFile[]> {
  if (formatter !== "prettier") {
    const print = formatter === "builtin";
    return files.map(({ name, source, preformatted }) => ({ name, source: print && !preformatted ? printTypeScript(source) : source }));
  }
  const prettier = await import("prettier");
  const config = await prettierConfig(outDir);
  return Promise.all(
    files.map(async (file) => ({
      name: file.name,
      source: await prettier.format(file.source, { ...config, filepath: path.join(outDir, file.name) }),
    })),
  );
}

/** The user's prettier config for files in the output directory, read afresh (it may have changed since the last run in this process). */
export async function prettierConfig(outDir: string): Promise<PrettierOptions> {
  const prettier = await import("prettier");
  return (await prettier.resolveConfig(path.join(outDir, "index.ts"), { useCache: false })) ?? {};
}
