/**
 * `npm run corpus`: every family of test/corpus/families.ts through codegen (see test/corpus/run.ts),
 * one Markdown row each, then the details behind the cells that are not clean. A measurement, not a
 * gate: it exits 0 whatever it finds, and 1 only if it could not run.
 *
 *   npm run corpus
 *   CORPUS_FAMILIES="JSON Resume,Vega-Lite" node dist/scripts/corpus.js   # only these families
 */
import { FAMILIES } from "../test/corpus/families.js";
import { disagreementOf, runFamily, type FamilyReport } from "../test/corpus/run.js";
import { parsePair, type Outcome } from "../test/differential/oracle.js";
import { temporaryDirectory } from "../test/helpers.js";
import { checkSoundness, figures, type SoundnessResult } from "../test/soundness-harness.js";
import { seconds } from "./bench/report.js";

const HEADER = [
  "family",
  "package",
  "dialect",
  "schemas",
  "types",
  "payloads",
  "generation",
  "strict compile",
  "prettier identical",
  "verdicts = ajv",
  "soundness",
];

/** Shown per cell at most; the rest is counted. */
const DETAIL_LIMIT = 8;

/** Each distinct item with its count, in first-seen order. */
function counted(items: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts].map(([item, count]) => `${item} ×${count}`);
}

const countBy = (items: readonly string[]) => counted(items).join(", ");

function verdictCell(report: FamilyReport): string {
  if (typeof report.verdicts === "string") return "not judged";
  // Judged: both sides gave a verdict. Excused: the difference is a known ajv deviation.
  const judged = report.verdicts.filter((verdict) => typeof verdict.ajv !== "string" && typeof verdict.codegen !== "string");
  const differing = judged.filter((verdict) => disagreementOf(verdict) !== undefined);
  const excused = differing.filter((verdict) => verdict.excusedBy !== undefined);
  const unexcused = differing.filter((verdict) => verdict.excusedBy === undefined);
  const refused = report.verdicts.filter((verdict) => typeof verdict.codegen === "string");
  const refusedByBoth = refused.filter((verdict) => typeof verdict.ajv === "string").length;
  const ajvFailed = report.verdicts.filter((verdict) => typeof verdict.codegen !== "string" && typeof verdict.ajv === "string").length;
  const guards = report.verdicts.filter((verdict) => verdict.guardDisagrees).length;
  return [
    `${judged.length - differing.length}/${judged.length}`,
    ...(excused.length > 0 ? [`ajv deviation: ${countBy(excused.map((verdict) => verdict.excusedBy!))}`] : []),
    ...(unexcused.length > 0 ? [`**differ: ${countBy(unexcused.map((verdict) => disagreementOf(verdict)!))}**`] : []),
    ...(refused.length > 0 ? [`codegen refused the target of ${refused.length} (ajv too: ${refusedByBoth})`] : []),
    ...(ajvFailed > 0 ? [`ajv failed on ${ajvFailed}`] : []),
    ...(guards > 0 ? [`**isX ≠ validateX on ${guards}**`] : []),
  ].join("; ");
}

/** An outcome as its distinct (instancePath, keyword) pairs, at most DETAIL_LIMIT of them. */
function pairsOf(outcome: Outcome | string): string {
  if (typeof outcome === "string") return outcome;
  if (outcome.valid) return "valid";
  const pairs = outcome.pairs.map(parsePair).map(({ instancePath, keyword }) => `${instancePath || "/"} ${keyword}`);
  return pairs.slice(0, DETAIL_LIMIT).join(", ") + (pairs.length > DETAIL_LIMIT ? ` (+${pairs.length - DETAIL_LIMIT})` : "");
}

function row(report: FamilyReport, soundness: string): string {
  const { generation, strict, prettier } = report;
  const cells = [
    report.family.name,
    report.family.package,
    report.family.dialect,
    String(report.schemas),
    "typeCount" in generation ? String(generation.typeCount) : "–",
    `${report.payloads} real`,
    "ms" in generation ? `ok, ${seconds(generation.ms)}` : "**failed**",
    strict === undefined
      ? "–"
      : strict.length === 0
        ? "ok"
        : `**${strict.length} errors** (${countBy(strict.map((line) => /TS\d+/.exec(line)![0]))})`,
    prettier === undefined ? "–" : `${prettier.identical}/${prettier.total}`,
    verdictCell(report),
    soundness,
  ];
  return `| ${cells.join(" | ")} |`;
}

