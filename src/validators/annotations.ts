import { atLeast } from "../dialect.js";
import type { SchemaNode } from "../graph.js";
import { isSchemaObject, type SchemaObject } from "../schema-walk.js";
import { call, type Code, code, identifier, joinCode, literal, type Name } from "./code.js";
import { childNode, dialectOf, inPlaceCheck, type CompileContext } from "./context.js";

/** What one `evaluatedBy…` function is being written with: its locals and the module's helpers. */
interface Writer {
  context: CompileContext;
  schema: SchemaObject;
  node: SchemaNode;
  evaluated: Name;
  key: Name;
  index: Name;
  merge: Code;
}

/**
 * The `evaluatedBy…` function of a schema: which properties and items of a value the schema's
 * keywords evaluate (the annotations `unevaluatedProperties`/`unevaluatedItems` depend on). Only
 * subschemas that validate contribute. `includeUnevaluated` is false when the schema's own
 * `unevaluated*` keyword asks, so that it does not count itself.
 */
export function evaluatedByFunction(name: Code, node: SchemaNode, context: CompileContext, exported: boolean): Code {
  const { module, scope } = context;
  const evaluated = scope.local("evaluated");
  const writer = {
    context,
    node,
    evaluated,
    key: scope.local("key"),
    index: scope.local("index"),
    merge: module.runtime("mergeEvaluated"),
  };
  const [objectLines, arrayLines, lines] = isSchemaObject(node.schema)
    ? [
        propertyLines({ ...writer, schema: node.schema }),
        itemLines({ ...writer, schema: node.schema }),
        inPlaceLines({ ...writer, schema: node.schema }),
      ]
    : [[], [], []];
  const body = [
    code`const ${evaluated} = ${module.runtime("newEvaluated")}();`,
    ...(objectLines.length > 0 ? [code`if (${module.runtime("isJsonObject")}(value)) {\n${joinCode(objectLines, "\n")}\n}`] : []),
    ...(arrayLines.length > 0 ? [code`if (Array.isArray(value)) {\n${joinCode(arrayLines, "\n")}\n}`] : []),
    ...lines,
    code`return ${evaluated};`,
  ];
  const signature = {
    name,
    parameters: [
      { name: "value", type: code`unknown` },
      { name: "includeUnevaluated", type: code`boolean`, initial: code`true` },
    ],
    returns: identifier("Evaluated"),
    runtimeTypes: ["Evaluated"],
  };
  const doc = code`/** The properties and items of \`value\` that this schema evaluates, for unevaluatedProperties/unevaluatedItems. */`;
  return module.defineFunction(doc, exported, signature, joinCode(body, "\n"));
}

/** `if (<sub validates>) merge(evaluated, evaluatedBy<sub>(value));` */
function mergeIfValid({ context, evaluated, merge }: Writer, sub: SchemaNode): Code {
  const check = inPlaceCheck(context.subschemaFunctions(sub), code`value`);
  return code`if (${check}) ${merge}(${evaluated}, ${context.evaluatedFunction(sub)}(value));`;
}

/** The properties of an object that `properties`, `patternProperties`, `additionalProperties` and `unevaluatedProperties` evaluate. */
function propertyLines({ context, schema, node, evaluated, key }: Writer): Code[] {
  const lines: Code[] = [];
  const properties = schema["properties"];
  if (isSchemaObject(properties) && Object.keys(properties).length > 0) {
    const names = context.module.constant("evaluatedPropertyNames", literal(Object.keys(properties)));
    lines.push(code`for (const ${key} of ${names}) if (Object.hasOwn(value, ${key})) ${evaluated}.properties.add(${key});`);
  }
  const patternProperties = schema["patternProperties"];
  if (isSchemaObject(patternProperties) && Object.keys(patternProperties).length > 0) {
    const tests = Object.keys(patternProperties).map((pattern) => code`${context.module.pattern(pattern, dialectOf(node))}.test(${key})`);
    lines.push(code`for (const ${key} of Object.keys(value)) if (${joinCode(tests, " || ")}) ${evaluated}.properties.add(${key});`);
  }
  if ("additionalProperties" in schema) lines.push(code`${evaluated}.allProperties = true;`);
  if ("unevaluatedProperties" in schema) lines.push(code`if (includeUnevaluated) ${evaluated}.allProperties = true;`);
  return lines;
}

