/**
 * The regular expression dialect of `pattern` and `patternProperties`. Later dialects (and
 * codegen) read patterns in Unicode mode, the `u` flag; draft-04 and OpenAPI 3.0 only say
 * "ECMA 262", and their tools run patterns without the flag, so there a pattern that is only
 * valid without it (an identity escape such as `\_`, a lone `{`) is compiled without it.
 */
import type { Dialect } from "./dialect.js";
import { isEcma262Regex, isRegex } from "./runtime/formats.js";

/** Dialects whose patterns (and `regex` format) are ECMA-262 regular expressions that need not be valid with the `u` flag. */
export const PATTERNS_WITHOUT_UNICODE: ReadonlySet<Dialect> = new Set(["draft-04", "openapi-3.0"]);

/**
 * The flags a pattern of `dialect` compiles with: `u` where that form is valid, else none where the
 * dialect allows it; `undefined` when the pattern is invalid in its dialect.
 */
export function patternFlags(pattern: string, dialect: Dialect): "u" | "" | undefined {
  if (isRegex(pattern)) return "u";
  return PATTERNS_WITHOUT_UNICODE.has(dialect) && isEcma262Regex(pattern) ? "" : undefined;
}
