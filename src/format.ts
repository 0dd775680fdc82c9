import * as prettier from "prettier";
import type { GeneratedFile } from "./emit-module.js";
import path from "node:path";

/** Formats generated files with prettier, using the user's prettier config for the output directory if any. */
export async function formatFiles(files: readonly GeneratedFile[], outDir: string): Promise<GeneratedFile[]> {
  const config = (await prettier.resolveConfig(path.join(outDir, "index.ts"))) ?? {};
  return Promise.all(
    files.map(async (file) => ({
      name: file.name,
      source: await prettier.format(file.source, { ...config, filepath: path.join(outDir, file.name) }),
    })),
  );
}
