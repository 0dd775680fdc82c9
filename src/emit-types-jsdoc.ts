import { isSchemaObject, type SchemaObject } from "./schema-walk.js";
import { sanitizeCommentText } from "./validators/code.js";

/** A property name json-schema-to-typescript writes with this prefix is declared `readonly` (see `readOnlyProperties`). */
const READONLY_MARK = "__codegen_readonly__";

/**
 * The text of a schema's doc comment: the description, then a tag for each annotation a reader
 * of the type needs, values as JSON on one line. json-schema-to-typescript reads only `description`
 * and `deprecated` (and puts `@deprecated` first, so the description reads as its reason); it gets
 * all of it as the description.
 */
export function docCommentText(schema: SchemaObject): string | undefined {
  const tags: string[] = [];
  if (schema["deprecated"] === true) tags.push("@deprecated");
  if ("default" in schema) tags.push(`@default ${JSON.stringify(schema["default"])}`);
  const examples = Array.isArray(schema["examples"]) ? (schema["examples"] as unknown[]) : [];
  // OpenAPI's singular `example` documents as JSON Schema's `examples` do.
  for (const example of "example" in schema ? [...examples, schema["example"]] : examples) tags.push(`@example ${JSON.stringify(example)}`);
  if (typeof schema["format"] === "string") tags.push(`@format ${schema["format"]}`);
  if (schema["readOnly"] === true) tags.push("@readonly");
  if (schema["writeOnly"] === true) tags.push("@writeOnly");
  const description = typeof schema["description"] === "string" ? [schema["description"]] : [];
  const text = [...description, tags.join("\n")].filter((part) => part !== "").join("\n\n");
  return text === "" ? undefined : sanitizeCommentText(text);
}

/**
 * Marks the properties whose schema says `readOnly` (in `schema`, the original of the prepared
 * `copy`): json-schema-to-typescript has no readonly properties, so they get a prefixed name that
 * `declareReadOnly` turns into the modifier in its output.
 */
export function readOnlyProperties(copy: SchemaObject, schema: SchemaObject): void {
  const { properties } = copy;
  const originals = schema["properties"];
  if (!isSchemaObject(properties) || !isSchemaObject(originals)) return;
  const isReadOnly = (key: string): boolean => {
    const original = Object.hasOwn(originals, key) ? (originals as Record<string, unknown>)[key] : undefined;
    return isSchemaObject(original) && original["readOnly"] === true;
  };
  const keys = Object.keys(properties);
  if (!keys.some(isReadOnly)) return;
  const marked = (key: string): string => (isReadOnly(key) ? READONLY_MARK + key : key);
  copy["properties"] = Object.fromEntries(Object.entries(properties).map(([key, value]) => [marked(key), value]));
  if (Array.isArray(copy["required"]))
    copy["required"] = (copy["required"] as unknown[]).map((key) => (typeof key === "string" ? marked(key) : key));
}

/** json-schema-to-typescript's output with the marked property names declared `readonly` (a name is written bare or JSON-quoted). */
export function declareReadOnly(source: string): string {
  return source.replace(new RegExp(`^(\\s*)("?)${READONLY_MARK}`, "gm"), "$1readonly $2");
}
