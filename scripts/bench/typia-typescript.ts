/**
 * Preloaded (`node --import`) into typia's CLI: typia 9 supports TypeScript below 5.10 and the
 * repository's is 6, so typia's `require("typescript")` gets the `typescript-5.9` package instead.
 */
import Module, { createRequire } from "node:module";

const typescript = createRequire(import.meta.url).resolve("typescript-5.9");
const loader = Module as unknown as { _resolveFilename: (this: unknown, request: string, ...rest: unknown[]) => string };
const resolve = loader._resolveFilename;
loader._resolveFilename = function (request, ...rest) {
  return resolve.call(this, request === "typescript" ? typescript : request, ...rest);
};
