import { atLeast } from "../dialect.js";
import type { SchemaLocation } from "../graph.js";
import { isSchemaObject, type Schema } from "../schema-walk.js";
import { call, type Code, code, joinCode, literal, type LiteralValue } from "./code.js";
import { childLocation, inPlaceCheck, type CompileContext } from "./context.js";

/**
 * The `evaluatedBy…` function of a schema: which properties and items of a value the schema's
 * keywords evaluate (the annotations `unevaluatedProperties`/`unevaluatedItems` depend on). Only
 * subschemas that validate contribute. `includeUnevaluated` is false when the schema's own
 * `unevaluated*` keyword asks, so that it does not count itself.
 */
export function evaluatedByFunction(
  name: Code,
  schema: Schema,
  location: SchemaLocation,
  context: CompileContext,
  exported: boolean,
): Code {
  const { module, scope } = context;
  const merge = module.runtime("mergeEvaluated");
  const [evaluated, key, index] = [scope.local("evaluated"), scope.local("key"), scope.local("index")];
  const objectLines: Code[] = [];
  const arrayLines: Code[] = [];
  const lines: Code[] = [];
  /** `if (<sub validates>) merge(evaluated, evaluatedBy<sub>(value));` */
  const mergeIfValid = (sub: Schema, subLocation: SchemaLocation): Code => {
    const check = inPlaceCheck(context.subschemaFunctions(sub, subLocation), code`value`);
    return code`if (${check}) ${merge}(${evaluated}, ${context.evaluatedFunction(sub, subLocation)}(value));`;
  };

  if (isSchemaObject(schema)) {
    const dialect = module.dialectOf(location);
    const properties = schema["properties"];
    if (isSchemaObject(properties) && Object.keys(properties).length > 0) {
      const names = module.constant("evaluatedPropertyNames", literal(Object.keys(properties)));
      objectLines.push(code`for (const ${key} of ${names}) if (Object.hasOwn(value, ${key})) ${evaluated}.properties.add(${key});`);
    }
    const patternProperties = schema["patternProperties"];
    if (isSchemaObject(patternProperties) && Object.keys(patternProperties).length > 0) {
      const tests = Object.keys(patternProperties).map(
        (pattern) => code`${module.constant("pattern", code`new RegExp(${pattern}, "u")`)}.test(${key})`,
      );
      objectLines.push(code`for (const ${key} of Object.keys(value)) if (${joinCode(tests, " || ")}) ${evaluated}.properties.add(${key});`);
    }
    if ("additionalProperties" in schema) objectLines.push(code`${evaluated}.allProperties = true;`);
    if ("unevaluatedProperties" in schema) objectLines.push(code`if (includeUnevaluated) ${evaluated}.allProperties = true;`);

    const items = schema["items"];
    const prefix = dialect === "2020-12" ? schema["prefixItems"] : items;
    if (Array.isArray(prefix))
      arrayLines.push(code`${evaluated}.items = Math.max(${evaluated}.items, Math.min(${prefix.length}, value.length));`);
    const evaluatesAllItems =
      dialect === "2020-12"
        ? "items" in schema
        : (!Array.isArray(items) && "items" in schema) || (Array.isArray(items) && "additionalItems" in schema);
    if (evaluatesAllItems) arrayLines.push(code`${evaluated}.allItems = true;`);
    if (dialect === "2020-12" && "contains" in schema) {
      const contains = context.subschemaFunctions(schema["contains"] as Schema, childLocation(location, "contains")).check;
      arrayLines.push(
        code`for (let ${index} = 0; ${index} < value.length; ${index}++) if (${contains}(value[${index}])) ${evaluated}.itemIndexes.add(${index});`,
      );
    }
    if ("unevaluatedItems" in schema) arrayLines.push(code`if (includeUnevaluated) ${evaluated}.allItems = true;`);

    for (const keyword of ["allOf", "anyOf", "oneOf"]) {
      const list = schema[keyword];
      if (Array.isArray(list))
        list.forEach((sub: Schema, position) => lines.push(mergeIfValid(sub, childLocation(location, keyword, position))));
    }
    if ("if" in schema) {
      const ifCheck = inPlaceCheck(context.subschemaFunctions(schema["if"] as Schema, childLocation(location, "if")), code`value`);
      const branch = (keyword: "then" | "else"): Code =>
        keyword in schema ? mergeIfValid(schema[keyword] as Schema, childLocation(location, keyword)) : code``;
      lines.push(
        code`if (${ifCheck}) {\n${mergeIfValid(schema["if"] as Schema, childLocation(location, "if"))}\n${branch("then")}\n} else {\n${branch("else")}\n}`,
      );
    }
    const dependentSchemas = atLeast(dialect, "2019-09") ? schema["dependentSchemas"] : undefined;
    if (isSchemaObject(dependentSchemas)) {
      for (const [property, sub] of Object.entries(dependentSchemas)) {
        lines.push(
          code`if (${module.runtime("isJsonObject")}(value) && Object.hasOwn(value, ${property})) {\n${mergeIfValid(sub as Schema, childLocation(location, "dependentSchemas", property))}\n}`,
        );
      }
    }
    const target = module.refTarget(schema);
    if (target !== undefined) lines.push(mergeIfValid(valueOf(target), target));
    const dynamic = module.dynamicRef(schema);
    if (dynamic !== undefined && dynamic.anchor === undefined) lines.push(mergeIfValid(valueOf(dynamic.initial), dynamic.initial));
    else if (dynamic !== undefined) {
      const initial = context.dynamicRefInitial(dynamic.initial);
      const functions = call(module.runtime("dynamicTarget"), dynamic.anchor as LiteralValue, initial);
      const found = scope.local("target");
      lines.push(
        code`{\nconst ${found} = ${functions};\nif (${found}.check(value) && ${found}.evaluated !== undefined) ${merge}(${evaluated}, ${found}.evaluated(value));\n}`,
      );
    }
  }

  const body = [
    code`const ${evaluated} = ${module.runtime("newEvaluated")}();`,
    ...(objectLines.length > 0 ? [code`if (${module.runtime("isJsonObject")}(value)) {\n${joinCode(objectLines, "\n")}\n}`] : []),
    ...(arrayLines.length > 0 ? [code`if (Array.isArray(value)) {\n${joinCode(arrayLines, "\n")}\n}`] : []),
    ...lines,
    code`return ${evaluated};`,
  ];
  const exportKeyword = exported ? code`export ` : code``;
  return code`/** The properties and items of \`value\` that this schema evaluates, for unevaluatedProperties/unevaluatedItems. */
${exportKeyword}function ${name}(value: unknown, includeUnevaluated = true): ${module.runtime("Evaluated")} {\n${joinCode(body, "\n")}\n}`;

  function valueOf(target: SchemaLocation): Schema {
    return context.schemaAt(target);
  }
}
