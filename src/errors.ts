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

  /** The message as the CLI prints it: `file#/pointer: message` and the hint on its own line. */
  describe(): string {
    const location = this.file === undefined ? "" : `${this.file}${this.pointer === undefined ? "" : `#${this.pointer}`}: `;
    return `${location}${this.message}${this.hint === undefined ? "" : `\n  ${this.hint}`}`;
  }
}

/** Something codegen ignored that the user may not have meant (an error with `strict`). */
export interface CodegenWarning {
  file: string;
  pointer: string;
  message: string;
  /** What to do about it. */
  hint: string;
}
