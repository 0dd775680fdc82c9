import { PATTERNS_WITHOUT_UNICODE } from "../../patterns.js";
import { call, code, negate } from "../code.js";
import { dialectOf, failure, type FormatCheck, type InstanceType, type KeywordCompiler } from "../context.js";

/**
 * Asserted formats and the check in `_formats.ts` (src/runtime/formats.ts) for each. Any other
 * format is an annotation only, as the specification allows for unknown formats.
 */
export const FORMATS: Readonly<Record<string, { instanceType: InstanceType; checker: FormatCheck }>> = {
  "date-time": { instanceType: "string", checker: "isDateTime" },
  date: { instanceType: "string", checker: "isDate" },
  time: { instanceType: "string", checker: "isTime" },
  duration: { instanceType: "string", checker: "isDuration" },
  email: { instanceType: "string", checker: "isEmail" },
  "idn-email": { instanceType: "string", checker: "isIdnEmail" },
  hostname: { instanceType: "string", checker: "isHostname" },
  "idn-hostname": { instanceType: "string", checker: "isIdnHostname" },
  ipv4: { instanceType: "string", checker: "isIpv4" },
  ipv6: { instanceType: "string", checker: "isIpv6" },
  uri: { instanceType: "string", checker: "isUri" },
  "uri-reference": { instanceType: "string", checker: "isUriReference" },
  iri: { instanceType: "string", checker: "isIri" },
  "iri-reference": { instanceType: "string", checker: "isIriReference" },
  "uri-template": { instanceType: "string", checker: "isUriTemplate" },
  uuid: { instanceType: "string", checker: "isUuid" },
  "json-pointer": { instanceType: "string", checker: "isJsonPointer" },
  "relative-json-pointer": { instanceType: "string", checker: "isRelativeJsonPointer" },
  regex: { instanceType: "string", checker: "isRegex" },
  int32: { instanceType: "number", checker: "isInt32" },
  int64: { instanceType: "number", checker: "isInt64" },
  float: { instanceType: "number", checker: "isFloat" },
  double: { instanceType: "number", checker: "isDouble" },
};

/** `format`, asserted for the formats in FORMATS when the options or the metaschema's vocabulary say so. */
export const formatKeyword: KeywordCompiler = {
  family: "format",
  keywords: ["format"],
  compile(site, context) {
    if (typeof site.node.schema === "boolean") return [];
    if (!context.module.assertFormats && !site.node.assertsFormat) return [];
    const format = site.node.schema["format"];
    const known = typeof format === "string" && Object.hasOwn(FORMATS, format) ? FORMATS[format] : undefined;
    if (known === undefined) return [];
    const withoutUnicode = format === "regex" && PATTERNS_WITHOUT_UNICODE.has(dialectOf(site.node));
    const checker = context.module.formatCheck(withoutUnicode ? "isEcma262Regex" : known.checker);
    return [
      {
        instanceType: known.instanceType,
        statements: [
          {
            kind: "fail-if",
            condition: negate(call(checker, site.value)),
            failure: failure(site, "format", code`{ format: ${format as string} }`),
          },
        ],
      },
    ];
  },
};
