import { call, code } from "../code.js";
import { callStatement, pathExpression, type KeywordCompiler } from "../context.js";

/**
 * `$dynamicRef` (2020-12) and `$recursiveRef` (2019-09). A dynamic one asks the run-time dynamic
 * scope for the outermost schema resource declaring its anchor, falling back to the initial target.
 */
export const dynamicRefKeyword: KeywordCompiler = {
  family: "dynamic-ref",
  keywords: ["$dynamicRef", "$recursiveRef"],
  compile(site, context) {
    const dynamic = site.node.dynamicRef;
    if (dynamic === undefined) return [];
    const initial = context.module.namedFunctions(dynamic.initial)!;
    if (dynamic.anchor === undefined) return [{ statements: [callStatement(initial, site, true, context.scope)] }];
    const target = code`${context.module.runtime("dynamicTarget")}(${dynamic.anchor}, ${context.dynamicRefInitial(dynamic.initial)})`;
    return [
      {
        statements: [
          {
            kind: "call",
            check: call(code`${target}.check`, site.value),
            collect: code`${target}.collect(${site.value}, ${pathExpression(site.path)}, errors);`,
          },
        ],
      },
    ];
  },
};
