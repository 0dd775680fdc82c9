/**
 * The loop timing a format check over its values. bench/formats.ts imports it once per check, each time
 * under its own URL: every copy has its own call site, which sees one check only, as in a
 * generated validator (one shared loop would see them all, and V8 would stop inlining).
 */
export function checkAll(check: (value: string) => boolean): (values: readonly string[]) => boolean {
  return (values) => {
    let valid = true;
    for (let index = 0; index < values.length; index++) valid = check(values[index]!) && valid;
    return valid;
  };
}
