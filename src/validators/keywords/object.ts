import { escapePointerToken } from "../../json-pointer.js";
import { isSchemaObject } from "../../schema-walk.js";
import { type Code, code, joinCode, memberAccess } from "../code.js";
import { childLocation, failure, type KeywordCompiler } from "../context.js";
import type { Statement } from "../statements.js";

/**
 * Reads an own property. Names that also exist on Object.prototype (`constructor`, `__proto__`, …)
 * are read only when they are own properties, so an inherited member never passes for data.
 */
function ownProperty(object: Code, name: string): Code {
  return name in Object.prototype ? code`(Object.hasOwn(${object}, ${name}) ? ${object}[${name}] : undefined)` : memberAccess(object, name);
}

/** `properties`, `required` and `additionalProperties`. */
export const objectKeywords: KeywordCompiler = {
  keywords: ["properties", "required", "additionalProperties"],
  compile(node, context) {
    if (typeof node.schema === "boolean") return [];
    const statements: Statement[] = [];
    const required = node.schema["required"];
    if (Array.isArray(required)) {
      for (const name of required as string[]) {
        statements.push({
          kind: "fail-if",
          condition: code`${ownProperty(node.value, name)} === undefined`,
          failure: failure(node, "required", code`{ missingProperty: ${name} }`, `must have required property '${name}'`),
        });
      }
    }
    const properties = isSchemaObject(node.schema["properties"]) ? node.schema["properties"] : {};
    for (const [name, schema] of Object.entries(properties)) {
      if (schema === true) continue;
      const local = context.scope.local(name);
      const body = context.compileSubschema({
        schema: schema as boolean | Record<string, unknown>,
        location: childLocation(node.location, "properties", name),
        value: local,
        path: [...node.path, `/${escapePointerToken(name)}`],
      });
      if (body.length === 0) continue;
      statements.push({ kind: "raw", code: code`const ${local} = ${ownProperty(node.value, name)};` });
      statements.push({ kind: "if", condition: code`${local} !== undefined`, then: body });
    }
    const additional = node.schema["additionalProperties"];
    if (additional !== undefined && additional !== true) {
      const key = context.scope.local("key");
      const known = Object.keys(properties);
      const isKnown =
        known.length === 0
          ? code`false`
          : known.length <= 8
            ? joinCode(
                known.map((name) => code`${key} === ${name}`),
                " || ",
              )
            : code`${context.module.constant("knownProperties", code`new Set(${known})`)}.has(${key})`;
      const header = code`for (const ${key} of Object.keys(${node.value}))`;
      if (additional === false) {
        const fail = failure(node, "additionalProperties", code`{ additionalProperty: ${key} }`, "must NOT have additional properties");
        statements.push({ kind: "loop", header, body: [{ kind: "fail-if", condition: code`!(${isKnown})`, failure: fail }] });
      } else {
        const local = context.scope.local("propertyValue");
        const body = context.compileSubschema({
          schema: additional as boolean | Record<string, unknown>,
          location: childLocation(node.location, "additionalProperties"),
          value: local,
          path: [...node.path, "/", code`${context.module.runtime("pointerToken")}(${key})`],
        });
        if (body.length > 0) {
          statements.push({
            kind: "loop",
            header,
            body: [{ kind: "raw", code: code`if (${isKnown}) continue;\nconst ${local} = ${node.value}[${key}];` }, ...body],
          });
        }
      }
    }
    return statements.length === 0 ? [] : [{ instanceType: "object", statements }];
  },
};
