import { atLeast } from "../../dialect.js";
import { and, call, type Code, code, compare, conditional, joinCode, negate, not, or } from "../code.js";
import {
  callStatement,
  childNode,
  collectCall,
  dialectOf,
  failure,
  inPlaceCheck,
  type CompileContext,
  type FunctionPair,
  type KeywordCompiler,
  type Site,
} from "../context.js";
import type { FailureSpec, Statement } from "../statements.js";
import { narrowingOf } from "../../keywords.js";
import { branchExclusions } from "./prune.js";
import { acceptsEverything, ownProperty, subschemaNode } from "./shared.js";
import { possibleTypes } from "./type.js";

/** The function pairs of the branches of `allOf`/`anyOf`/`oneOf`. */
function branches(site: Site, context: CompileContext, keyword: string): FunctionPair[] | undefined {
  if (typeof site.node.schema === "boolean" || !Array.isArray(site.node.schema[keyword])) return undefined;
  return site.node.schema[keyword].map((_, index) => context.subschemaFunctions(childNode(site.node, keyword, index)));
}

/**
 * The checks of the branches of `anyOf`/`oneOf`, each skipped when a cheap test on the value rules
 * it out (see prune.ts): the same verdicts, without running branches that cannot pass. The tests
 * are constants before the keyword's check (`const oneOf0RuledOut = …;`): a chain of short
 * operands reads better, and prints as prettier would, where a negated group inside it does not.
 */
function branchChecks(
  site: Site,
  context: CompileContext,
  keyword: string,
  functions: readonly FunctionPair[],
): { tests: Statement[]; checks: Code[] } {
  const nodes = functions.map((_, index) => childNode(site.node, keyword, index));
  const exclusions = possibleTypes(narrowingOf(site.node)).has("object")
    ? branchExclusions(nodes, site.value, context.module, (name) => ownProperty(site.value, name))
    : [];
  const tests: Statement[] = [];
  const checks = functions.map((branch, index) => {
    const check = inPlaceCheck(branch, site.value);
    const exclusion = exclusions[index];
    if (exclusion === undefined) return check;
    const ruledOut = context.scope.local(`${keyword}${index}RuledOut`);
    tests.push({ kind: "const", name: ruledOut, value: exclusion });
    return and(negate(ruledOut), check);
  });
  return { tests, checks };
}

/** `allOf`: every branch applies; the errors are the branches' own. */
function allOf(site: Site, context: CompileContext): Statement[] {
  if (typeof site.node.schema === "boolean" || !Array.isArray(site.node.schema["allOf"])) return [];
  return site.node.schema["allOf"].flatMap((_, index) => {
    const branch = childNode(site.node, "allOf", index);
    return acceptsEverything(branch.schema) ? [] : [callStatement(context.subschemaFunctions(branch), site, true, context.scope)];
  });
}

/** `anyOf`: each branch gets its own function pair; errors of all branches are reported when none passes. */
function anyOf(site: Site, context: CompileContext): Statement[] {
  const functions = branches(site, context, "anyOf");
  if (functions === undefined) return [];
  const { tests, checks } = branchChecks(site, context, "anyOf", functions);
  const failed = not(or(...checks));
  const start = context.scope.local("anyOfStart");
  const anyOfFailure = { ...failure(site, "anyOf", code`{}`), alternativesFrom: start };
  const reports = functions.map((branch) => callStatement(branch, site, true, context.scope));
  const counted: Statement = { kind: "const", name: start, value: code`errors.length` };
  return [
    ...tests,
    {
      kind: "compound",
      failed,
      collect: [{ kind: "if", condition: failed, then: [counted, ...reports, { kind: "fail", failure: anyOfFailure }] }],
    },
  ];
}

/**
 * `oneOf`: exactly one branch must pass. As ajv: the branches are tried in order until a second
 * one passes; when the keyword fails, the errors of the failing branches tried are reported with
 * it, and `passingSchemas` holds the first two passing indexes (or null when none passed).
 */
