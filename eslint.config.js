// Lint for the hand-written code (src, test, scripts, bin). Generated code is not linted here:
// it is checked by tsc under the strict flags, and its formatting belongs to codegen's printer.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "dist/",
      "node_modules/",
      "generated/",
      "test/golden/",
      "test/json-schema-test-suite/",
      "src/metaschema-validators/",
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // Output must be byte-identical on every machine: no ordering or text that asks the locale.
      "no-restricted-properties": [
        "error",
        ...[
          "localeCompare",
          "toLocaleLowerCase",
          "toLocaleUpperCase",
          "toLocaleString",
        ].map((property) => ({
          property,
          message:
            "depends on the machine's locale; compare with byCodeUnits (src/order.ts) or format explicitly",
        })),
      ],
      // Standard Schema v1's types are a `declare namespace` (as @standard-schema/spec ships them), so users can name StandardSchemaV1.Result.
      "@typescript-eslint/no-namespace": ["error", { allowDeclarations: true }],
      // Dead branches are unused code too.
      "@typescript-eslint/no-unnecessary-condition": "error",
      // node:test's test() and suite() return promises the runner itself awaits.
      "@typescript-eslint/no-floating-promises": [
        "error",
        {
          allowForKnownSafeCalls: [
            {
              from: "package",
              package: "node:test",
              name: ["test", "suite", "describe", "it"],
            },
          ],
        },
      ],
    },
  },
  {
    files: ["bin/*.js", "scripts/*.js", "eslint.config.js"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: "readonly" } },
  },
);
