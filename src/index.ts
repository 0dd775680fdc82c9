export { generate, type GenerateOptions, type GenerateResult } from "./generate.js";
export { CodegenError, CodegenErrorList, type CodegenWarning } from "./errors.js";
export type { NamingOptions, TypeNameContext } from "./config.js";
export type { FileChange } from "./write.js";
