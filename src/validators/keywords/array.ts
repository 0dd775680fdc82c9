import { CodegenError } from "../../errors.js";
import { code } from "../code.js";
import { childLocation, type KeywordCompiler } from "../context.js";

/** `items` with one schema for every element. */
export const arrayKeywords: KeywordCompiler = {
  keywords: ["items"],
  compile(node, context) {
    if (typeof node.schema === "boolean" || !("items" in node.schema)) return [];
    const items = node.schema["items"];
    if (Array.isArray(items)) {
      throw new CodegenError('"items" as an array (tuple validation) is not supported yet', {
        file: node.location.document.displayPath,
        pointer: `${node.location.pointer}/items`,
        hint: "Use a single schema for items.",
      });
    }
    const index = context.scope.local("index");
    const item = context.scope.local("item");
    const body = context.compileSubschema({
      schema: items as boolean | Record<string, unknown>,
      location: childLocation(node.location, "items"),
      value: item,
      path: [...node.path, "/", index],
    });
    if (body.length === 0) return [];
    return [
      {
        instanceType: "array",
        statements: [
          {
            kind: "loop",
            header: code`for (let ${index} = 0; ${index} < ${node.value}.length; ${index}++)`,
            body: [{ kind: "raw", code: code`const ${item} = ${node.value}[${index}];` }, ...body],
          },
        ],
      },
    ];
  },
};