/** The items of an array that the item keywords of the dialect, `contains` (2020-12) and `unevaluatedItems` evaluate. */
function itemLines({ context, schema, node, evaluated, index }: Writer): Code[] {
  const lines: Code[] = [];
  const dialect = dialectOf(node);
  const items = schema["items"];
  const prefix = dialect === "2020-12" ? schema["prefixItems"] : items;
  if (Array.isArray(prefix)) lines.push(code`${evaluated}.items = Math.max(${evaluated}.items, Math.min(${prefix.length}, value.length));`);
  const evaluatesAllItems =
    dialect === "2020-12"
      ? "items" in schema
      : (!Array.isArray(items) && "items" in schema) || (Array.isArray(items) && "additionalItems" in schema);
  if (evaluatesAllItems) lines.push(code`${evaluated}.allItems = true;`);
  if (dialect === "2020-12" && "contains" in schema) {
    const contains = context.subschemaFunctions(childNode(node, "contains")).check;
    lines.push(
      code`for (let ${index} = 0; ${index} < value.length; ${index}++) if (${contains}(value[${index}])) ${evaluated}.itemIndexes.add(${index});`,
    );
  }
  if ("unevaluatedItems" in schema) lines.push(code`if (includeUnevaluated) ${evaluated}.allItems = true;`);
  return lines;
}

/** What the in-place applicators and references evaluate: the annotations of each subschema that validates. */
function inPlaceLines(writer: Writer): Code[] {
  const { context, schema, node } = writer;
  const lines: Code[] = [];
  for (const keyword of ["allOf", "anyOf", "oneOf"]) {
    const list = schema[keyword];
    if (Array.isArray(list)) list.forEach((_, position) => lines.push(mergeIfValid(writer, childNode(node, keyword, position))));
  }
  if ("if" in schema) {
    const ifNode = childNode(node, "if");
    const ifCheck = inPlaceCheck(context.subschemaFunctions(ifNode), code`value`);
    const branch = (keyword: "then" | "else"): Code => (keyword in schema ? mergeIfValid(writer, childNode(node, keyword)) : code``);
    lines.push(code`if (${ifCheck}) {\n${mergeIfValid(writer, ifNode)}\n${branch("then")}\n} else {\n${branch("else")}\n}`);
  }
  const dependentSchemas = atLeast(dialectOf(node), "2019-09") ? schema["dependentSchemas"] : undefined;
  if (isSchemaObject(dependentSchemas)) {
    for (const property of Object.keys(dependentSchemas)) {
      lines.push(
        code`if (${context.module.runtime("isJsonObject")}(value) && Object.hasOwn(value, ${property})) {\n${mergeIfValid(writer, childNode(node, "dependentSchemas", property))}\n}`,
      );
    }
  }
  if (node.ref !== undefined) lines.push(mergeIfValid(writer, node.ref));
  lines.push(...dynamicRefLines(writer));
  return lines;
}

/** A `$dynamicRef`/`$recursiveRef`: the annotations of the target the dynamic scope picks, when it validates. */
function dynamicRefLines(writer: Writer): Code[] {
  const { context, node, evaluated, merge } = writer;
  const dynamic = node.dynamicRef;
  if (dynamic === undefined) return [];
  if (dynamic.anchor === undefined) return [mergeIfValid(writer, dynamic.initial)];
  const functions = call(context.module.runtime("dynamicTarget"), dynamic.anchor, context.dynamicRefInitial(dynamic.initial));
  const found = context.scope.local("target");
  return [
    code`{\nconst ${found} = ${functions};\nif (${found}.check(value) && ${found}.evaluated !== undefined) ${merge}(${evaluated}, ${found}.evaluated(value));\n}`,
  ];
}
