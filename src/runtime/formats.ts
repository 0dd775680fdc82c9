/*
 * Format checks for codegen's validators: one function per JSON Schema / OpenAPI `format`.
 * codegen copies this file next to the generated code, so it imports nothing and uses only
 * ES2022 (no DOM, no `URL`, no `punycode`): it runs in Node.js and in browsers alike.
 */

// ---------------------------------------------------------------------------------------------
// Dates, times and durations (RFC 3339)
// ---------------------------------------------------------------------------------------------

// Validators check every timestamp of every payload. Dates and times are parsed by character codes
// (several times faster than ajv-formats' expressions); the scanners test the length first, so that
// every character read is in the string (`charCodeAt` past the end gives NaN). Common date-times
// and times are first tried with one expression, faster still (see plainTimeSource).

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The number written by the two ASCII digits at `index` (which must be in the string), or -1. */
function twoDigitsAt(value: string, index: number): number {
  const tens = value.charCodeAt(index) - 48;
  const ones = value.charCodeAt(index + 1) - 48;
  return tens >>> 0 <= 9 && ones >>> 0 <= 9 ? tens * 10 + ones : -1;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2)
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Whether `YYYY-MM-DD` at `start` (with 10 characters from there) is a real calendar date. */
function dateAt(value: string, start: number): boolean {
  const century = twoDigitsAt(value, start);
  const year = twoDigitsAt(value, start + 2);
  const month = twoDigitsAt(value, start + 5);
  const day = twoDigitsAt(value, start + 8);
  if (
    value.charCodeAt(start + 4) !== 45 ||
    value.charCodeAt(start + 7) !== 45 ||
    century < 0 ||
    year < 0 ||
    month < 1 ||
    month > 12 ||
    day < 1
  )
    return false;
  // Every month has 28 days: the calendar matters only after them.
  return day <= 28 || day <= daysInMonth(century * 100 + year, month);
}

/**
 * Whether `value` from `start` (with 9 characters from there) to its end is
 * `HH:MM:SS[.fraction](Z|±HH:MM)`, leap seconds only at 23:59:60 UTC.
 */
function timeToEndAt(value: string, start: number): boolean {
  const hour = twoDigitsAt(value, start);
  const minute = twoDigitsAt(value, start + 3);
  const second = twoDigitsAt(value, start + 6);
  if (
    value.charCodeAt(start + 2) !== 58 ||
    value.charCodeAt(start + 5) !== 58 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 60
  )
    return false;
  const length = value.length;
  let index = start + 8;
  if (value.charCodeAt(index) === 46) {
    const fractionStart = ++index;
    while (index < length && isDigit(value.charCodeAt(index))) index++;
    if (index === fractionStart) return false;
  }
  const zone = value.charCodeAt(index);
  let offsetMinutes = 0;
  if (zone === 90 || zone === 122) {
    if (index + 1 !== length) return false;
  } else if (zone === 43 || zone === 45) {
    if (index + 6 !== length || value.charCodeAt(index + 3) !== 58)
      return false;
    const offsetHour = twoDigitsAt(value, index + 1);
    const offsetMinute = twoDigitsAt(value, index + 4);
    if (
      offsetHour < 0 ||
      offsetHour > 23 ||
      offsetMinute < 0 ||
      offsetMinute > 59
    )
      return false;
    offsetMinutes = (zone === 45 ? -1 : 1) * (offsetHour * 60 + offsetMinute);
  } else return false;
  if (second < 60) return true;
  const utcMinutes =
    (((hour * 60 + minute - offsetMinutes) % 1440) + 1440) % 1440;
  return utcMinutes === 23 * 60 + 59;
}

/**
 * The times that raise no question of leap seconds (seconds up to 59): everything it matches is
 * valid. V8 runs such an expression in less time than the scanner: a call costs about as much as
 * eight `charCodeAt`s, and each character a fraction of one.
 */
function plainTimeSource(): string {
  const hour = "(?:[01]\\d|2[0-3])";
  return `${hour}:[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:[Zz]|[+-]${hour}:[0-5]\\d)`;
}
function plainTimePattern(): RegExp {
  return new RegExp(`^${plainTimeSource()}$`);
}
const PLAIN_TIME = /* @__PURE__ */ plainTimePattern();

/** With {@link plainTimeSource}, date-times on days that every year has (all but February 29). */
function plainDateTimePattern(): RegExp {
  const monthDay =
    "(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))";
  return new RegExp(`^\\d\\d\\d\\d-${monthDay}[Tt]${plainTimeSource()}$`);
}
const PLAIN_DATE_TIME = /* @__PURE__ */ plainDateTimePattern();

/** RFC 3339 `full-date`: `YYYY-MM-DD`, a real calendar date (leap years included). */
export function isDate(value: string): boolean {
  return value.length === 10 && dateAt(value, 0);
}

/** RFC 3339 `full-time`: offset required; a leap second only at 23:59:60 UTC once the offset is applied. */
export function isTime(value: string): boolean {
  return PLAIN_TIME.test(value) || (value.length >= 9 && timeToEndAt(value, 0));
}

/** RFC 3339 `date-time`: real calendar dates, `T`/`t` and `Z`/`z`, leap seconds only at 23:59:60 UTC. */
export function isDateTime(value: string): boolean {
  if (PLAIN_DATE_TIME.test(value)) return true;
  if (value.length < 20) return false;
  const separator = value.charCodeAt(10);
  return (
    (separator === 84 || separator === 116) &&
    dateAt(value, 0) &&
    timeToEndAt(value, 11)
  );
}

// Module-level values are built by functions called once, marked pure: a bundler drops each one
// a bundle does not use (it must keep a template literal or spread at the top level, which it cannot prove harmless).
function durationPattern(): RegExp {
  const time = "T(?:\\d+H(?:\\d+M(?:\\d+S)?)?|\\d+M(?:\\d+S)?|\\d+S)";
  return new RegExp(
    `^P(?:(?:\\d+D|\\d+M(?:\\d+D)?|\\d+Y(?:\\d+M(?:\\d+D)?)?)(?:${time})?|${time}|\\d+W)$`,
  );
}
const DURATION = /* @__PURE__ */ durationPattern();

