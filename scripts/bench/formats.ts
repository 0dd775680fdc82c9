/**
 * The per-format rows: codegen's format checks (src/runtime/formats.ts, which the generated
 * `_formats.ts` copies) against ajv-formats' `fullFormats`, on the values a schema gives that
 * format in the bench's payloads, or where they have none, on a fixed list of realistic strings.
 */
import { createRequire } from "node:module";
import path from "node:path";
import * as formats from "../../src/runtime/formats.js";
import { GITHUB_ID, STYTCH_ID, ajv2020, ajvDraft07, componentRef, withoutTypelessNullable } from "./ajv.js";
import { readJson, REPO_ROOT, STYTCH_ROOT, stytchComponents, type Schemas } from "./inputs.js";
import { compareSpeed, type SpeedOptions } from "./measure.js";
import { nanoseconds, reason, type Row } from "./report.js";

type Check = (value: string) => boolean;
type AjvFormat = RegExp | Check | { validate: RegExp | Check };

const require = createRequire(import.meta.url);
const { fullFormats } = require("ajv-formats/dist/formats") as { fullFormats: Record<string, AjvFormat> };

const TARGET = 2;

/** The formats timed, with codegen's check and strings to add where the payloads hold too few values. */
export const FORMAT_CHECKS: { format: string; check: Check; realistic: string[] }[] = [
  { format: "date-time", check: formats.isDateTime, realistic: ["2024-02-27T17:41:35.123+01:00", "2023-12-31T23:59:59.999999Z"] },
  { format: "date", check: formats.isDate, realistic: ["2024-02-29", "1970-01-01", "2023-11-30", "1999-12-31"] },
  { format: "time", check: formats.isTime, realistic: ["17:41:35Z", "08:00:00+02:00", "23:59:59.999Z", "00:00:00-05:30"] },
  { format: "uri", check: formats.isUri, realistic: ["https://example.com", "mailto:octocat@github.com", "urn:isbn:0451450523"] },
  {
    format: "uri-reference",
    check: formats.isUriReference,
    realistic: [
      "https://api.github.com/repos/octocat/Hello-World",
      "/repos/octocat/Hello-World/pulls?state=open",
      "#/components/schemas/user",
      "../pet.yaml",
    ],
  },
  {
    format: "email",
    check: formats.isEmail,
    realistic: ["octocat@github.com", "ada.lovelace+billing@acme-analytics.com", "j.doe@mail.example.co.uk"],
  },
  {
    format: "uuid",
    check: formats.isUuid,
    realistic: ["123e4567-e89b-12d3-a456-426614174000", "f47ac10b-58cc-4372-A567-0E02B2C3D479", "00000000-0000-0000-0000-000000000000"],
  },
  { format: "ipv4", check: formats.isIpv4, realistic: ["203.0.113.42", "192.168.1.1", "10.0.0.255", "8.8.8.8"] },
  {
    format: "ipv6",
    check: formats.isIpv6,
    realistic: [
      "2001:db8::ff00:42:8329",
      "::1",
      "fe80::1ff:fe23:4567:890a",
      "2001:0db8:0000:0000:0000:0000:0000:0001",
      "::ffff:192.0.2.128",
    ],
  },
  {
    format: "hostname",
    check: formats.isHostname,
    realistic: ["api.github.com", "localhost", "www.example.co.uk", "ec2-203-0-113-42.compute-1.amazonaws.com"],
  },
];

/** The strings each format is applied to when ajv validates `payload` against component `name`: its checks record instead of checking. */
function formatValues(
  Ajv: ReturnType<typeof ajv2020>,
  id: string,
  schemas: Schemas,
  name: string,
  payload: unknown,
  into: Map<string, string[]>,
): void {
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  for (const { format } of FORMAT_CHECKS) {
    ajv.addFormat(format, (value) => {
      into.get(format)!.push(value);
      return true;
    });
  }
  ajv.addSchema({ $id: id, components: { schemas } });
  ajv.getSchema(componentRef(id, name))!(payload);
}

/** Every format's values in the Stytch and GitHub fixtures, then its realistic strings. */
function formatInputs(github: Schemas, components: readonly string[]): Map<string, string[]> {
  const values = new Map(FORMAT_CHECKS.map(({ format }): [string, string[]] => [format, []]));
  const fixtures = path.join(REPO_ROOT, "test/fixtures");
  formatValues(
    ajv2020(),
    STYTCH_ID,
    stytchComponents(),
    STYTCH_ROOT,
    readJson(path.join(fixtures, "stytch/recover-response.valid.json")),
    values,
  );
  const schemas = withoutTypelessNullable(github) as Schemas;
  for (const component of components) {
    formatValues(ajvDraft07(), GITHUB_ID, schemas, component, readJson(path.join(fixtures, "github", `${component}.json`)), values);
  }
  for (const { format, realistic } of FORMAT_CHECKS) values.get(format)!.push(...realistic);
  return values;
}

function ajvCheck(format: AjvFormat): Check {
  const validate = typeof format === "object" && !(format instanceof RegExp) ? format.validate : format;
  return validate instanceof RegExp ? (value) => validate.test(value) : validate;
}

/** A loop calling `check` on every value, from a copy of check-all.js of its own (see there). */
async function checkAll(check: Check, copy: string): Promise<(values: unknown) => boolean> {
  const module = (await import(`./check-all.js?${copy}`)) as typeof import("./check-all.js");
  return module.checkAll(check) as (values: unknown) => boolean;
}

/** One row per format: time per value, codegen against ajv-formats, on the same values in the same run. */
export async function formatRows(github: Schemas, components: readonly string[], speed: SpeedOptions): Promise<Row[]> {
  let inputs: Map<string, string[]>;
  try {
    inputs = formatInputs(github, components);
  } catch (error) {
    return FORMAT_CHECKS.map(({ format }) => ({
      name: `format ${format}`,
      codegen: "",
      peer: "",
      target: `≥ ${TARGET}×`,
      unavailable: reason(error),
    }));
  }
  const rows: Row[] = [];
  for (const { format, check } of FORMAT_CHECKS) {
    const values = inputs.get(format)!;
    const name = `format ${format} (${values.length} values)`;
    const peer = ajvCheck(fullFormats[format]!);
    const rejected = values.filter((value) => !check(value) || !peer(value));
    if (rejected.length > 0) {
      rows.push({ name, codegen: "", peer: "", target: `≥ ${TARGET}×`, unavailable: `a side rejects ${JSON.stringify(rejected[0])}` });
      continue;
    }
    const times = compareSpeed(await checkAll(check, `codegen-${format}`), await checkAll(peer, `ajv-${format}`), values, speed);
    const ratio = times.peer / times.codegen;
    rows.push({
      name,
      codegen: `${nanoseconds(times.codegen / values.length)}/value`,
      peer: `ajv-formats ${nanoseconds(times.peer / values.length)}/value`,
      ratio,
      target: `≥ ${TARGET}×`,
      passed: ratio >= TARGET,
    });
  }
  return rows;
}
