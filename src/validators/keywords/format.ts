import { type Code, code, negate } from "../code.js";
import { failure, type InstanceType, type KeywordCompiler, type ModuleScope } from "../context.js";

interface FormatCheck {
  instanceType: InstanceType;
  /** True when the (already type-checked) value matches the format. */
  condition(value: Code, module: ModuleScope): Code;
}

/** Asserted formats; any other format is an annotation only, as the specification allows. */
const FORMATS: Record<string, FormatCheck> = {
  "date-time": { instanceType: "string", condition: (value, module) => code`${module.runtime("isDateTime")}(${value})` },
  int32: { instanceType: "number", condition: (value, module) => code`${module.runtime("isInt32")}(${value})` },
};

/** `format`, for the formats in FORMATS. */
export const formatKeyword: KeywordCompiler = {
  keywords: ["format"],
  compile(node, context) {
    if (typeof node.schema === "boolean" || !context.module.assertFormats) return [];
    const format = node.schema["format"];
    const check = typeof format === "string" && Object.hasOwn(FORMATS, format) ? FORMATS[format] : undefined;
    if (check === undefined) return [];
    return [
      {
        instanceType: check.instanceType,
        statements: [
          {
            kind: "fail-if",
            condition: negate(check.condition(node.value, context.module)),
            failure: failure(node, "format", code`{ format: ${format as string} }`, `must match format "${format as string}"`),
          },
        ],
      },
    ];
  },
};
