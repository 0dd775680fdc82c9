/**
 * Reproducible random cases, shared by the differential and soundness tests: schema number `index`
 * of a run and its instances are sampled from a seed of their own, so each can be regenerated alone.
 */
import fc from "fast-check";
import { SUITE_DIR } from "../helpers.js";
import { instancesArbitrary } from "./instances.js";
import type { Json } from "./json.js";
import { formatExamples } from "./pools.js";
import { schemaArbitrary, type GeneratedSchema } from "./schemas.js";

const INSTANCES_PER_SCHEMA = 24;

/** An integer from the environment (a seed, a number of cases), or `fallback` when unset. */
export function envInteger(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer, not ${JSON.stringify(text)}`);
  return value;
}

/** The seed of schema number `index` of a run: each schema can be regenerated on its own. */
export function schemaSeed(seed: number, index: number): number {
  return (seed + Math.imul(index, 0x9e3779b1)) | 0;
}

export function sampleSchema(seed: number): GeneratedSchema {
  return fc.sample(schemaArbitrary(), { seed, numRuns: 1 })[0]!;
}

export function sampleInstances(schema: Json, seed: number): Json[] {
  return fc.sample(instancesArbitrary(schema, INSTANCES_PER_SCHEMA, formatExamples(SUITE_DIR)), {
    seed: seed ^ 0x5bd1e995,
    numRuns: 1,
  })[0]!;
}
