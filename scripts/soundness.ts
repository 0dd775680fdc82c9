/**
 * Soundness runs bigger than `npm test`'s (test/soundness.test.ts), printing every failure in full
 * with `--all`. Sources as in the test; SOUNDNESS_SEED and SOUNDNESS_RUNS (default 20,000 accepted
 * random values) as there. Exits 1 when any accepted value is not assignable to its type.
 *
 * Watch memory on big runs: with SOUNDNESS_SEED=7 SOUNDNESS_RUNS=20000 one tsc program grew past
 * 24 GB (some random schema's type, not isolated yet), and runStrictTsc has no time or memory limit.
 *
 *   node dist/scripts/soundness.js [--source suite,random,stytch,github] [--all]
 */
import { fileURLToPath } from "node:url";
import { envInteger } from "../test/differential/sampling.js";
import {
  checkRandom,
  checkSoundness,
  DEFAULT_SOUNDNESS_SEED,
  describeRun,
  describeUnsound,
  githubCases,
  stytchCases,
  suiteCases,
  type SoundnessResult,
} from "../test/soundness-harness.js";

const SOURCES: Record<string, () => Promise<SoundnessResult>> = {
  suite: async () => checkSoundness((await suiteCases()).cases),
  random: async () =>
    (await checkRandom(envInteger("SOUNDNESS_SEED", DEFAULT_SOUNDNESS_SEED), envInteger("SOUNDNESS_RUNS", 20_000))).result,
  stytch: async () => checkSoundness(await stytchCases()),
  github: async () => checkSoundness(await githubCases()),
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const chosen = args.includes("--source") ? args[args.indexOf("--source") + 1]!.split(",") : Object.keys(SOURCES);
  let failures = 0;
  for (const source of chosen) {
    const run = SOURCES[source];
    if (run === undefined) throw new Error(`unknown source ${source}; the sources are ${Object.keys(SOURCES).join(", ")}`);
    const started = Date.now();
    const result = await run();
    failures += result.unsound.length;
    const blocks = args.includes("--all")
      ? [describeRun(source, result, [])[0]!, ...result.unsound.map(describeUnsound)]
      : describeRun(source, result);
    process.stdout.write(`${blocks.join("\n\n")}\n${result.broken.join("\n")}\n${source}: ${Date.now() - started} ms\n\n`);
  }
  process.exitCode = failures > 0 ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
