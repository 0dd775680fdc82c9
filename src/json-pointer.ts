/** RFC 6901 JSON pointers, and their form inside a URI fragment (RFC 3986 percent-encoding). */

export function escapePointerToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

export function appendPointer(pointer: string, ...tokens: readonly (string | number)[]): string {
  return pointer + tokens.map((token) => `/${escapePointerToken(String(token))}`).join("");
}

/** The tokens of a pointer such as `/definitions/Record<string>`; `""` is the whole document. */
export function parsePointer(pointer: string): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw new Error(`"${pointer}" is not a JSON pointer: it must start with "/"`);
  return pointer
    .slice(1)
    .split("/")
    .map((token) => token.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/**
 * Percent-decodes a URI fragment or a component name, e.g. `/definitions/Record%3Cstring%3E` →
 * `/definitions/Record<string>`; `undefined` when its percent-encoding is malformed (`19%`).
 */
export function decodeFragment(fragment: string): string | undefined {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return undefined;
  }
}

/** The value at `pointer` inside `document`, or `undefined` when there is none. */
export function valueAtPointer(document: unknown, pointer: string): unknown {
  let current: unknown = document;
  for (const token of parsePointer(pointer)) {
    if (typeof current !== "object" || current === null || !Object.hasOwn(current, token)) return undefined;
    current = (current as Record<string, unknown>)[token];
  }
  return current;
}
