/**
 * Timing primitives: in-process function timing (validators) and child-process timing (generators).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface SpeedOptions {
  /** Measured rounds per side; the result is the median. */
  rounds: number;
  /** Approximate duration of one round, in milliseconds. */
  roundMs: number;
  /** Time each function runs before measuring, so V8 has optimised it. */
  warmupMs: number;
}

/** Written by every timed call so the optimiser cannot drop calls whose result is unused. */
const sink: { value: unknown } = { value: undefined };

function nsPerCall(fn: (value: unknown) => unknown, input: unknown, iterations: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) sink.value = fn(input);
  return Number(process.hrtime.bigint() - start) / iterations;
}

/** Runs `fn` for about `ms` milliseconds in doubling batches; returns the last batch's time per call. */
function warmUp(fn: (value: unknown) => unknown, input: unknown, ms: number): number {
  let spent = 0;
  let perCall = 0;
  for (let iterations = 1; spent < ms * 1e6; iterations *= 2) {
    perCall = nsPerCall(fn, input, iterations);
    spent += perCall * iterations;
  }
  return perCall;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Median nanoseconds per call of each of `fns` on the same input. Rounds alternate the order of
 * the sides (forwards, then backwards), so drift such as CPU frequency changes or garbage
 * collection affects all alike.
 */
export function timeSides(fns: readonly ((value: unknown) => unknown)[], input: unknown, options: SpeedOptions): number[] {
  const sides = fns.map((fn) => {
    const perCall = warmUp(fn, input, options.warmupMs);
    return { fn, iterations: Math.max(1, Math.round((options.roundMs * 1e6) / perCall)), samples: [] as number[] };
  });
  for (let round = 0; round < options.rounds; round++) {
    for (const side of round % 2 === 0 ? sides : [...sides].reverse()) side.samples.push(nsPerCall(side.fn, input, side.iterations));
  }
  return sides.map((side) => median(side.samples));
}

/** Median nanoseconds per call of `codegen` and `peer` on the same input, alternating (see timeSides). */
export function compareSpeed(
  codegen: (value: unknown) => unknown,
  peer: (value: unknown) => unknown,
  input: unknown,
  options: SpeedOptions,
): { codegen: number; peer: number } {
  const [codegenNs, peerNs] = timeSides([codegen, peer], input, options);
  return { codegen: codegenNs!, peer: peerNs! };
}

export interface ProcessRun {
  ms: number;
  peakRssMiB: number;
}

export class ProcessError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
  ) {
    super(message);
  }
}

const GNU_TIME = "/usr/bin/time";
/** Without GNU time, a preloaded module reports the process's own peak RSS (KiB) when it exits. */
const RSS_HOOK =
  'data:text/javascript,import{writeFileSync}from"node:fs";process.on("exit",()=>writeFileSync(process.env.BENCH_RSS_FILE,String(process.resourceUsage().maxRSS)))';

let rssFileCounter = 0;

/**
 * Runs `node script ...args` to completion and returns its wall-clock time and peak resident set
 * size. Throws a ProcessError naming the command and quoting its stderr if it exits non-zero.
 */
export function runNode(script: string, args: readonly string[], cwd: string): ProcessRun {
  const rssFile = path.join(os.tmpdir(), `codegen-bench-rss-${process.pid}-${rssFileCounter++}`);
  const [command, commandArgs] = existsSync(GNU_TIME)
    ? [GNU_TIME, ["-f", "%M", "-o", rssFile, process.execPath, script, ...args]]
    : [process.execPath, ["--import", RSS_HOOK, script, ...args]];
  const start = process.hrtime.bigint();
  const result = spawnSync(command, commandArgs, {
    cwd,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, BENCH_RSS_FILE: rssFile },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  try {
    if (result.error !== undefined) throw result.error;
    if (result.status !== 0) {
      const stderr = result.stderr.trim();
      // tsc reports its errors on stdout.
      const output = stderr || result.stdout.trim().split("\n").slice(0, 5).join("\n") || "(no output)";
      throw new ProcessError(`${path.basename(script)} exited with ${result.status ?? result.signal}: ${output}`, stderr);
    }
    return { ms, peakRssMiB: Number(readFileSync(rssFile, "utf8")) / 1024 };
  } finally {
    rmSync(rssFile, { force: true });
  }
}

/** Median wall-clock time and highest peak RSS of `runs` runs. */
export function timeRuns(runs: number, run: () => ProcessRun): ProcessRun {
  const results = Array.from({ length: runs }, run);
  return { ms: median(results.map((result) => result.ms)), peakRssMiB: Math.max(...results.map((result) => result.peakRssMiB)) };
}
