import { callStatement, isPlainRef, type KeywordCompiler } from "../context.js";

/** `$ref`: the referenced schema is a named schema with its own functions; call them. */
export const refKeyword: KeywordCompiler = {
  family: "ref",
  keywords: ["$ref"],
  compile(node, context) {
    if (typeof node.schema === "boolean") return [];
    const target = context.module.refTarget(node.schema);
    if (target === undefined) return [];
    const functions = context.module.namedFunctions(target)!;
    return [{ statements: [callStatement(functions, node, !isPlainRef(node.schema))] }];
  },
};