/** RFC 3339 Appendix A `duration` (ISO 8601): `P1Y2M3DT4H5M6S`, `PT1H`, `P2W`; weeks stand alone. */
export function isDuration(value: string): boolean {
  return DURATION.test(value);
}

// ---------------------------------------------------------------------------------------------
// IP addresses (RFC 2673 / RFC 4291)
// ---------------------------------------------------------------------------------------------

const IPV4 =
  /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** RFC 2673 §3.2 dotted-quad IPv4 address: four decimal octets 0–255, no leading zeros. */
export function isIpv4(value: string): boolean {
  return IPV4.test(value);
}

function isHexDigit(code: number): boolean {
  // A letter's code with bit 5 set is its lower case.
  return (code - 48) >>> 0 <= 9 || ((code | 32) - 97) >>> 0 <= 5;
}

/**
 * RFC 4291 §2.2 IPv6 address text form, with `::` compression and an embedded IPv4 tail; no zone id.
 * Scanned by character codes: splitting into groups and matching each costs more than the whole check.
 * No read goes past the end: V8's optimized code for `charCodeAt` out of range is much slower.
 */
export function isIpv6(value: string): boolean {
  const length = value.length;
  // An IPv4 tail counts as two groups.
  let groups = 0;
  let compressed = false;
  let index = 0;
  if (value.charCodeAt(0) === 58 && value.charCodeAt(1) === 58) {
    compressed = true;
    index = 2;
  }
  while (index < length) {
    const start = index;
    while (index < length && isHexDigit(value.charCodeAt(index))) index++;
    if (index < length && value.charCodeAt(index) === 46) {
      // The tail follows a colon: a dotted quad alone is not an IPv6 address.
      if (start === 0 || !isIpv4(value.slice(start))) return false;
      groups += 2;
      break;
    }
    if (index === start || index - start > 4) return false;
    groups++;
    if (index === length) break;
    if (value.charCodeAt(index++) !== 58 || index === length) return false;
    if (value.charCodeAt(index) === 58) {
      if (compressed) return false;
      compressed = true;
      index++;
    }
  }
  return compressed ? groups <= 7 : groups === 8;
}

// ---------------------------------------------------------------------------------------------
// Punycode (RFC 3492)
// ---------------------------------------------------------------------------------------------

const PUNYCODE_BASE = 36;
const PUNYCODE_TMIN = 1;
const PUNYCODE_TMAX = 26;
const PUNYCODE_MAX = 0x7fffffff;

function punycodeAdapt(
  delta: number,
  numPoints: number,
  firstTime: boolean,
): number {
  let scaled = firstTime ? Math.floor(delta / 700) : delta >> 1;
  scaled += Math.floor(scaled / numPoints);
  let k = 0;
  while (scaled > ((PUNYCODE_BASE - PUNYCODE_TMIN) * PUNYCODE_TMAX) >> 1) {
    scaled = Math.floor(scaled / (PUNYCODE_BASE - PUNYCODE_TMIN));
    k += PUNYCODE_BASE;
  }
  return (
    k +
    Math.floor(((PUNYCODE_BASE - PUNYCODE_TMIN + 1) * scaled) / (scaled + 38))
  );
}

function punycodeThreshold(k: number, bias: number): number {
  return k <= bias
    ? PUNYCODE_TMIN
    : k >= bias + PUNYCODE_TMAX
      ? PUNYCODE_TMAX
      : k - bias;
}

