import { and, Code, code, joinCode, type Name, negate, or } from "./code.js";
import { pathExpression, type PathPart } from "./context.js";

/**
 * Validators are built as a small statement tree, then rendered twice: as a boolean check that
 * returns `false` at the first failure, and as an error collector that records every failure.
 */
export type Mode = "check" | Collector;

/** What an error collector's body needs: the run-time `pushError`, and schema paths as it writes them. */
export interface Collector {
  /** Names the run-time `pushError`, importing it: called only where a failure is reported. */
  pushError: () => Code;
  /** Names the run-time `typeError` (a property's `type` failure), likewise. */
  typeError: () => Code;
  /** The expression for a schema path (`#/…`), relative to the collector's own (see `schemaPathExpression`). */
  schemaPath: (absolute: string) => Code;
}

/** A failure, ajv-shaped. `instancePath` is an expression; the rest is known when generating. */
export interface FailureSpec {
  instancePath: Code;
  /** What `instancePath` is made of: the value's path, one part per step. */
  instanceParts: readonly PathPart[];
  /** The `type` keyword's expected types (its `params.type`), for the short form of its error. */
  expectedType?: string;
  /** Where the failing subschema is (`#/…`); the error's `schemaPath` adds the keyword (see `pushError`). */
  schemaPath: string;
  keyword: string;
  /** Object literal expression for `params`; the message is made of it at run time. */
  params: Code;
  /** For `oneOf`/`anyOf`: the `errors.length` before its alternatives reported theirs (see `pushError`). */
  alternativesFrom?: Code;
}

export type Statement =
  /** Fails when `condition` holds. */
  | { kind: "fail-if"; condition: Code; failure: FailureSpec }
  /** Fails: `return false;` in a check, the failure reported in a collector. */
  | { kind: "fail"; failure: FailureSpec }
  /** Fails unless `condition` holds; `then` runs only when it holds (and may rely on its narrowing). */
  | { kind: "guard"; condition: Code; failure: FailureSpec; then: Statement[] }
  | { kind: "if"; condition: Code; then: Statement[]; else?: Statement[] }
  /** Validation delegated to another function: `check` is a call expression, `collect` a statement. */
  | { kind: "call"; check: Code; collect: Code }
  /** `const name: type = value;`, or `let` when `mutable` (oneOf's flag that its branches set). */
  | { kind: "const"; name: Name; type?: Code; value: Code; mutable?: true }
  /** `if (condition) continue;`, in a loop body. */
  | { kind: "continue-if"; condition: Code }
  /** `return false;`: check mode only, for a schema that nothing passes (see compile.ts). */
  | { kind: "return-false" }
  /** `header` is a loop head such as `for (const key of Object.keys(value))`. */
  | { kind: "loop"; header: Code; body: Statement[] }
  /**
   * `switch (subject)`: each case's body a block ending with `break;`, and `otherwise` (`default:`,
   * last) a block, so that the printer's indentation by brackets is prettier's.
   */
  | { kind: "switch"; subject: Code; cases: SwitchCase[]; otherwise: Statement[] }
  /** A check that needs its own branches: `failed` is true when it failed; `collect` reports it. */
  | { kind: "compound"; failed: Code; collect: Statement[] }
  /**
   * Different statements per mode: a check can skip keywords that cannot change the verdict (and
   * that TypeScript's narrowing would reject there), errors are still collected as ajv reports them.
   */
  | { kind: "by-mode"; check: Statement[]; collect: Statement[] }
  /**
   * Code written in one place only: oneOf's tally of passing branches and its flag in a check,
   * propertyNames' marking of the errors inside it, the `required` list's call.
   * Everything else says what it is.
   */
  | { kind: "snippet"; code: Code };

/** The labels of a `switch` case (several share its body) and its statements. */
export interface SwitchCase {
  labels: readonly Code[];
  body: Statement[];
}

/**
 * `pushError(errors, keyword, params, instancePath, schemaPath)`, the schema path relative to the
 * collector's `schemaPath` parameter. The object literal is not the last argument, so prettier
 * lays the call out without hugging it: on one line, or one argument per line.
 */
export function pushFailure(failure: FailureSpec, collector: Collector): Code {
  const property = propertyTypeFailure(failure);
  if (property !== undefined) {
    const { type, parentParts, parentSchemaPath, token } = property;
    return code`${collector.typeError()}(errors, ${type}, ${pathExpression(parentParts)}, ${collector.schemaPath(parentSchemaPath)}, ${token});`;
  }
  const schemaPath = collector.schemaPath(failure.schemaPath);
  const from = failure.alternativesFrom === undefined ? code`` : code`, ${failure.alternativesFrom}`;
  return code`${collector.pushError()}(errors, ${failure.keyword}, ${failure.params}, ${failure.instancePath}, ${schemaPath}${from});`;
}

/**
 * A `type` failure of an object's property (instance path `…/token`, schema path
 * `…/properties/token`), which the run-time `typeError` reports from the parent's paths.
 */
function propertyTypeFailure(
  failure: FailureSpec,
): { type: string; parentParts: readonly PathPart[]; parentSchemaPath: string; token: string } | undefined {
  const { expectedType, instanceParts, schemaPath } = failure;
  const last = instanceParts.at(-1);
  if (expectedType === undefined || instanceParts.length < 2 || typeof last !== "string" || !last.startsWith("/")) return undefined;
  const token = last.slice(1);
  const suffix = `/properties/${token}`;
  if (token.includes("/") || !schemaPath.endsWith(suffix)) return undefined;
  return { type: expectedType, parentParts: instanceParts.slice(0, -1), parentSchemaPath: schemaPath.slice(0, -suffix.length), token };
}