function oneOf(site: Site, context: CompileContext): Statement[] {
  const functions = branches(site, context, "oneOf");
  if (functions === undefined) return [];
  const { tests, checks } = branchChecks(site, context, "oneOf", functions);
  const start = context.scope.local("oneOfStart");
  const passing = context.scope.local("passing");
  const fail = {
    ...failure(site, "oneOf", code`{ passingSchemas: ${passing}.length === 0 ? null : ${passing} }`),
    alternativesFrom: start,
  };
  const path = fail.instancePath;
  const tries = functions.map((branch, index) => {
    const attempt = code`if (${checks[index]!}) ${passing}.push(${index});\nelse ${collectCall(branch, site.value, path, context.scope)};`;
    return index < 2 ? attempt : code`if (${passing}.length < 2) {\n${attempt}\n}`;
  });
  const collect: Statement[] = [
    { kind: "const", name: start, value: code`errors.length` },
    { kind: "const", name: passing, ...(context.module.typed ? { type: code`number[]` } : {}), value: code`[]` },
    { kind: "snippet", code: joinCode(tries, "\n") },
    {
      kind: "if",
      condition: compare(code`${passing}.length`, "===", 1),
      then: [{ kind: "snippet", code: code`errors.length = ${start};` }],
      else: [{ kind: "fail", failure: fail }],
    },
  ];
  return checks.length < 3
    ? [
        ...tests,
        {
          kind: "compound",
          failed: compare(
            joinCode(
              checks.map((check) => code`(${check} ? 1 : 0)`),
              " + ",
            ),
            "!==",
            1,
          ),
          collect,
        },
      ]
    : [...tests, { kind: "by-mode", check: firstTwoPassing(checks, context, fail), collect }];
}

/**
 * A check of `oneOf` with three branches or more that runs each branch at most once and stops at
 * the second that passes: a flag says whether one has. (With two branches, both always have to run.)
 */
function firstTwoPassing(checks: Code[], context: CompileContext, fail: FailureSpec): Statement[] {
  const matchedOne = context.scope.local("matchedOne");
  const match: Statement = { kind: "snippet", code: code`${matchedOne} = true;` };
  return [
    { kind: "const", name: matchedOne, value: code`false`, mutable: true },
    ...checks.map((check, index): Statement => ({
      kind: "if",
      condition: check,
      then: index === 0 ? [match] : [{ kind: "fail-if", condition: matchedOne, failure: fail }, match],
    })),
    { kind: "fail-if", condition: negate(matchedOne), failure: fail },
  ];
}

/** `not`: fails when the subschema passes; its only error is its own. */
function notSchema(site: Site, context: CompileContext): Statement[] {
  const schema = subschemaNode(site, "not");
  if (schema === undefined) return [];
  const functions = context.subschemaFunctions(schema);
  return [{ kind: "fail-if", condition: inPlaceCheck(functions, site.value), failure: failure(site, "not", code`{}`) }];
}

/**
 * `if`/`then`/`else` (draft-07 on): as ajv, a failing branch reports its own errors and an `if`
 * error naming it; `if` alone, or with branches that accept everything, does nothing.
 */
function ifThenElse(site: Site, context: CompileContext): Statement[] {
  if (!atLeast(dialectOf(site.node), "draft-07")) return [];
  const ifSchema = subschemaNode(site, "if");
  if (ifSchema === undefined) return [];
  const branch = (keyword: "then" | "else"): FunctionPair | undefined => {
    const schema = subschemaNode(site, keyword);
    return schema === undefined || acceptsEverything(schema.schema) ? undefined : context.subschemaFunctions(schema);
  };
  const thenFunctionPair = branch("then");
  const elseFunctionPair = branch("else");
  if (thenFunctionPair === undefined && elseFunctionPair === undefined) return [];
  const condition = call(context.subschemaFunctions(ifSchema).check, site.value);
  const fails = (functions: FunctionPair): Code => negate(call(functions.check, site.value));
  const report = (keyword: "then" | "else", functions: FunctionPair): Statement => {
    const fail = failure(site, "if", code`{ failingKeyword: ${keyword} }`);
    return {
      kind: "if",
      condition: fails(functions),
      then: [callStatement(functions, site, false, context.scope), { kind: "fail", failure: fail }],
    };
  };
  let failed: Code;
  let collect: Statement;
  if (thenFunctionPair !== undefined && elseFunctionPair !== undefined) {
    failed = conditional(condition, fails(thenFunctionPair), fails(elseFunctionPair));
    collect = { kind: "if", condition, then: [report("then", thenFunctionPair)], else: [report("else", elseFunctionPair)] };
  } else if (thenFunctionPair !== undefined) {
    failed = and(condition, fails(thenFunctionPair));
    collect = { kind: "if", condition, then: [report("then", thenFunctionPair)] };
  } else {
    failed = and(negate(condition), fails(elseFunctionPair!));
    collect = { kind: "if", condition: negate(condition), then: [report("else", elseFunctionPair!)] };
  }
  return [{ kind: "compound", failed, collect: [collect] }];
}

/** The in-place applicators: `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`. They apply to any instance type. */
export const applicatorKeywords: KeywordCompiler = {
  family: "applicators",
  keywords: ["allOf", "anyOf", "oneOf", "not", "if", "then", "else"],
  compile(site, context) {
    if (typeof site.node.schema === "boolean") return [];
    const statements = [
      ...allOf(site, context),
      ...anyOf(site, context),
      ...oneOf(site, context),
      ...notSchema(site, context),
      ...ifThenElse(site, context),
    ];
    return statements.length === 0 ? [] : [{ statements }];
  },
};
