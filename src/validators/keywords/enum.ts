import { and, call, type Code, code, compare, literal, type LiteralValue, negate } from "../code.js";
import { failure, type CompileContext, type KeywordCompiler, type ModuleScope, type Site } from "../context.js";
import { narrowingOf } from "../../keywords.js";
import type { Statement } from "../statements.js";
import { possibleTypes, valueTypeOf } from "./type.js";

function isPrimitive(value: unknown): value is string | number | boolean | null {
  return value === null || typeof value !== "object";
}

/** True when `value` equals `expected` as JSON values. */
function equalsCondition(value: Code, expected: LiteralValue, module: ModuleScope): Code {
  return isPrimitive(expected) ? compare(value, "===", expected) : call(module.runtime("jsonEqual"), value, expected);
}

/** True when `site.value` equals none of `values`, compared as JSON values. */
function notAllowed(site: Site, values: LiteralValue[], context: CompileContext): Code {
  const allowed = context.scope.local("allowed");
  const some = code`${context.module.constant("allowedValues", literal(values), { key: `enum ${JSON.stringify(values)}` })}.some`;
  return negate(call(some, code`(${allowed}) => ${call(context.module.runtime("jsonEqual"), site.value, allowed)}`));
}

/** `enum` and `const`: JSON equality with the listed value(s). */
export const enumKeywords: KeywordCompiler = {
  family: "enum",
  keywords: ["enum", "const"],
  compile(site, context) {
    if (typeof site.node.schema === "boolean") return [];
    const statements: Statement[] = [];
    const allowed = site.node.schema["enum"];
    if (Array.isArray(allowed)) {
      const values = allowed as LiteralValue[];
      // A boolean check has narrowed the value by `type` or `$ref` already; comparing it with a value
      // of another type would not compile, so it is compared as `unknown`.
      const narrowed = possibleTypes(narrowingOf(site.node), { withEnum: false });
      const comparable = !context.module.typed || values.every((value) => narrowed.has(valueTypeOf(value)));
      const subject = comparable ? site.value : code`(${site.value} as unknown)`;
      const condition =
        values.length === 0
          ? code`true`
          : values.every(isPrimitive)
            ? and(...values.map((value) => compare(subject, "!==", value)))
            : notAllowed(site, values, context);
      statements.push({
        kind: "fail-if",
        condition,
        failure: failure(site, "enum", code`{ allowedValues: ${values} }`),
      });
    }
    if ("const" in site.node.schema) {
      const expected = site.node.schema["const"] as LiteralValue;
      statements.push({
        kind: "fail-if",
        condition: negate(equalsCondition(site.value, expected, context.module)),
        failure: failure(site, "const", code`{ allowedValue: ${expected} }`),
      });
    }
    return statements.length === 0 ? [] : [{ statements }];
  },
};
