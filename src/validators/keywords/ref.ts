import { callStatement, isPlainRef, type KeywordCompiler } from "../context.js";

/** `$ref`: the referenced schema is a named schema with its own functions; call them. */
export const refKeyword: KeywordCompiler = {
  family: "ref",
  keywords: ["$ref"],
  compile(site, context) {
    const target = site.node.ref;
    if (target === undefined) return [];
    const functions = context.module.namedFunctions(target)!;
    return [{ statements: [callStatement(functions, site, !isPlainRef(site.node), context.scope)] }];
  },
};
