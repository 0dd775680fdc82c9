/**
 * Generated code tree-shakes: a bundle of one guard or one validator imported from `index.ts`
 * holds the modules that function uses and nothing else (esbuild is the judge).
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { bundleImport } from "../scripts/bundle.js";
import { REPO_ROOT } from "./helpers.js";

const GENERATED = path.join(REPO_ROOT, "generated");

/** The generated modules `module` imports values from, directly or not, and itself. */
function valueImportClosure(module: string): Set<string> {
  const closure = new Set<string>();
  const visit = (name: string): void => {
    if (closure.has(name)) return;
    closure.add(name);
    const source = readFileSync(path.join(GENERATED, name), "utf8");
    for (const [, specifiers, target] of source.matchAll(/^import (\{[^}]*\}|\* as \w+) from "\.\/([^"]+)\.js";$/gm)) {
      // An import of types only is erased.
      const names = specifiers!.startsWith("{")
        ? specifiers!
            .slice(1, -1)
            .split(",")
            .map((part) => part.trim())
        : ["*"];
      if (names.some((part) => part !== "" && !part.startsWith("type "))) visit(`${target!}.ts`);
    }
  };
  visit(module);
  return closure;
}

for (const [name, module] of [
  ["isRecoverResponse", "RecoverResponse.ts"],
  ["validateRecoverResponse", "RecoverResponse.ts"],
  ["isAddress", "Address.ts"],
  ["assertMember", "Member.ts"],
  ["RecoverResponseSchema", "RecoverResponse.ts"],
] as const) {
  test(`${name} from index.ts bundles only the modules it uses`, async () => {
    const { modules } = await bundleImport(GENERATED, name);
    const closure = valueImportClosure(module);
    assert.ok(modules.includes(module), `${module} is not in the bundle: ${modules.join(", ")}`);
    const extra = modules.filter((bundled) => !closure.has(bundled));
    assert.deepEqual(extra, [], `the bundle holds modules ${name} does not use`);
  });
}

test("a guard without dependencies bundles its own module and the run-time helpers it calls", async () => {
  const { modules } = await bundleImport(GENERATED, "isAddress");
  const closure = valueImportClosure("Address.ts");
  assert.deepEqual(modules, [...closure].filter((name) => name === "Address.ts" || name.startsWith("_")).sort());
  const generatedModules = readdirSync(GENERATED).filter((name) => name.endsWith(".ts") && name !== "index.ts");
  assert.ok(modules.length <= 3 && generatedModules.length > 70, `${modules.length} of ${generatedModules.length} modules bundled`);
});