/** `if (condition) pushError(…);`: the printer moves the call to the next line when the line is too long. */
function failIf(condition: Code, failure: FailureSpec, collector: Collector): Code {
  return code`if (${condition}) ${pushFailure(failure, collector)}`;
}

/** The failure condition of a one-line statement in check mode, if it has one. */
function checkFailCondition(statement: Statement): Code | undefined {
  const single = singleFailure(statement, "check");
  if (single !== undefined) return single.condition;
  if (statement.kind === "call") return negate(statement.check);
  if (statement.kind === "compound") return statement.failed;
  if (statement.kind === "if" && statement.then.length === 1 && statement.else === undefined) {
    const inner = checkFailCondition(statement.then[0]!);
    return inner === undefined ? undefined : and(statement.condition, inner);
  }
  return undefined;
}

function block(statements: readonly Statement[], mode: Mode): Code {
  return code`{\n${render(statements, mode)}\n}`;
}

/** Statements that read the same in both modes. */
function renderCommon(statement: Statement & { kind: "if" | "const" | "continue-if" | "loop" | "switch" | "snippet" }, mode: Mode): Code {
  switch (statement.kind) {
    case "if": {
      const otherwise = statement.else === undefined ? code`` : code` else ${block(statement.else, mode)}`;
      return code`if (${statement.condition}) ${block(statement.then, mode)}${otherwise}`;
    }
    case "const":
      return code`${statement.mutable === true ? code`let` : code`const`} ${statement.name}${statement.type === undefined ? code`` : code`: ${statement.type}`} = ${statement.value};`;
    case "continue-if":
      return code`if (${statement.condition}) continue;`;
    case "loop":
      return code`${statement.header} ${block(statement.body, mode)}`;
    case "switch": {
      const cases = statement.cases.map(({ labels, body }) => {
        const heads = joinCode(
          labels.map((label) => code`case ${label}:`),
          "\n",
        );
        return code`${heads} {\n${body.length === 0 ? code`` : code`${render(body, mode)}\n`}break;\n}`;
      });
      const otherwise = statement.otherwise.length === 0 ? [] : [code`default: ${block(statement.otherwise, mode)}`];
      return code`switch (${statement.subject}) {\n${joinCode([...cases, ...otherwise], "\n")}\n}`;
    }
    case "snippet":
      return statement.code;
  }
}

function renderCheck(statements: readonly Statement[]): Code[] {
  const lines: Code[] = [];
  let pendingConditions: Code[] = [];
  const flush = (): void => {
    if (pendingConditions.length === 0) return;
    lines.push(code`if (${or(...pendingConditions)}) return false;`);
    pendingConditions = [];
  };
  for (const statement of modeStatements(statements, "check")) {
    const condition = checkFailCondition(statement);
    if (condition !== undefined) {
      pendingConditions.push(condition);
      continue;
    }
    flush();
    switch (statement.kind) {
      case "guard":
        lines.push(code`if (${negate(statement.condition)}) return false;`, render(statement.then, "check"));
        break;
      case "fail":
      case "return-false":
        // What follows could never run, and TypeScript would not narrow there (the value is `unknown` again).
        lines.push(code`return false;`);
        return lines;
      case "if":
      case "const":
      case "continue-if":
      case "loop":
      case "switch":
      case "snippet":
        lines.push(renderCommon(statement, "check"));
        break;
    }
  }
  flush();
  return lines;
}

/** The statements of one mode, with those of `by-mode` statements in their place. */
function modeStatements(statements: readonly Statement[], mode: Mode): Statement[] {
  return statements.flatMap((statement) =>
    statement.kind === "by-mode" ? modeStatements(mode === "check" ? statement.check : statement.collect, mode) : [statement],
  );
}

function renderCollect(statements: readonly Statement[], collector: Collector): Code[] {
  return statements.map((statement): Code => {
    switch (statement.kind) {
      case "fail-if":
        return failIf(statement.condition, statement.failure, collector);
      case "fail":
        return pushFailure(statement.failure, collector);
      case "guard": {
        const single = singleFailure(statement, collector);
        if (single !== undefined) return failIf(single.condition, single.failure, collector);
        return code`${failIf(negate(statement.condition), statement.failure, collector)}\nelse ${block(modeStatements(statement.then, collector), collector)}`;
      }
      case "call":
        return statement.collect;
      case "return-false":
        throw new Error("internal error: return-false is a check-mode statement");
      case "compound":
      case "by-mode":
        return render(statement.collect, collector);
      case "if": {
        const only = statement.else === undefined && statement.then.length === 1 ? singleFailure(statement.then[0]!, collector) : undefined;
        // `if (a) { if (b) pushError(…); }` is `if (a && b) pushError(…);`, as the check writes it.
        if (only !== undefined) return failIf(and(statement.condition, only.condition), only.failure, collector);
        return renderCommon(statement, collector);
      }
      case "const":
      case "continue-if":
      case "loop":
      case "switch":
      case "snippet":
        return renderCommon(statement, collector);
    }
  });
}

/**
 * The condition and failure of a statement that only reports one failure in `mode`, if it is one:
 * a guard whose statements are all for the other mode is one (no empty `else {}` in a collector).
 */
function singleFailure(statement: Statement, mode: Mode): { condition: Code; failure: FailureSpec } | undefined {
  if (statement.kind === "fail-if") return statement;
  if (statement.kind === "guard" && modeStatements(statement.then, mode).length === 0)
    return { condition: negate(statement.condition), failure: statement.failure };
  return undefined;
}

export function render(statements: readonly Statement[], mode: Mode): Code {
  return joinCode(mode === "check" ? renderCheck(statements) : renderCollect(statements, mode), "\n");
}
