import { code, joinCode } from "../code.js";
import { childLocation, failure, type KeywordCompiler } from "../context.js";
import { pushFailure } from "../statements.js";

/** `anyOf`: each branch gets its own function pair; errors of all branches are reported when none passes. */
export const anyOfKeyword: KeywordCompiler = {
  keywords: ["anyOf"],
  compile(node, context) {
    if (typeof node.schema === "boolean" || !Array.isArray(node.schema["anyOf"])) return [];
    const branches = (node.schema["anyOf"] as unknown[]).map((schema, index) =>
      context.subschemaFunctions(schema as boolean | Record<string, unknown>, childLocation(node.location, "anyOf", index)),
    );
    const failed = code`!(${joinCode(
      branches.map((branch) => code`${branch.check}(${node.value})`),
      " || ",
    )})`;
    const anyOfFailure = failure(node, "anyOf", code`{}`, "must match a schema in anyOf");
    return [
      {
        statements: [
          {
            kind: "compound",
            failed,
            collect: [
              {
                kind: "if",
                condition: failed,
                then: [
                  ...branches.map((branch) => ({
                    kind: "raw" as const,
                    code: code`${branch.collect}(${node.value}, ${anyOfFailure.instancePath}, errors);`,
                  })),
                  { kind: "raw", code: pushFailure(anyOfFailure) },
                ],
              },
            ],
          },
        ],
      },
    ];
  },
};