/** Decodes the part of an A-label after `xn--`; undefined if it is not valid Punycode. */
function punycodeDecode(input: string): string | undefined {
  if (!/^[A-Za-z0-9-]*$/.test(input)) return undefined;
  const delimiter = input.lastIndexOf("-");
  const output =
    delimiter > 0
      ? Array.from(input.slice(0, delimiter), (char) => char.charCodeAt(0))
      : [];
  let n = 0x80;
  let i = 0;
  let bias = 72;
  let position = delimiter > 0 ? delimiter + 1 : 0;
  while (position < input.length) {
    const oldI = i;
    let weight = 1;
    for (let k = PUNYCODE_BASE; ; k += PUNYCODE_BASE) {
      if (position >= input.length) return undefined;
      const code = input.charCodeAt(position++);
      const digit =
        code >= 0x30 && code <= 0x39
          ? code - 22
          : code >= 0x41 && code <= 0x5a
            ? code - 0x41
            : code >= 0x61 && code <= 0x7a
              ? code - 0x61
              : PUNYCODE_BASE;
      if (
        digit >= PUNYCODE_BASE ||
        digit > Math.floor((PUNYCODE_MAX - i) / weight)
      )
        return undefined;
      i += digit * weight;
      const t = punycodeThreshold(k, bias);
      if (digit < t) break;
      if (weight > Math.floor(PUNYCODE_MAX / (PUNYCODE_BASE - t)))
        return undefined;
      weight *= PUNYCODE_BASE - t;
    }
    const length = output.length + 1;
    bias = punycodeAdapt(i - oldI, length, oldI === 0);
    if (Math.floor(i / length) > PUNYCODE_MAX - n) return undefined;
    n += Math.floor(i / length);
    i %= length;
    if (n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return undefined;
    output.splice(i, 0, n);
    i++;
  }
  return String.fromCodePoint(...output);
}

function punycodeDigit(digit: number): string {
  return String.fromCharCode(digit < 26 ? digit + 0x61 : digit + 22);
}

/** Encodes a label as Punycode (without `xn--`); undefined on overflow. Basic code points keep their case. */
function punycodeEncode(input: string): string | undefined {
  const codePoints = Array.from(input, (char) => char.codePointAt(0) ?? 0);
  let output = codePoints
    .filter((codePoint) => codePoint < 0x80)
    .map((codePoint) => String.fromCharCode(codePoint))
    .join("");
  const basicCount = output.length;
  let handled = basicCount;
  if (basicCount > 0) output += "-";
  let n = 0x80;
  let delta = 0;
  let bias = 72;
  while (handled < codePoints.length) {
    let next = PUNYCODE_MAX;
    for (const codePoint of codePoints)
      if (codePoint >= n && codePoint < next) next = codePoint;
    if (next - n > Math.floor((PUNYCODE_MAX - delta) / (handled + 1)))
      return undefined;
    delta += (next - n) * (handled + 1);
    n = next;
    for (const codePoint of codePoints) {
      if (codePoint < n && ++delta > PUNYCODE_MAX) return undefined;
      if (codePoint !== n) continue;
      let q = delta;
      for (let k = PUNYCODE_BASE; ; k += PUNYCODE_BASE) {
        const t = punycodeThreshold(k, bias);
        if (q < t) break;
        output += punycodeDigit(t + ((q - t) % (PUNYCODE_BASE - t)));
        q = Math.floor((q - t) / (PUNYCODE_BASE - t));
      }
      output += punycodeDigit(q);
      bias = punycodeAdapt(delta, handled + 1, handled === basicCount);
      delta = 0;
      handled++;
    }
    delta++;
    n++;
  }
  return output;
}

// ---------------------------------------------------------------------------------------------
// IDNA2008 (RFC 5890–5893)
// ---------------------------------------------------------------------------------------------

/*
 * RFC 5892's derived property, computed from the JavaScript engine's Unicode data. The few
 * properties regular expressions cannot name (combining class Virama, Joining_Type, Bidi_Class)
 * are tables taken from Unicode 15.1, restricted to code points that can occur in a valid label.
 */

type IdnaClass = "PVALID" | "CONTEXTJ" | "CONTEXTO" | "DISALLOWED";

/** RFC 5892 §2.6 exceptions. */
function idnaExceptions(): Map<number, IdnaClass> {
  return new Map<number, IdnaClass>([
    ...[0xdf, 0x3c2, 0x6fd, 0x6fe, 0xf0b, 0x3007].map(
      (codePoint): [number, IdnaClass] => [codePoint, "PVALID"],
    ),
    ...[0xb7, 0x375, 0x5f3, 0x5f4, 0x30fb].map(
      (codePoint): [number, IdnaClass] => [codePoint, "CONTEXTO"],
    ),
    ...[
      0x640, 0x7fa, 0x302e, 0x302f, 0x3031, 0x3032, 0x3033, 0x3034, 0x3035,
      0x303b,
    ].map((codePoint): [number, IdnaClass] => [codePoint, "DISALLOWED"]),
  ]);
}
const IDNA_EXCEPTIONS = /* @__PURE__ */ idnaExceptions();
const ARABIC_INDIC_DIGIT = /[\u0660-\u0669]/;
const EXTENDED_ARABIC_INDIC_DIGIT = /[\u06F0-\u06F9]/;
const UNASSIGNED = /\p{Cn}/u;
/** RFC 5892 §2.7–2.9: IgnorableProperties, IgnorableBlocks and OldHangulJamo (Hangul_Syllable_Type L, V, T). */
const IGNORABLE =
  /[\p{Default_Ignorable_Code_Point}\p{White_Space}\p{Noncharacter_Code_Point}\u{20D0}-\u{20FF}\u{1D100}-\u{1D24F}\u{1100}-\u{11FF}\u{A960}-\u{A97F}\u{D7B0}-\u{D7FF}]/u;
/** RFC 5892 §2.1 LetterDigits. */
const LETTER_DIGIT = /[\p{Ll}\p{Lu}\p{Lo}\p{Nd}\p{Lm}\p{Mn}\p{Mc}]/u;
const CHEROKEE = /\p{Script=Cherokee}/u;
/** Canonical_Combining_Class Virama (9). */
const VIRAMA =
  /[\u{94D}\u{9CD}\u{A4D}\u{ACD}\u{B4D}\u{BCD}\u{C4D}\u{CCD}\u{D3B}\u{D3C}\u{D4D}\u{DCA}\u{E3A}\u{EBA}\u{F84}\u{1039}\u{103A}\u{1714}\u{1715}\u{1734}\u{17D2}\u{1A60}\u{1B44}\u{1BAA}\u{1BAB}\u{1BF2}\u{1BF3}\u{2D7F}\u{A806}\u{A82C}\u{A8C4}\u{A953}\u{A9C0}\u{AAF6}\u{ABED}\u{10A3F}\u{11046}\u{11070}\u{1107F}\u{110B9}\u{11133}\u{11134}\u{111C0}\u{11235}\u{112EA}\u{1134D}\u{11442}\u{114C2}\u{115BF}\u{1163F}\u{116B6}\u{1172B}\u{11839}\u{1193D}\u{1193E}\u{119E0}\u{11A34}\u{11A47}\u{11A99}\u{11C3F}\u{11D44}\u{11D45}\u{11D97}\u{11F41}\u{11F42}]/u;
/** Joining_Type L or D. */
const JOINS_TO_NEXT =
  /[\u{620}\u{626}\u{628}\u{62A}-\u{62E}\u{633}-\u{63F}\u{641}-\u{647}\u{649}\u{64A}\u{66E}\u{66F}\u{678}-\u{687}\u{69A}-\u{6BF}\u{6C1}\u{6C2}\u{6CC}\u{6CE}\u{6D0}\u{6D1}\u{6FA}-\u{6FC}\u{6FF}\u{712}-\u{714}\u{71A}-\u{71D}\u{71F}-\u{727}\u{729}\u{72B}\u{72D}\u{72E}\u{74E}-\u{758}\u{75C}-\u{76A}\u{76D}-\u{770}\u{772}\u{775}-\u{777}\u{77A}-\u{77F}\u{7CA}-\u{7EA}\u{841}-\u{845}\u{848}\u{84A}-\u{853}\u{855}\u{860}\u{862}-\u{865}\u{868}\u{886}\u{889}-\u{88D}\u{8A0}-\u{8A9}\u{8AF}\u{8B0}\u{8B3}-\u{8B8}\u{8BA}-\u{8C8}\u{1807}\u{1820}-\u{1878}\u{1887}-\u{18A8}\u{18AA}\u{A840}-\u{A872}\u{10AC0}-\u{10AC4}\u{10ACD}\u{10AD3}-\u{10ADC}\u{10ADE}-\u{10AE0}\u{10AEB}-\u{10AEE}\u{10B80}\u{10B82}\u{10B86}-\u{10B88}\u{10B8A}\u{10B8B}\u{10B8D}\u{10B90}\u{10BAD}\u{10BAE}\u{10D00}-\u{10D21}\u{10D23}\u{10F30}-\u{10F32}\u{10F34}-\u{10F44}\u{10F51}-\u{10F53}\u{10F70}-\u{10F73}\u{10F76}-\u{10F81}\u{10FB0}\u{10FB2}\u{10FB3}\u{10FB8}\u{10FBB}\u{10FBC}\u{10FBE}\u{10FBF}\u{10FC1}\u{10FC4}\u{10FCA}\u{10FCB}\u{1E900}-\u{1E943}]/u;
/** Joining_Type R or D. */
const JOINS_TO_PREVIOUS =
  /[\u{620}\u{622}-\u{63F}\u{641}-\u{64A}\u{66E}\u{66F}\u{671}-\u{673}\u{675}-\u{6D3}\u{6D5}\u{6EE}\u{6EF}\u{6FA}-\u{6FC}\u{6FF}\u{710}\u{712}-\u{72F}\u{74D}-\u{77F}\u{7CA}-\u{7EA}\u{840}-\u{858}\u{860}\u{862}-\u{865}\u{867}-\u{86A}\u{870}-\u{882}\u{886}\u{889}-\u{88E}\u{8A0}-\u{8AC}\u{8AE}-\u{8C8}\u{1807}\u{1820}-\u{1878}\u{1887}-\u{18A8}\u{18AA}\u{A840}-\u{A871}\u{10AC0}-\u{10AC5}\u{10AC7}\u{10AC9}\u{10ACA}\u{10ACE}-\u{10AD6}\u{10AD8}-\u{10AE1}\u{10AE4}\u{10AEB}-\u{10AEF}\u{10B80}-\u{10B91}\u{10BA9}-\u{10BAE}\u{10D01}-\u{10D23}\u{10F30}-\u{10F44}\u{10F51}-\u{10F54}\u{10F70}-\u{10F81}\u{10FB0}\u{10FB2}-\u{10FB6}\u{10FB8}-\u{10FBF}\u{10FC1}-\u{10FC4}\u{10FC9}\u{10FCA}\u{1E900}-\u{1E943}]/u;
/** Joining_Type T (of the code points valid in a label: marks). */
const JOIN_TRANSPARENT = /[\p{Mn}\p{Me}\u{1171E}\u{1E94B}]/u;
/** Bidi_Class R or AL. */
const BIDI_RTL =
  /[\u{5D0}-\u{5F4}\u{620}-\u{64A}\u{66E}\u{66F}\u{671}-\u{6D5}\u{6E5}\u{6E6}\u{6EE}\u{6EF}\u{6FA}-\u{710}\u{712}-\u{72F}\u{74D}-\u{7A5}\u{7B1}-\u{7EA}\u{7F4}\u{7F5}\u{800}-\u{815}\u{81A}\u{824}\u{828}\u{840}-\u{858}\u{860}-\u{88E}\u{8A0}-\u{8C9}\u{FE73}\u{10800}-\u{10A00}\u{10A10}-\u{10A35}\u{10A60}-\u{10AE4}\u{10B00}-\u{10D23}\u{10E80}-\u{10EA9}\u{10EB0}\u{10EB1}\u{10F00}-\u{10F45}\u{10F70}-\u{10F81}\u{10FB0}-\u{10FF6}\u{1E800}-\u{1E8C4}\u{1E922}-\u{1E943}\u{1E94B}-\u{1E959}]/u;
/** Bidi_Class AN. */
const BIDI_ARABIC_NUMBER = /[\u{660}-\u{669}\u{10D30}-\u{10D39}]/u;
/** Bidi_Class EN. */
const BIDI_EUROPEAN_NUMBER = /[0-9\u06F0-\u06F9]/;
/** Bidi_Class NSM: marks, except a few spacing-like ones that are L. */
const BIDI_NONSPACING_MARK = /[\p{Mn}\p{Me}]/u;
const BIDI_MARK_LEFT_TO_RIGHT = /[\u{CBF}\u{CC6}\u{11A07}\u{11A08}\u{11C3F}]/u;
/** Bidi_Class ES, CS, ET, ON or BN. */
const BIDI_NEUTRAL =
  /[\u{2D}\u{B7}\u{2B9}\u{2BA}\u{2C6}-\u{2CF}\u{2EC}\u{375}\u{200C}-\u{200D}\u{2E2F}\u{30FB}\u{A67F}\u{A717}-\u{A71F}\u{A788}]/u;
const GREEK = /\p{Script=Greek}/u;
const HEBREW = /\p{Script=Hebrew}/u;
const HIRAGANA_KATAKANA_HAN =
  /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;

/** RFC 5892 §2.3 Unstable: a code point that NFKC_Casefold changes. */
function isUnstable(char: string): boolean {
  if (char.normalize("NFKC") !== char) return true;
  // Case folding maps Cherokee small letters to capitals, unlike toLowerCase.
  if (CHEROKEE.test(char)) return char.toUpperCase() !== char;
  // Dotless i has no case folding, but upper-then-lower-casing turns it into "i".
  if (char === "\u0131") return false;
  return (
    char.toLowerCase() !== char ||
    char.toUpperCase().toLowerCase().normalize("NFKC") !== char
  );
}

/** RFC 5892 §3 derived property value of one code point (unassigned counts as disallowed). */
function idnaClass(char: string): IdnaClass {
  const codePoint = char.codePointAt(0) ?? 0;
  const exception = IDNA_EXCEPTIONS.get(codePoint);
  if (exception !== undefined) return exception;
  if (ARABIC_INDIC_DIGIT.test(char) || EXTENDED_ARABIC_INDIC_DIGIT.test(char))
    return "CONTEXTO";
  if (UNASSIGNED.test(char)) return "DISALLOWED";
  if (/^[a-z0-9-]$/.test(char)) return "PVALID";
  if (codePoint === 0x200c || codePoint === 0x200d) return "CONTEXTJ";
  if (isUnstable(char) || IGNORABLE.test(char) || !LETTER_DIGIT.test(char))
    return "DISALLOWED";
  return "PVALID";
}

/** RFC 5892 Appendix A.1–A.2: ZERO WIDTH NON-JOINER and ZERO WIDTH JOINER. */
function contextJOk(chars: readonly string[], index: number): boolean {
  const before = chars[index - 1];
  if (before !== undefined && VIRAMA.test(before)) return true;
  if (chars[index] !== "\u200c") return false;
  let previous = index - 1;
  while (previous >= 0 && JOIN_TRANSPARENT.test(chars[previous] ?? ""))
    previous--;
  if (!JOINS_TO_NEXT.test(chars[previous] ?? "")) return false;
  let next = index + 1;
  while (next < chars.length && JOIN_TRANSPARENT.test(chars[next] ?? ""))
    next++;
  return JOINS_TO_PREVIOUS.test(chars[next] ?? "");
}

/** RFC 5892 Appendix A.3–A.9: MIDDLE DOT, KERAIA, GERESH, GERSHAYIM, KATAKANA MIDDLE DOT, Arabic-Indic digits. */
function contextOOk(chars: readonly string[], index: number): boolean {
  const char = chars[index] ?? "";
  const before = chars[index - 1] ?? "";
  const after = chars[index + 1] ?? "";
  switch (char) {
    case "\u00b7":
      return before === "l" && after === "l";
    case "\u0375":
      return GREEK.test(after);
    case "\u05f3":
    case "\u05f4":
      return HEBREW.test(before);
    case "\u30fb":
      return chars.some(
        (other) => other !== "\u30fb" && HIRAGANA_KATAKANA_HAN.test(other),
      );
    default:
      if (ARABIC_INDIC_DIGIT.test(char))
        return !chars.some((other) => EXTENDED_ARABIC_INDIC_DIGIT.test(other));
      if (EXTENDED_ARABIC_INDIC_DIGIT.test(char))
        return !chars.some((other) => ARABIC_INDIC_DIGIT.test(other));
      return false;
  }
}

/**
 * RFC 5891 §5.4 U-label checks: hyphens, leading combining mark, code points, contextual rules.
 * ASCII letters count in either case, as DNS compares them (`XN--` A-labels decode to capitals).
 */
function isULabel(label: string): boolean {
  const chars = Array.from(
    label.replace(/[A-Z]/g, (letter) => letter.toLowerCase()),
  );
  if (chars.length === 0 || chars[0] === "-" || chars[chars.length - 1] === "-")
    return false;
  if (chars[2] === "-" && chars[3] === "-") return false;
  if (/^\p{M}/u.test(label)) return false;
  return chars.every((char, index) => {
    const idna = idnaClass(char);
    if (idna === "PVALID") return true;
    if (idna === "CONTEXTJ") return contextJOk(chars, index);
    if (idna === "CONTEXTO") return contextOOk(chars, index);
    return false;
  });
}

type BidiClass = "L" | "R" | "AN" | "EN" | "NSM" | "ON";

function bidiClass(char: string): BidiClass {
  if (BIDI_RTL.test(char)) return "R";
  if (BIDI_ARABIC_NUMBER.test(char)) return "AN";
  if (BIDI_EUROPEAN_NUMBER.test(char)) return "EN";
  if (BIDI_NONSPACING_MARK.test(char))
    return BIDI_MARK_LEFT_TO_RIGHT.test(char) ? "L" : "NSM";
  if (BIDI_NEUTRAL.test(char)) return "ON";
  return "L";
}

/** RFC 5893 §2: in a domain name with a right-to-left label, every label satisfies the Bidi rule. */
function satisfiesBidiRule(labels: readonly string[]): boolean {
  const classes = labels.map((label) => Array.from(label, bidiClass));
  if (!classes.some((label) => label.includes("R") || label.includes("AN")))
    return true;
  return classes.every((label) => {
    let end = label.length - 1;
    while (end > 0 && label[end] === "NSM") end--;
    const last = label[end];
    if (label[0] === "R") {
      return (
        !label.includes("L") &&
        (last === "R" || last === "EN" || last === "AN") &&
        !(label.includes("EN") && label.includes("AN"))
      );
    }
    if (label[0] === "L")
      return (
        !label.includes("R") &&
        !label.includes("AN") &&
        (last === "L" || last === "EN")
      );
    return false;
  });
}

const ASCII = /^[\0-\x7f]*$/;
const LDH_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const IDN_LABEL_SEPARATOR = /[.\u3002\uFF0E\uFF61]/;

/** The U-label of an A-label's Punycode part, if it is a valid, canonical A-label. */
function aLabelToULabel(encoded: string): string | undefined {
  const uLabel = punycodeDecode(encoded);
  if (uLabel === undefined || ASCII.test(uLabel)) return undefined;
  if (punycodeEncode(uLabel)?.toLowerCase() !== encoded.toLowerCase())
    return undefined;
  return uLabel === uLabel.normalize("NFC") && isULabel(uLabel)
    ? uLabel
    : undefined;
}

/** Checks the labels of a host name; `idn` allows U-labels and forbids `--` in 3rd and 4th position. */
function isDomainName(labels: readonly string[], idn: boolean): boolean {
  let length = labels.length - 1;
  const uLabels: string[] = [];
  // ASCII labels have no right-to-left characters: the Bidi rule only matters once a U-label appears.
  let onlyAscii = true;
  for (const label of labels) {
    if (ASCII.test(label)) {
      if (!LDH_LABEL.test(label)) return false;
      length += label.length;
      if (/^xn--/i.test(label)) {
        const uLabel = aLabelToULabel(label.slice(4));
        if (uLabel === undefined) return false;
        uLabels.push(uLabel);
        onlyAscii = false;
      } else {
        if (idn && label.slice(2, 4) === "--") return false;
        uLabels.push(label);
      }
    } else {
      if (!idn) return false;
      const uLabel = label.normalize("NFC");
      const encoded = punycodeEncode(uLabel);
      if (encoded === undefined || encoded.length + 4 > 63 || !isULabel(uLabel))
        return false;
      length += encoded.length + 4;
      uLabels.push(uLabel);
      onlyAscii = false;
    }
  }
  return length <= 253 && (onlyAscii || satisfiesBidiRule(uLabels));
}

/**
 * LDH labels whose hyphens stand alone, so never an A-label (`xn--`, which needs Punycode checks),
 * between dots: runs of letters and digits with one `.` or `-` between them. The domain of the
 * fast paths for host names and e-mail addresses, where the length limits are checked on the whole
 * string (a counted `{0,61}` per label is slower).
 */
const PLAIN_DOMAIN = "[A-Za-z0-9]+(?:[.-][A-Za-z0-9]+)*";

/*
 * The common shape of host names. Everything it matches, at most 253 characters with no label over
 * 63, is a host name, and one expression is faster than splitting the name; the full check handles
 * the rest.
 */
function plainHostnamePattern(): RegExp {
  return new RegExp(`^${PLAIN_DOMAIN}$`);
}
const PLAIN_HOSTNAME = /* @__PURE__ */ plainHostnamePattern();
const LONG_LABEL = /[^.]{64}/;

/** RFC 1123 §2.1 host name (ASCII labels of letters, digits, hyphens); `xn--` labels must be valid RFC 5891 A-labels. */
export function isHostname(value: string): boolean {
  // Up to 63 characters, no label can be too long.
  if (
    PLAIN_HOSTNAME.test(value) &&
    (value.length <= 63 || (value.length <= 253 && !LONG_LABEL.test(value)))
  )
    return true;
  return isDomainName(value.split("."), false);
}

/** RFC 5890–5893 (IDNA2008) internationalized host name: U-labels and A-labels, `.`, `。`, `．` or `｡` between labels. */
export function isIdnHostname(value: string): boolean {
  return isDomainName(value.split(IDN_LABEL_SEPARATOR), true);
}

// ---------------------------------------------------------------------------------------------
// E-mail addresses (RFC 5321, RFC 6531)
// ---------------------------------------------------------------------------------------------

const ATEXT = "A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~";
const UTF8_NON_ASCII = "\\u{80}-\\u{D7FF}\\u{E000}-\\u{10FFFF}";
const QTEXT = "\\x20\\x21\\x23-\\x5B\\x5D-\\x7E";

function mailboxRegExp(extra: string): RegExp {
  const atom = `[${ATEXT}${extra}]+`;
  const quoted = `"(?:[${QTEXT}${extra}]|\\\\[\\x20-\\x7E])*"`;
  return new RegExp(`^(${atom}(?:\\.${atom})*|${quoted})@([^]+)$`, "u");
}

const MAILBOX = /* @__PURE__ */ mailboxRegExp("");
const IDN_MAILBOX = /* @__PURE__ */ mailboxRegExp(UTF8_NON_ASCII);

function utf8Length(value: string): number {
  let length = 0;
  for (const char of value) {
    const codePoint = char.codePointAt(0) ?? 0;
    length +=
      codePoint < 0x80
        ? 1
        : codePoint < 0x800
          ? 2
          : codePoint < 0x10000
            ? 3
            : 4;
  }
  return length;
}

function isMailbox(value: string, idn: boolean): boolean {
  const match = (idn ? IDN_MAILBOX : MAILBOX).exec(value);
  if (match === null) return false;
  const localPart = match[1] ?? "";
  const domain = match[2] ?? "";
  if (utf8Length(localPart) > 64) return false;
  if (domain.startsWith("[") && domain.endsWith("]")) {
    const literal = domain.slice(1, -1);
    return (
      isIpv4(literal) || (/^IPv6:/i.test(literal) && isIpv6(literal.slice(5)))
    );
  }
  return idn ? isDomainName(domain.split("."), true) : isHostname(domain);
}

/*
 * The common shape of addresses in payloads: a dot-atom local part and a plain domain.
 * Everything it matches with a local part of at most 64 characters and a domain of at most 63 (so
 * no label is too long) is a mailbox, and one expression is ten times faster than the full check,
 * which handles the rest.
 */
function plainEmailPattern(): RegExp {
  return new RegExp(`^[${ATEXT}]+(?:\\.[${ATEXT}]+)*@${PLAIN_DOMAIN}$`);
}
const PLAIN_EMAIL = /* @__PURE__ */ plainEmailPattern();

/** RFC 5321 §4.1.2 mailbox: dot-atom or quoted local part, host name or `[IPv4]` / `[IPv6:…]` literal. */
export function isEmail(value: string): boolean {
  if (PLAIN_EMAIL.test(value)) {
    // Up to 64 characters, neither part can be too long.
    if (value.length <= 64) return true;
    const at = value.indexOf("@");
    if (at <= 64 && value.length - at <= 64) return true;
  }
  return isMailbox(value, false);
}

/** RFC 6531 §3.3 internationalized mailbox: as RFC 5321 with non-ASCII local parts and U-labels. */
export function isIdnEmail(value: string): boolean {
  return isMailbox(value, true);
}

// ---------------------------------------------------------------------------------------------
// URIs, IRIs and URI templates (RFC 3986, RFC 3987, RFC 6570)
// ---------------------------------------------------------------------------------------------

const PCT_ENCODED = "%[0-9A-Fa-f]{2}";
const SUB_DELIMS = "!$&'()*+,;=";
const UCSCHAR =
  "\\u{A0}-\\u{D7FF}\\u{F900}-\\u{FDCF}\\u{FDF0}-\\u{FFEF}\\u{10000}-\\u{1FFFD}\\u{20000}-\\u{2FFFD}\\u{30000}-\\u{3FFFD}" +
  "\\u{40000}-\\u{4FFFD}\\u{50000}-\\u{5FFFD}\\u{60000}-\\u{6FFFD}\\u{70000}-\\u{7FFFD}\\u{80000}-\\u{8FFFD}" +
  "\\u{90000}-\\u{9FFFD}\\u{A0000}-\\u{AFFFD}\\u{B0000}-\\u{BFFFD}\\u{C0000}-\\u{CFFFD}\\u{D0000}-\\u{DFFFD}\\u{E1000}-\\u{EFFFD}";
const IPRIVATE =
  "\\u{E000}-\\u{F8FF}\\u{F0000}-\\u{FFFFD}\\u{100000}-\\u{10FFFD}";
function ipFuturePattern(): RegExp {
  return new RegExp(`^[Vv][0-9A-Fa-f]+\\.[A-Za-z0-9\\-._~${SUB_DELIMS}:]+$`);
}
const IP_FUTURE = /* @__PURE__ */ ipFuturePattern();

/** RFC 3987 §2.2 IRI and relative IRI references; the host is captured for the IP-literal check. */
function iriGrammar(): { absolute: RegExp; relative: RegExp } {
  const unreserved = `A-Za-z0-9\\-._~${UCSCHAR}`;
  const pchar = `(?:[${unreserved}${SUB_DELIMS}:@]|${PCT_ENCODED})`;
  const segment = `${pchar}*`;
  const segmentNz = `${pchar}+`;
  const segmentNzNc = `(?:[${unreserved}${SUB_DELIMS}@]|${PCT_ENCODED})+`;
  const userinfo = `(?:[${unreserved}${SUB_DELIMS}:]|${PCT_ENCODED})*`;
  const regName = `(?:[${unreserved}${SUB_DELIMS}]|${PCT_ENCODED})*`;
  const authority = `(?:${userinfo}@)?(\\[[^\\]]*\\]|${regName})(?::[0-9]*)?`;
  const pathAbempty = `(?:/${segment})*`;
  const pathAbsolute = `/(?:${segmentNz}(?:/${segment})*)?`;
  const query = `(?:[${unreserved}${SUB_DELIMS}:@/?${IPRIVATE}]|${PCT_ENCODED})*`;
  const fragment = `(?:[${unreserved}${SUB_DELIMS}:@/?]|${PCT_ENCODED})*`;
  const end = `(?:\\?${query})?(?:#${fragment})?$`;
  return {
    absolute: new RegExp(
      `^[A-Za-z][A-Za-z0-9+\\-.]*:(?://${authority}${pathAbempty}|${pathAbsolute}|${segmentNz}(?:/${segment})*|)${end}`,
      "u",
    ),
    relative: new RegExp(
      `^(?://${authority}${pathAbempty}|${pathAbsolute}|${segmentNzNc}(?:/${segment})*|)${end}`,
      "u",
    ),
  };
}

const IRI_GRAMMAR = /* @__PURE__ */ iriGrammar();

function matchesIri(value: string, pattern: RegExp): boolean {
  const match = pattern.exec(value);
  if (match === null) return false;
  const host = match[1];
  if (host === undefined || !host.startsWith("[")) return true;
  const literal = host.slice(1, -1);
  return isIpv6(literal) || IP_FUTURE.test(literal);
}

// A URI is checked in pieces, each run of allowed characters skipped by a sticky regular
// expression: payloads hold many URIs (GitHub's repository object has dozens), and this is faster
// than one expression for the whole grammar (with its alternatives and backtracking) or a loop in JavaScript.

/** A run of unreserved characters, sub-delims, `extra` and percent-encodings. */
function uriRun(extra: string): RegExp {
  return new RegExp(
    `(?:[A-Za-z0-9\\-._~${SUB_DELIMS}${extra}]|${PCT_ENCODED})*`,
    "y",
  );
}

const USERINFO_RUN = /* @__PURE__ */ uriRun(":");
const REG_NAME_RUN = /* @__PURE__ */ uriRun("");
const FIRST_RELATIVE_SEGMENT_RUN = /* @__PURE__ */ uriRun("@");
const PATH_RUN = /* @__PURE__ */ uriRun(":@/");
const QUERY_RUN = /* @__PURE__ */ uriRun(":@/?");

/** The index after the run of `run`'s characters that starts at `index`. */
function skipUriRun(run: RegExp, value: string, index: number): number {
  run.lastIndex = index;
  run.test(value);
  return run.lastIndex;
}

/** Whether `[userinfo "@"] host [":" port]` spans `start` to `end`. */
function isAuthority(value: string, start: number, end: number): boolean {
  // Searching back from the end of the authority, not forward through the rest of the URI.
  const at = value.lastIndexOf("@", end - 1);
  let host = start;
  if (at >= start) {
    if (skipUriRun(USERINFO_RUN, value, start) !== at) return false;
    host = at + 1;
  }
  let port: number;
  if (value.charCodeAt(host) === 91) {
    const close = value.indexOf("]", host);
    if (close < 0 || close >= end) return false;
    const literal = value.slice(host + 1, close);
    if (!isIpv6(literal) && !IP_FUTURE.test(literal)) return false;
    port = close + 1;
  } else port = skipUriRun(REG_NAME_RUN, value, host);
  if (port === end) return true;
  if (value.charCodeAt(port) !== 58) return false;
  for (let index = port + 1; index < end; index++)
    if (!isDigit(value.charCodeAt(index))) return false;
  return true;
}

/** Whether a hierarchical part (or, `relative`, a relative part), a query and a fragment span `start` to the end. */
function isUriRest(value: string, start: number, relative: boolean): boolean {
  const length = value.length;
  let index = start;
  if (value.startsWith("//", start)) {
    let end = start + 2;
    for (; end < length; end++) {
      const code = value.charCodeAt(end);
      if (code === 47 || code === 63 || code === 35) break;
    }
    if (!isAuthority(value, start + 2, end)) return false;
    index = end;
  } else if (relative && value.charCodeAt(start) !== 47) {
    // The first segment of a relative path has no colon: it would read as a scheme.
    index = skipUriRun(FIRST_RELATIVE_SEGMENT_RUN, value, start);
    if (index < length && value.charCodeAt(index) === 58) return false;
  }
  // No read past the end: V8's optimized `charCodeAt` out of range is much slower.
  index = skipUriRun(PATH_RUN, value, index);
  if (index < length && value.charCodeAt(index) === 63)
    index = skipUriRun(QUERY_RUN, value, index + 1);
  if (index < length && value.charCodeAt(index) === 35)
    index = skipUriRun(QUERY_RUN, value, index + 1);
  return index === length;
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** The index of the colon ending a URI's scheme (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`), or -1. */
function schemeEnd(value: string): number {
  if (!isLetter(value.charCodeAt(0))) return -1;
  for (let index = 1; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code === 58) return index;
    if (
      !isLetter(code) &&
      !(code >= 48 && code <= 57) &&
      code !== 43 &&
      code !== 45 &&
      code !== 46
    )
      return -1;
  }
  return -1;
}

/**
 * `[…]*` for a one-character class, written to match four characters per loop iteration (up to
 * three more after it): V8 then checks the long runs of URI characters about 15% faster.
 */
function runOf(characterClass: string): string {
  const c = characterClass;
  return `(?:${c}${c}${c}${c})*(?:${c}(?:${c}${c}?)?)?`;
}

/** What follows the `/`, `?` or `#` starting a path, query or fragment: percent-encoding allowed, a second `#` not. */
function plainTail(): string {
  const path = runOf("[A-Za-z0-9\\-._~!$&'()*+,;=:@/?]");
  return `${path}(?:${PCT_ENCODED}${path})*`;
}

/**
 * The common shape of URIs in payloads, `http(s)://host[:port]` and a path, query or fragment:
 * everything it matches is a URI, and one simple expression is the fastest check there is.
 * Anything else goes through the full grammar.
 */
function plainHttpUriPattern(): RegExp {
  return new RegExp(
    `^https?://[A-Za-z0-9.-]+(?::[0-9]*)?(?:[/?#]${plainTail()})?$`,
  );
}
const PLAIN_HTTP_URI = /* @__PURE__ */ plainHttpUriPattern();

/**
 * The common shapes of relative references: an absolute path (not `//`, an authority), a query,
 * a fragment, or a path from `./` or `../` (whose first segment has no colon).
 */
function plainRelativeReferencePattern(): RegExp {
  return new RegExp(`^(?:/(?!/)|[?#]|\\.\\.?/)${plainTail()}$`);
}
const PLAIN_RELATIVE_REFERENCE =
  /* @__PURE__ */ plainRelativeReferencePattern();

/** RFC 3986 §3 URI: a scheme, then hierarchical part, query and fragment. */
export function isUri(value: string): boolean {
  if (PLAIN_HTTP_URI.test(value)) return true;
  const colon = schemeEnd(value);
  return colon > 0 && isUriRest(value, colon + 1, false);
}

/** RFC 3986 §4.1 URI-reference: a URI or a relative reference. */
export function isUriReference(value: string): boolean {
  // Without a letter first there is no scheme: only a relative reference can match.
  if (!isLetter(value.charCodeAt(0)))
    return PLAIN_RELATIVE_REFERENCE.test(value) || isUriRest(value, 0, true);
  return isUri(value) || isUriRest(value, 0, true);
}

/** RFC 3987 §2.2 IRI: a URI that may also contain non-ASCII characters (private-use ones in the query only). */
export function isIri(value: string): boolean {
  return matchesIri(value, IRI_GRAMMAR.absolute);
}

/** RFC 3987 §2.2 IRI-reference: an IRI or a relative IRI reference. */
export function isIriReference(value: string): boolean {
  return (
    matchesIri(value, IRI_GRAMMAR.absolute) ||
    matchesIri(value, IRI_GRAMMAR.relative)
  );
}

function uriTemplatePattern(): RegExp {
  // RFC 6570 literals exclude "'", but the JSON Schema test suite accepts it (it is a sub-delim in RFC 3986).
  const literal = `(?:[\\x21\\x23\\x24\\x26-\\x3B\\x3D\\x3F-\\x5B\\x5D\\x5F\\x61-\\x7A\\x7E${UCSCHAR}${IPRIVATE}]|${PCT_ENCODED})`;
  const varchar = `(?:[A-Za-z0-9_]|${PCT_ENCODED})`;
  const varspec = `${varchar}(?:\\.?${varchar})*(?::[1-9][0-9]{0,3}|\\*)?`;
  const expression = `\\{[+#./;?&=,!@|]?${varspec}(?:,${varspec})*\\}`;
  return new RegExp(`^(?:${literal}|${expression})*$`, "u");
}
const URI_TEMPLATE = /* @__PURE__ */ uriTemplatePattern();

/** RFC 6570 §2 URI Template (level 4 syntax). */
export function isUriTemplate(value: string): boolean {
  return URI_TEMPLATE.test(value);
}

// ---------------------------------------------------------------------------------------------
// UUIDs, JSON pointers, regular expressions
// ---------------------------------------------------------------------------------------------

/**
 * `count` hexadecimal digits, the class written out each time: V8 runs a counted `{8}` as a loop,
 * and the UUID pattern with counts took 2.5 to 3 times as long as this one.
 */
function hexDigits(count: number): string {
  return "[0-9A-Fa-f]".repeat(count);
}
function uuidPattern(): RegExp {
  return new RegExp(
    `^${hexDigits(8)}-${hexDigits(4)}-${hexDigits(4)}-${hexDigits(4)}-${hexDigits(12)}$`,
  );
}
const UUID = /* @__PURE__ */ uuidPattern();
const JSON_POINTER = /^(?:\/(?:[^~/]|~[01])*)*$/;
const RELATIVE_JSON_POINTER =
  /^(?:0|[1-9][0-9]*)(?:#|(?:\/(?:[^~/]|~[01])*)*)$/;

/** RFC 4122 §3 UUID string: 32 hexadecimal digits in 8-4-4-4-12 groups, any version and variant. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** RFC 6901 §3 JSON Pointer: empty, or `/`-prefixed tokens where `~` is only `~0` or `~1`. */
export function isJsonPointer(value: string): boolean {
  return JSON_POINTER.test(value);
}

/** Relative JSON Pointer (draft-handrews-relative-json-pointer-01): a non-negative integer, then `#` or a JSON Pointer. */
export function isRelativeJsonPointer(value: string): boolean {
  return RELATIVE_JSON_POINTER.test(value);
}

/** ECMA-262 regular expression (as JSON Schema's `regex` format): compiles with the `u` flag. */
export function isRegex(value: string): boolean {
  return compilesWith(value, "u");
}

/**
 * ECMA-262 regular expression without the `u` flag, as draft-04 and OpenAPI 3.0 mean `regex`
 * (their tools run patterns without it): `^[A-Z\_]+$`, an identity escape, is one.
 */
export function isEcma262Regex(value: string): boolean {
  return compilesWith(value, "");
}

function compilesWith(pattern: string, flags: string): boolean {
  try {
    new RegExp(pattern, flags);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Numeric formats (OpenAPI)
// ---------------------------------------------------------------------------------------------

/** OpenAPI `int32`: an integer that fits in a signed 32-bit two's complement. */
export function isInt32(value: number): boolean {
  return Number.isInteger(value) && value >= -2147483648 && value <= 2147483647;
}

/** OpenAPI `int64`: an integer of magnitude at most 2^63 (2^63 − 1 is not a double; 2^63 stands for it). */
export function isInt64(value: number): boolean {
  return Number.isInteger(value) && Math.abs(value) <= 2 ** 63;
}

/** OpenAPI `float`: a finite number within IEEE 754 binary32 range (±3.4028234663852886e38). */
export function isFloat(value: number): boolean {
  return Number.isFinite(value) && Math.abs(value) <= 3.4028234663852886e38;
}

/** OpenAPI `double`: a finite IEEE 754 binary64 number. */
export function isDouble(value: number): boolean {
  return Number.isFinite(value);
}
