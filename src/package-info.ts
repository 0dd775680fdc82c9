import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** codegen's own install directory (compiled code runs from dist/src/). */
export const PACKAGE_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** The `version` of codegen's package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }).version;
}
