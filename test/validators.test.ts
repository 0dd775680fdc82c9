import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, test } from "node:test";
import {
  assertRecoverResponse,
  isRecoverResponse,
  RecoverResponseSchema,
  SchemaValidationError,
  validateRecoverResponse,
  type ValidationError,
} from "../generated/index.js";
import { objectAt, REPO_ROOT } from "./helpers.js";

type Payload = Record<string, unknown>;

const VALID = JSON.parse(readFileSync(path.join(REPO_ROOT, "test/fixtures/stytch/recover-response.valid.json"), "utf8")) as Payload;

function variant(change: (payload: Payload) => void): Payload {
  const copy = structuredClone(VALID);
  change(copy);
  return copy;
}

interface Case {
  name: string;
  payload: unknown;
  /** Expected (instancePath, keyword) of every error; empty for a valid payload. */
  errors: [instancePath: string, keyword: string][];
}

const CASES: Case[] = [
  { name: "the complete valid response", payload: VALID, errors: [] },
  {
    name: "extra properties at every depth (the schema allows them)",
    payload: variant((p) => {
      p["x_extra"] = 1;
      objectAt(p, "member")["nickname"] = "Ada";
      objectAt(p, "member", "roles", 0, "sources", 0)["weight"] = { any: ["thing"] };
      objectAt(p, "member_session", "authentication_factors", 0)["future_factor"] = {};
      objectAt(p, "member_device")["extra"] = null;
    }),
    errors: [],
  },
  { name: "missing request_id", payload: variant((p) => delete p["request_id"]), errors: [["", "required"]] },
  {
    name: "missing member.roles[0].sources[0].type",
    payload: variant((p) => delete objectAt(p, "member", "roles", 0, "sources", 0)["type"]),
    errors: [["/member/roles/0/sources/0", "required"]],
  },
  {
    name: "missing member_session.authentication_factors[1].delivery_method",
    payload: variant((p) => delete objectAt(p, "member_session", "authentication_factors", 1)["delivery_method"]),
    errors: [["/member_session/authentication_factors/1", "required"]],
  },
  { name: "status_code as a string", payload: variant((p) => (p["status_code"] = "200")), errors: [["/status_code", "type"]] },
  {
    name: "status_code 2147483648 (out of int32)",
    payload: variant((p) => (p["status_code"] = 2147483648)),
    errors: [["/status_code", "format"]],
  },
  {
    name: "status_code 200.5 (not an integer, so not an int32 either)",
    payload: variant((p) => (p["status_code"] = 200.5)),
    errors: [
      ["/status_code", "format"],
      ["/status_code", "type"],
    ],
  },
  { name: "member is null", payload: variant((p) => (p["member"] = null)), errors: [["/member", "type"]] },
  {
    name: "member.roles is an object",
    payload: variant((p) => (objectAt(p, "member")["roles"] = {})),
    errors: [["/member/roles", "type"]],
  },
  {
    name: "member.is_admin is a string",
    payload: variant((p) => (objectAt(p, "member")["is_admin"] = "yes")),
    errors: [["/member/is_admin", "type"]],
  },
  {
    name: "a date-time that is not a calendar date",
    payload: variant((p) => (objectAt(p, "member_session")["started_at"] = "2024-02-30T10:00:00Z")),
    errors: [["/member_session/started_at", "format"]],
  },
  {
    name: "a date-time without a time zone",
    payload: variant((p) => (objectAt(p, "member")["created_at"] = "2024-03-05 17:12:44")),
    errors: [["/member/created_at", "format"]],
  },
  {
    name: "a factor type that is not a string (anyOf of known values or any string)",
    payload: variant((p) => (objectAt(p, "member_session", "authentication_factors", 1)["type"] = 5)),
    errors: [
      ["/member_session/authentication_factors/1/type", "anyOf"],
      ["/member_session/authentication_factors/1/type", "enum"],
      ["/member_session/authentication_factors/1/type", "type"],
      ["/member_session/authentication_factors/1/type", "type"],
    ],
  },
  {
    name: "three errors at different depths",
    payload: variant((p) => {
      delete p["session_jwt"];
      objectAt(p, "organization")["organization_name"] = 42;
      objectAt(p, "member", "roles", 1, "sources", 0)["details"] = "none";
    }),
    errors: [
      ["", "required"],
      ["/member/roles/1/sources/0/details", "type"],
      ["/organization/organization_name", "type"],
    ],
  },
  { name: "an array instead of an object", payload: [VALID], errors: [["", "type"]] },
  { name: "a string instead of an object", payload: "RecoverResponse", errors: [["", "type"]] },
];

