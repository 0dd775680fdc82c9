// Bundles the compiled CLI (dist/src/cli.js) and its dependencies, prettier aside, into one module,
// dist/src/cli.bundle.js, which bin/codegen.js runs: Node 20 starts faster from one file than from
// the ~180 modules it replaces (0.39 s → 0.35 s a run on schemas/; the README's "Start-up" note).
// It sits beside cli.js, so what the code finds from its own location (runtime sources,
// metaschemas, package root) stays put. prettier stays outside: it loads its plugins from its package.
import path from "node:path";
import * as esbuild from "esbuild";

const compiled = (file) => path.join(import.meta.dirname, "../dist/src", file);

// json-schema-to-typescript requires prettier for its `format` option, which codegen always turns
// off (it formats the output itself); prettier's CommonJS entry point would load all of prettier
// (about 50 ms) at start-up, even for a run that never formats with prettier.
const json2tsWithoutPrettier = {
  name: "json2ts-without-prettier",
  setup(build) {
    const json2ts = `${path.sep}json-schema-to-typescript${path.sep}`;
    build.onResolve({ filter: /^prettier$/ }, (args) =>
      args.importer.includes(json2ts)
        ? { path: "prettier", namespace: "json2ts-prettier" }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "json2ts-prettier" }, () => ({
      contents:
        'exports.format = () => { throw new Error("codegen runs json-schema-to-typescript with format: false"); };',
      loader: "js",
    }));
  },
};

await esbuild.build({
  entryPoints: [compiled("cli.js")],
  outfile: compiled("cli.bundle.js"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["prettier"],
  plugins: [json2tsWithoutPrettier],
  // The CommonJS dependencies call require() for Node's own modules and for prettier.
  banner: {
    js: 'import { createRequire as createBundleRequire } from "node:module";\nconst require = createBundleRequire(import.meta.url);',
  },
  logLevel: "warning",
});
