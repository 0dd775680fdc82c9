import { and, call, type Code, code, compare, negate } from "../code.js";
import { dialectOf, failure, type KeywordCompiler } from "../context.js";
import type { Statement } from "../statements.js";
import { numberValue } from "./shared.js";

/** `minLength` and `maxLength` (in Unicode code points, as the specification and ajv count) and `pattern`. */
export const stringKeywords: KeywordCompiler = {
  family: "string",
  keywords: ["minLength", "maxLength", "pattern"],
  compile(site, context) {
    const { schema } = site.node;
    if (typeof schema === "boolean") return [];
    const statements: Statement[] = [];
    const length = (): Code => call(context.module.runtime("codePointLength"), site.value);
    const minLength = numberValue(site, "minLength");
    if (minLength !== undefined && minLength > 0) {
      statements.push({
        kind: "fail-if",
        condition: compare(length(), "<", minLength),
        failure: failure(site, "minLength", code`{ limit: ${minLength} }`),
      });
    }
    const maxLength = numberValue(site, "maxLength");
    if (maxLength !== undefined) {
      statements.push({
        kind: "fail-if",
        // A string of at most maxLength UTF-16 units has at most as many code points.
        condition: and(compare(code`${site.value}.length`, ">", maxLength), compare(length(), ">", maxLength)),
        failure: failure(site, "maxLength", code`{ limit: ${maxLength} }`),
      });
    }
    if ("pattern" in schema) {
      const pattern = schema["pattern"] as string;
      const regExp = context.module.pattern(pattern, dialectOf(site.node));
      statements.push({
        kind: "fail-if",
        condition: negate(call(code`${regExp}.test`, site.value)),
        failure: failure(site, "pattern", code`{ pattern: ${pattern} }`),
      });
    }
    return statements.length === 0 ? [] : [{ instanceType: "string", statements }];
  },
};
