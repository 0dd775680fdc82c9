/*
 * Run-time support for codegen's validators: result and error types, Standard Schema v1, format
 * checks. codegen copies this file into the output directory as `_runtime.ts`, so generated code
 * imports nothing from outside that directory.
 */

/** One failed check, in ajv's shape. */
export interface ValidationError {
  /** JSON pointer to the failing value inside the validated data (`""` is the whole value). */
  instancePath: string;
  /** JSON pointer (as a URI fragment) to the failing keyword inside its schema document. */
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message: string;
}

export type ValidationResult<T> = { valid: true; value: T } | { valid: false; errors: ValidationError[] };

/** Thrown by the generated `assertX` functions. */
export class SchemaValidationError extends Error {
  readonly errors: ValidationError[];

  constructor(typeName: string, errors: ValidationError[]) {
    const lines = errors.map((error) => `  ${error.instancePath === "" ? "(root)" : error.instancePath}: ${error.message}`);
    super(`${typeName} is invalid:\n${lines.join("\n")}`);
    this.name = "SchemaValidationError";
    this.errors = errors;
  }
}

/** The Standard Schema v1 interface (https://standardschema.dev), declared here to import nothing. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly "~standard": StandardSchemaV1.Props<Input, Output>;
}

export declare namespace StandardSchemaV1 {
  interface Props<Input = unknown, Output = Input> {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => Result<Output> | Promise<Result<Output>>;
    readonly types?: Types<Input, Output> | undefined;
  }
  type Result<Output> = SuccessResult<Output> | FailureResult;
  interface SuccessResult<Output> {
    readonly value: Output;
    readonly issues?: undefined;
  }
  interface FailureResult {
    readonly issues: ReadonlyArray<Issue>;
  }
  interface Issue {
    readonly message: string;
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }
  interface PathSegment {
    readonly key: PropertyKey;
  }
  interface Types<Input = unknown, Output = Input> {
    readonly input: Input;
    readonly output: Output;
  }
}

/** `/roles/0/name` → `["roles", 0, "name"]`. */
function pathSegments(instancePath: string): PropertyKey[] {
  if (instancePath === "") return [];
  return instancePath
    .slice(1)
    .split("/")
    .map((token) => {
      const key = token.replace(/~1/g, "/").replace(/~0/g, "~");
      return /^(0|[1-9][0-9]*)$/.test(key) ? Number(key) : key;
    });
}

/** Wraps a generated `validateX` function as a Standard Schema. */
export function toStandardSchema<T>(validate: (value: unknown) => ValidationResult<T>): StandardSchemaV1<T> {
  return {
    "~standard": {
      version: 1,
      vendor: "codegen",
      validate(value) {
        const result = validate(value);
        if (result.valid) return { value: result.value };
        return { issues: result.errors.map((error) => ({ message: error.message, path: pathSegments(error.instancePath) })) };
      },
    },
  };
}

/** The two functions generated for a schema, as dynamic references call them. */
export interface SchemaFunctions {
  check(value: unknown): boolean;
  collect(value: unknown, instancePath: string, errors: ValidationError[]): void;
  /** Present when the generated code tracks evaluation for unevaluatedProperties/unevaluatedItems. */
  evaluated?: (value: unknown, includeUnevaluated?: boolean) => Evaluated;
}

/** The properties and items of a value that a schema evaluated (its annotations). */
export interface Evaluated {
  properties: Set<string>;
  allProperties: boolean;
  /** Items before this index were evaluated. */
  items: number;
  allItems: boolean;
  /** Further evaluated items (matched by `contains`). */
  itemIndexes: Set<number>;
}

export function newEvaluated(): Evaluated {
  return { properties: new Set(), allProperties: false, items: 0, allItems: false, itemIndexes: new Set() };
}

export function mergeEvaluated(into: Evaluated, from: Evaluated): void {
  for (const property of from.properties) into.properties.add(property);
  for (const index of from.itemIndexes) into.itemIndexes.add(index);
  into.allProperties ||= from.allProperties;
  into.allItems ||= from.allItems;
  into.items = Math.max(into.items, from.items);
}

/** The dynamic scope: dynamic anchors of the schema resources being evaluated, outermost first. */
const dynamicScope: Readonly<Record<string, SchemaFunctions>>[] = [];

export function enterDynamicScope(anchors: Readonly<Record<string, SchemaFunctions>>): void {
  dynamicScope.push(anchors);
}

export function leaveDynamicScope(): void {
  dynamicScope.pop();
}

/** The target of a dynamic reference: the outermost resource in scope declaring `anchor`, else `initial`. */
export function dynamicTarget(anchor: string, initial: SchemaFunctions): SchemaFunctions {
  for (const anchors of dynamicScope) {
    const target = anchors[anchor];
    if (target !== undefined) return target;
  }
  return initial;
}

/** A JSON object: not null, not an array. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** One token of a JSON pointer, for property names known only at run time. */
export function pointerToken(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** JSON equality: same type and same value, objects compared by members, arrays by position. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => jsonEqual(item, b[index]));
  }
  const aKeys = Object.keys(a);
  const bObject = b as Record<string, unknown>;
  return (
    aKeys.length === Object.keys(b).length &&
    aKeys.every((key) => Object.hasOwn(bObject, key) && jsonEqual((a as Record<string, unknown>)[key], bObject[key]))
  );
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** RFC 3339 `date-time`, including real calendar dates and leap seconds only at 23:59:60 UTC. */
export function isDateTime(value: string): boolean {
  const match = DATE_TIME.exec(value);
  if (match === null) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const offsetSign = match[7] === "-" ? -1 : 1;
  const offsetHour = Number(match[8] ?? 0);
  const offsetMinute = Number(match[9] ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  if (hour > 23 || minute > 59 || second > 60 || offsetHour > 23 || offsetMinute > 59) return false;
  if (second === 60) {
    const utcMinutes = (((hour * 60 + minute - offsetSign * (offsetHour * 60 + offsetMinute)) % 1440) + 1440) % 1440;
    return utcMinutes === 23 * 60 + 59;
  }
  return true;
}

/** OpenAPI `int32`: an integer that fits in a signed 32-bit two's complement. */
export function isInt32(value: number): boolean {
  return Number.isInteger(value) && value >= -2147483648 && value <= 2147483647;
}
