/**
 * What a bundler ships for one import from generated code: esbuild bundles `import { name } from
 * "<dir>/index.js"` as a minified ES module, and reports its size and the generated modules that
 * contributed code to it.
 */
import path from "node:path";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";

export interface Bundle {
  bytes: number;
  gzipBytes: number;
  /** File names (in `dir`) of the modules with code in the bundle, sorted. */
  modules: string[];
}

export async function bundleImport(dir: string, name: string): Promise<Bundle> {
  const result = await esbuild.build({
    stdin: { contents: `export { ${name} } from "./index.js";`, resolveDir: dir, loader: "ts", sourcefile: "entry.ts" },
    bundle: true,
    minify: true,
    format: "esm",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  const modules = Object.entries(output.inputs)
    .filter(([input, { bytesInOutput }]) => bytesInOutput > 0 && input !== "entry.ts")
    .map(([input]) => path.basename(input))
    .sort();
  const contents = result.outputFiles[0]!.contents;
  return { bytes: contents.length, gzipBytes: gzipSync(contents).length, modules };
}