function pairs(errors: readonly ValidationError[]): [string, string][] {
  return errors.map((error): [string, string] => [error.instancePath, error.keyword]).sort((a, b) => (a.join(" ") < b.join(" ") ? -1 : 1));
}

interface AjvError {
  instancePath: string;
  keyword: string;
}
interface AjvValidate {
  (data: unknown): boolean;
  errors?: AjvError[] | null;
}
interface Ajv {
  addSchema(schema: object): unknown;
  getSchema(ref: string): AjvValidate | undefined;
}

/** ajv 2020 over the same schema files, as a virtual OpenAPI document: the oracle. */
function ajvValidator(): (data: unknown) => { valid: boolean; errors: AjvError[] } {
  const require = createRequire(import.meta.url);
  const Ajv2020 = (require("ajv/dist/2020") as { default: new (options: object) => Ajv }).default;
  const addFormats = (require("ajv-formats") as { default: (ajv: Ajv) => void }).default;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const schemasDir = path.join(REPO_ROOT, "schemas");
  const components: Record<string, unknown> = {};
  for (const file of readdirSync(schemasDir)) {
    const schema = JSON.parse(readFileSync(path.join(schemasDir, file), "utf8")) as Record<string, unknown>;
    delete schema["$id"];
    delete schema["$schema"];
    components[file.replace(/\.json$/, "")] = schema;
  }
  ajv.addSchema({ $id: "https://stytch.test/openapi", components: { schemas: components } });
  const validate = ajv.getSchema("https://stytch.test/openapi#/components/schemas/api_b2b_recovery_codes_v1_RecoverResponse");
  assert.ok(validate !== undefined, "ajv has the RecoverResponse component");
  return (data) => {
    const valid = validate(data);
    return { valid, errors: validate.errors ?? [] };
  };
}

describe("RecoverResponse validators on realistic payloads", () => {
  const ajv = ajvValidator();
  for (const testCase of CASES) {
    test(testCase.name, () => {
      const expectedValid = testCase.errors.length === 0;
      const expected = [...testCase.errors].sort((a, b) => (a.join(" ") < b.join(" ") ? -1 : 1));

      const result = validateRecoverResponse(testCase.payload);
      assert.equal(result.valid, expectedValid);
      if (result.valid) assert.equal(result.value, testCase.payload);
      else assert.deepEqual(pairs(result.errors), expected);

      assert.equal(isRecoverResponse(testCase.payload), expectedValid, "isRecoverResponse agrees with validateRecoverResponse");

      if (expectedValid) assert.doesNotThrow(() => assertRecoverResponse(testCase.payload));
      else {
        assert.throws(
          () => assertRecoverResponse(testCase.payload),
          (error: unknown) => {
            assert.ok(error instanceof SchemaValidationError);
            for (const [instancePath] of expected)
              assert.ok(error.message.includes(instancePath === "" ? "(root)" : instancePath), error.message);
            assert.deepEqual(pairs(error.errors), expected);
            return true;
          },
        );
      }

      const standard = RecoverResponseSchema["~standard"].validate(testCase.payload);
      assert.ok(!(standard instanceof Promise));
      if (expectedValid) assert.deepEqual(standard, { value: testCase.payload });
      else {
        assert.ok(standard.issues !== undefined);
        const paths = standard.issues.map((issue) => issue.path ?? []);
        const expectedPaths = (result.valid ? [] : result.errors).map((error) =>
          error.instancePath === ""
            ? []
            : error.instancePath
                .slice(1)
                .split("/")
                .map((token) => (/^\d+$/.test(token) ? Number(token) : token)),
        );
        assert.deepEqual(paths, expectedPaths);
      }

      const oracle = ajv(testCase.payload);
      assert.equal(oracle.valid, expectedValid, "ajv agrees on validity");
      assert.deepEqual(pairs(oracle.errors as ValidationError[]), expected, "ajv reports the same (instancePath, keyword) pairs");
    });
  }
});

test("SchemaValidationError message lists every failing path", () => {
  const payload = variant((p) => {
    p["status_code"] = "x";
    delete objectAt(p, "member", "roles", 0, "sources", 0)["type"];
  });
  assert.throws(() => assertRecoverResponse(payload), {
    name: "SchemaValidationError",
    message:
      "RecoverResponse is invalid:\n  /member/roles/0/sources/0: must have required property 'type'\n  /status_code: must be integer",
  });
});