function details(report: FamilyReport, soundness: readonly string[]): string[] {
  const lines: string[] = [];
  const more = (all: readonly unknown[]) => (all.length > DETAIL_LIMIT ? [`  … and ${all.length - DETAIL_LIMIT} more`] : []);
  const { generation, strict, prettier, verdicts } = report;
  if ("error" in generation) lines.push(`- generation failed: ${generation.error}`);
  else if (generation.warnings > 0) lines.push(`- ${generation.warnings} codegen warnings (unknown keywords, backtracking patterns)`);
  if (strict !== undefined && strict.length > 0) {
    lines.push("- strict compile:", ...strict.slice(0, DETAIL_LIMIT).map((line) => `  ${line}`), ...more(strict));
  }
  if (prettier !== undefined && prettier.differing.length > 0)
    lines.push(`- prettier formats differently: ${prettier.differing.join(", ")}`);
  if (report.verdictBuild.length > 0)
    lines.push(`- the verdict build has ${report.verdictBuild.length} TypeScript errors (imported all the same)`);
  if (typeof verdicts === "string") lines.push(`- verdicts ${verdicts}`);
  else {
    const differing = verdicts.filter(
      (verdict) => (disagreementOf(verdict) !== undefined && verdict.excusedBy === undefined) || verdict.guardDisagrees,
    );
    for (const verdict of differing.slice(0, DETAIL_LIMIT)) {
      lines.push(
        `- ${verdict.payload.origin} → ${verdict.payload.target.schema}#${verdict.payload.target.pointer}` +
          `${verdict.guardDisagrees ? " (isX ≠ validateX)" : ""}: codegen ${pairsOf(verdict.codegen)}; ajv ${pairsOf(verdict.ajv)}`,
      );
    }
    lines.push(...more(differing));
    const refused = verdicts.flatMap((verdict) => (typeof verdict.codegen === "string" ? [verdict.codegen] : []));
    const refusals = counted(refused);
    if (refusals.length > 0)
      lines.push("- codegen refused:", ...refusals.slice(0, DETAIL_LIMIT).map((line) => `  ${line}`), ...more(refusals));
    const ajvFailed = verdicts.flatMap((verdict) =>
      typeof verdict.codegen !== "string" && typeof verdict.ajv === "string" ? [verdict.ajv] : [],
    );
    if (ajvFailed.length > 0) lines.push(`- ajv failed: ${countBy(ajvFailed)}`);
  }
  lines.push(...soundness);
  return lines.length === 0 ? [] : [`**${report.family.name}**`, ...lines, ""];
}

function soundnessDetails(result: SoundnessResult): string[] {
  return [
    ...result.unsound
      .slice(0, DETAIL_LIMIT)
      .map((unsound) => `- unsound: ${unsound.case.origin ?? ""}: ${unsound.message.split("\n")[0]!}`),
    ...(result.untypeable.length > 0 ? [`- ${result.untypeable.length} payloads tsc cannot type even as unknown (not counted)`] : []),
    ...result.broken.slice(0, DETAIL_LIMIT).map((problem) => `- soundness not judged: ${problem}`),
  ];
}

async function main(): Promise<void> {
  const only = process.env["CORPUS_FAMILIES"]?.split(",").map((name) => name.trim());
  const families = FAMILIES.filter((family) => only === undefined || only.includes(family.name));
  const work = temporaryDirectory("corpus");
  const started = performance.now();
  const rows: string[] = [];
  const notes: string[] = [];
  for (const [index, family] of families.entries()) {
    console.error(`corpus: ${family.name} (${index + 1}/${families.length})`);
    const report = await runFamily(family, `${work}/${index}`);
    const soundness = await checkSoundness(report.soundnessCases);
    rows.push(row(report, report.soundnessCases.length === 0 ? "–" : figures(soundness)));
    notes.push(...details(report, soundnessDetails(soundness)));
  }
  console.log(`| ${HEADER.join(" | ")} |`);
  console.log(`| ${HEADER.map(() => "---").join(" | ")} |`);
  for (const line of rows) console.log(line);
  console.log(`\n${families.length} families in ${seconds(performance.now() - started)}.\n`);
  for (const line of notes) console.log(line);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
