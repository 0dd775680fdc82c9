import { Code, code, joinCode, negate, operand } from "./code.js";

/**
 * Validators are built as a small statement tree, then rendered twice: as a boolean check that
 * returns `false` at the first failure, and as an error collector that records every failure.
 */
export type Mode = "check" | "collect";

/** A failure, ajv-shaped. `instancePath` is an expression; the rest is known when generating. */
export interface FailureSpec {
  instancePath: Code;
  schemaPath: string;
  keyword: string;
  /** Object literal expression for `params`. */
  params: Code;
  /** String expression for `message`. */
  message: Code;
}

export type Statement =
  /** Fails when `condition` holds. */
  | { kind: "fail-if"; condition: Code; failure: FailureSpec }
  /** Fails unless `condition` holds; `then` runs only when it holds (and may rely on its narrowing). */
  | { kind: "guard"; condition: Code; failure: FailureSpec; then: Statement[] }
  | { kind: "if"; condition: Code; then: Statement[] }
  /** Validation delegated to another function: `check` is a boolean expression, `collect` a statement. */
  | { kind: "call"; check: Code; collect: Code }
  | { kind: "raw"; code: Code }
  /** `header` is a loop head such as `for (const key of Object.keys(value))`. */
  | { kind: "loop"; header: Code; body: Statement[] }
  /** A check that needs its own branches: `failed` is true when it failed; `collect` reports it. */
  | { kind: "compound"; failed: Code; collect: Statement[] }
  /**
   * Different statements per mode: a check can skip keywords that cannot change the verdict (and
   * that TypeScript's narrowing would reject there), errors are still collected as ajv reports them.
   */
  | { kind: "by-mode"; check: Statement[]; collect: Statement[] };

/** `errors.push({ … })`, one property per line: it never fits on one, so it is written broken as prettier would. */
export function pushFailure(failure: FailureSpec): Code {
  return code`errors.push({
instancePath: ${failure.instancePath},
schemaPath: ${failure.schemaPath},
keyword: ${failure.keyword},
params: ${failure.params},
message: ${failure.message},
});`;
}

/** `if (condition)` with the failure on the next line, where the printer hangs it. */
export function failIf(condition: Code, failure: FailureSpec): Code {
  return code`if (${condition})\n${pushFailure(failure)}`;
}

/** The failure condition of a one-line statement in check mode, if it has one. */
function checkFailCondition(statement: Statement): Code | undefined {
  if (statement.kind === "fail-if") return statement.condition;
  if (statement.kind === "call") return code`!${statement.check}`;
  if (statement.kind === "compound") return statement.failed;
  if (statement.kind === "guard" && statement.then.length === 0) return negate(statement.condition);
  if (statement.kind === "if" && statement.then.length === 1) {
    const inner = checkFailCondition(statement.then[0]!);
    return inner === undefined ? undefined : code`${operand(statement.condition, "&&")} && ${operand(inner, "&&")}`;
  }
  return undefined;
}

function block(statements: readonly Statement[], mode: Mode): Code {
  return code`{\n${render(statements, mode)}\n}`;
}

function renderCheck(statements: readonly Statement[]): Code[] {
  const lines: Code[] = [];
  let pendingConditions: Code[] = [];
  const flush = (): void => {
    if (pendingConditions.length === 0) return;
    const conditions = pendingConditions.length === 1 ? pendingConditions : pendingConditions.map((condition) => operand(condition, "||"));
    lines.push(code`if (${joinCode(conditions, " || ")}) return false;`);
    pendingConditions = [];
  };
  for (const statement of checkStatements(statements)) {
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
      case "if":
        lines.push(code`if (${statement.condition}) ${block(statement.then, "check")}`);
        break;
      case "raw":
        lines.push(statement.code);
        break;
      case "loop":
        lines.push(code`${statement.header} ${block(statement.body, "check")}`);
        break;
    }
  }
  flush();
  return lines;
}

/** The statements of check mode, with those of `by-mode` statements in their place. */
function checkStatements(statements: readonly Statement[]): Statement[] {
  return statements.flatMap((statement) => (statement.kind === "by-mode" ? checkStatements(statement.check) : [statement]));
}

function renderCollect(statements: readonly Statement[]): Code[] {
  return statements.map((statement): Code => {
    switch (statement.kind) {
      case "fail-if":
        return failIf(statement.condition, statement.failure);
      case "guard":
        if (statement.then.length === 0) return failIf(negate(statement.condition), statement.failure);
        return code`${failIf(negate(statement.condition), statement.failure)}\nelse ${block(statement.then, "collect")}`;
      case "if":
        return code`if (${statement.condition}) ${block(statement.then, "collect")}`;
      case "call":
        return statement.collect;
      case "raw":
        return statement.code;
      case "loop":
        return code`${statement.header} ${block(statement.body, "collect")}`;
      case "compound":
        return render(statement.collect, "collect");
      case "by-mode":
        return render(statement.collect, "collect");
    }
  });
}

export function render(statements: readonly Statement[], mode: Mode): Code {
  return joinCode(mode === "check" ? renderCheck(statements) : renderCollect(statements), "\n");
}
