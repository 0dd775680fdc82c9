/**
 * An error caused by the user's input or usage. It says what is wrong, where (file and JSON
 * pointer inside it) and what to do; the CLI prints it without a stack trace and exits 2.
 */
export class CodegenError extends Error {
  readonly file: string | undefined;
  readonly pointer: string | undefined;
  readonly hint: string | undefined;

  constructor(message: string, where: { file?: string; pointer?: string; hint?: string } = {}) {
    super(message);
    this.name = "CodegenError";
    this.file = where.file;
    this.pointer = where.pointer;
    this.hint = where.hint;
  }

  /** Where it is and what to do: what a copy with another message keeps. */
  get where(): { file?: string; pointer?: string; hint?: string } {
    return {
      ...(this.file !== undefined ? { file: this.file } : {}),
      ...(this.pointer !== undefined ? { pointer: this.pointer } : {}),
      ...(this.hint !== undefined ? { hint: this.hint } : {}),
    };
  }

  /** The message as the CLI prints it: `file#/pointer: message` and the hint on its own line. */
  describe(): string {
    const location = this.file === undefined ? "" : `${this.file}${this.pointer === undefined ? "" : `#${this.pointer}`}: `;
    return `${location}${this.message}${this.hint === undefined ? "" : `\n  ${this.hint}`}`;
  }
}

/** Something codegen ignored that the user may not have meant (an error with `strict`). */
export interface CodegenWarning {
  /** Where it occurs first. */
  file: string;
  pointer: string;
  message: string;
  /** The message as an error with `strict`. */
  strictMessage: string;
  /** What to do about it. */
  hint: string;
  /** How many places it occurs in, when more than one. */
  count?: number;
}

/** How many errors a run prints at most; the rest are counted. */
export const REPORTED_ERRORS_LIMIT = 20;

/**
 * Several input errors of one run that do not depend on each other (two files that do not parse,
 * two dangling `$ref`s), reported together so that one run shows everything to fix. The first one
 * is the error's own message and location, so code that reads one error still finds it.
 */
export class CodegenErrorList extends CodegenError {
  constructor(readonly errors: readonly CodegenError[]) {
    const first = errors[0]!;
    super(`${first.message} (and ${errors.length - 1} more error(s))`, first.where);
    this.name = "CodegenErrorList";
  }

  /** Each error as CodegenError.describe() prints it, up to REPORTED_ERRORS_LIMIT, then the count of the rest. */
  override describe(): string {
    const shown = this.errors.slice(0, REPORTED_ERRORS_LIMIT).map((error) => error.describe());
    const rest = this.errors.length - shown.length;
    return [`${this.errors.length} errors:`, ...shown, ...(rest > 0 ? [`… and ${rest} more error(s)`] : [])].join("\n");
  }
}

/** A message about something that occurs in `count` places, of which the first is the one located. */
export function inPlaces(message: string, count: number): string {
  return `${message} (${count} places; the first is shown)`;
}

/** The errors with those of the same message and hint (one dangling `$ref` used in many places) merged into the first, with their count. */
function mergeAlike(errors: readonly CodegenError[]): CodegenError[] {
  const groups = new Map<string, CodegenError[]>();
  for (const error of errors) {
    const key = `${error.message}\0${error.hint}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [error]);
    else group.push(error);
  }
  return [...groups.values()].map(([first, ...rest]) =>
    rest.length === 0 ? first! : new CodegenError(inPlaces(first!.message, rest.length + 1), first!.where),
  );
}

/**
 * Throws the errors collected in a run, alike ones merged: nothing if there are none, the error
 * itself if there is one, else a CodegenErrorList.
 */
export function throwCollected(errors: readonly CodegenError[]): void {
  const merged = mergeAlike(errors);
  if (merged.length === 1) throw merged[0]!;
  if (merged.length > 1) throw new CodegenErrorList(merged);
}
