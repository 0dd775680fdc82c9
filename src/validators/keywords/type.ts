import type { Dialect } from "../../dialect.js";
import { type Code, code, joinCode } from "../code.js";
import { failure, type InstanceType, type ModuleScope, type SchemaNode } from "../context.js";
import type { Statement } from "../statements.js";

type JsonType = "object" | "array" | "string" | "number" | "integer" | "boolean" | "null";

/**
 * The `type` keyword as a list, or `undefined` when absent (its shape is checked when loading).
 * In OpenAPI 3.0, `nullable: true` adds `null` to it.
 */
export function declaredTypes(node: SchemaNode, dialect: Dialect): JsonType[] | undefined {
  if (typeof node.schema === "boolean" || !("type" in node.schema)) return undefined;
  const value = node.schema["type"];
  const types = (Array.isArray(value) ? value : [value]) as JsonType[];
  return dialect === "openapi-3.0" && node.schema["nullable"] === true && !types.includes("null") ? [...types, "null"] : types;
}

/** The instance type whose keywords apply to a JSON type (`integer` instances are numbers). */
export function instanceTypeOf(type: JsonType): InstanceType | undefined {
  if (type === "integer") return "number";
  return type === "boolean" || type === "null" ? undefined : type;
}

/** An expression that is true when `value` has the JSON type, narrowing it for TypeScript. */
export function typeCondition(type: JsonType | InstanceType, value: Code, module: ModuleScope): Code {
  switch (type) {
    case "object":
      return code`${module.runtime("isJsonObject")}(${value})`;
    case "array":
      return code`Array.isArray(${value})`;
    case "integer":
      return code`Number.isInteger(${value})`;
    case "null":
      return code`${value} === null`;
    default:
      return code`typeof ${value} === ${type}`;
  }
}

/** `type`: a guard whose `then` runs only for instances of the declared type. */
export function typeGuard(node: SchemaNode, types: readonly JsonType[], module: ModuleScope, then: Statement[]): Statement {
  const condition =
    types.length === 1
      ? typeCondition(types[0]!, node.value, module)
      : joinCode(
          types.map((type) => code`(${typeCondition(type, node.value, module)})`),
          " || ",
        );
  const typeText = types.join(",");
  return { kind: "guard", condition, failure: failure(node, "type", code`{ type: ${typeText} }`, `must be ${typeText}`), then };
}
