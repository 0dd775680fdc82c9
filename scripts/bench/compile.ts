import path from "node:path";
import { pathToFileURL } from "node:url";
import { compileGenerated } from "../strict-tsc.js";

/** Compiles the generated TypeScript in `dir` (strict settings) and imports its `index.js`. */
export async function compileAndImport(dir: string): Promise<Record<string, unknown>> {
  return (await import(pathToFileURL(path.join(compileGenerated(dir), "index.js")).href)) as Record<string, unknown>;
}
