/**
 * codegen finds the user's prettier config as prettier does, and skips loading prettier only where
 * prettier would find none: each config file prettier searches for, in the output directory's
 * parent, against prettier.resolveConfig itself.
 */
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import * as prettier from "prettier";
import { prettierConfig } from "../src/format.js";
import { temporaryDirectory } from "./helpers.js";

/** A file setting printWidth 99, in each syntax prettier reads; undefined for a project with no config. */
const CONFIGS: Record<string, string | undefined> = {
  "(none)": undefined,
  "package.json": JSON.stringify({ name: "p", prettier: { printWidth: 99 } }),
  "package.yaml": "name: p\nprettier:\n  printWidth: 99\n",
  ".prettierrc": JSON.stringify({ printWidth: 99 }),
  ".prettierrc.json": JSON.stringify({ printWidth: 99 }),
  ".prettierrc.yml": "printWidth: 99\n",
  ".prettierrc.yaml": "printWidth: 99\n",
  ".prettierrc.json5": "{ printWidth: 99 }\n",
  ".prettierrc.js": "export default { printWidth: 99 };\n",
  "prettier.config.js": "export default { printWidth: 99 };\n",
  ".prettierrc.mjs": "export default { printWidth: 99 };\n",
  "prettier.config.mjs": "export default { printWidth: 99 };\n",
  ".prettierrc.cjs": "module.exports = { printWidth: 99 };\n",
  "prettier.config.cjs": "module.exports = { printWidth: 99 };\n",
  ".prettierrc.toml": "printWidth = 99\n",
  ".editorconfig": "root = true\n\n[*]\nmax_line_length = 99\n",
};

for (const [name, contents] of Object.entries(CONFIGS)) {
  test(`the prettier config is prettier's: ${name}, in the project above the output directory`, async () => {
    const project = temporaryDirectory("prettier-config");
    // A package.json without a "prettier" key is not a config; prettier searches on above it.
    writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "p", type: "module" }));
    if (contents !== undefined) writeFileSync(path.join(project, name), contents);
    const outDir = path.join(project, "src", "generated");
    mkdirSync(path.dirname(outDir), { recursive: true });
    const expected = (await prettier.resolveConfig(path.join(outDir, "index.ts"), { useCache: false, editorconfig: true })) ?? {};
    assert.deepEqual(await prettierConfig(outDir), expected);
    if (contents !== undefined) assert.equal(expected.printWidth, 99, `prettier reads ${name}`);
  });
}
