import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { Formatter, NamingOptions } from "./config.js";
import { emitModule, planModules, type GeneratedFile, type ModuleInput } from "./emit-module.js";
import { formatFiles } from "./format.js";
import type { SchemaDocument } from "./load.js";
import { assignTypeNames } from "./name.js";
import { locationKey, resolveSchemas, type ResolvedSchemas, type ResolveOptions } from "./resolve.js";

/** A generated module, formatted, and whether it uses the format checks. */
export type EmittedModule = GeneratedFile & { usesFormats: boolean };

/** What the stages after resolution work from: the resolved schemas, the type names and the modules to write. */
export interface ModulePlan {
  resolved: ResolvedSchemas;
  names: Map<string, string>;
  modules: ModuleInput[];
  /** The module declaring each type name. */
  moduleOf: Map<string, string>;
}

export async function planGeneration(
  inputs: readonly SchemaDocument[],
  cwd: string,
  resolveOptions: ResolveOptions,
  naming: NamingOptions,
): Promise<ModulePlan> {
  const resolved = await resolveSchemas(inputs, cwd, resolveOptions);
  const names = assignTypeNames(resolved.namedLocations, naming);
  const modules = planModules(resolved.documents, resolved.namedLocations);
  const moduleOf = new Map<string, string>();
  for (const module of modules) {
    const moduleName = names.get(locationKey(module.locations[0]!))!;
    for (const location of module.locations) moduleOf.set(names.get(locationKey(location))!, moduleName);
  }
  return { resolved, names, modules, moduleOf };
}

/** Everything a worker thread needs to make the same plan and emit modules of it (structured-cloneable). */
export interface EmitJob {
  inputs: readonly SchemaDocument[];
  cwd: string;
  resolveOptions: ResolveOptions;
  naming: NamingOptions;
  assertFormats: boolean;
  formatter: Formatter;
  outDir: string;
  /** Indices into the plan's modules of those to emit (the cache has the others). */
  pending: readonly number[];
}

/** Messages from the worker thread. */
export type WorkerMessage = { index: number; module: EmittedModule };

/**
 * Below this many modules a second thread costs more than it saves: it must load codegen and
 * resolve the schemas again before it can take any work.
 */
const PARALLEL_MIN_MODULES = 100;

/** Slots of the shared claim counter. */
const NEXT_SLOT = 0;
const STOPPED = 1;

async function emitAndFormat(plan: ModulePlan, job: EmitJob, index: number): Promise<EmittedModule> {
  const context = { resolved: plan.resolved, names: plan.names, assertFormats: job.assertFormats };
  const emitted = await emitModule(plan.modules[index]!, context, plan.moduleOf);
  const [formatted] = await formatFiles([emitted], job.outDir, job.formatter);
  return { ...emitted, source: formatted!.source };
}

/**
 * Emits pending modules, claiming them one at a time from `claims` (shared with the other thread),
 * until none is left or either thread failed. A failure is not thrown here: the module is left
 * without a result, and the main thread emits it again in order, which throws the same error.
 * Returns whether a module failed.
 */
export async function emitClaimed(
  plan: ModulePlan,
  job: EmitJob,
  claims: Int32Array,
  done: (index: number, module: EmittedModule) => Promise<void> | void,
): Promise<boolean> {
  while (Atomics.load(claims, STOPPED) === 0) {
    const slot = Atomics.add(claims, NEXT_SLOT, 1);
    if (slot >= job.pending.length) return false;
    const index = job.pending[slot]!;
    let module: EmittedModule;
    try {
      module = await emitAndFormat(plan, job, index);
    } catch {
      Atomics.store(claims, STOPPED, 1);
      return true;
    }
    await done(index, module);
  }
  return false;
}

/**
 * Emits and formats the pending modules of the plan, by index. With enough of them and a second
 * core, a worker thread repeats the plan from the same documents and takes modules from the same
 * queue. The result, and the error when a module fails (the first in order), are the same as on
 * one thread.
 */
export async function emitModules(
  plan: ModulePlan,
  job: EmitJob,
  options: { parallel: boolean; onProgress?: (done: number, total: number) => void },
): Promise<{ modules: Map<number, EmittedModule>; byWorker: number }> {
  const results = new Map<number, EmittedModule>();
  let byWorker = 0;
  const record = (index: number, module: EmittedModule): void => {
    results.set(index, module);
    options.onProgress?.(results.size, job.pending.length);
  };
  const useWorker = options.parallel && job.pending.length >= PARALLEL_MIN_MODULES && availableParallelism() > 1;
  if (useWorker) {
    const claims = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
    const worker = new Worker(new URL("./emit-worker.js", import.meta.url), {
      workerData: { job: { ...job, loaded: plan.resolved.documents }, claims },
    });
    let allDone = (): void => {};
    // A worker that cannot run (or crashes) only leaves its modules to the main thread.
    const settled = new Promise<void>((resolve) => {
      allDone = resolve;
      worker.on("error", () => resolve());
      worker.on("exit", () => resolve());
    });
    worker.on("message", (message: WorkerMessage) => {
      byWorker++;
      record(message.index, message.module);
      if (results.size === job.pending.length) allDone();
    });
    // Yielding after each module lets the worker's results (and progress) arrive as they come.
    const failed = await emitClaimed(plan, job, claims, (index, module) => {
      record(index, module);
      return new Promise((resolve) => setImmediate(resolve));
    });
    Atomics.store(claims, STOPPED, 1);
    // Waits only for modules the worker is still emitting, not for a worker still starting.
    const claimed = Math.min(Atomics.load(claims, NEXT_SLOT), job.pending.length);
    if (claimed > results.size + (failed ? 1 : 0)) await settled;
    await worker.terminate();
  }
  for (const index of job.pending) {
    if (!results.has(index)) record(index, await emitAndFormat(plan, job, index));
  }
  return { modules: results, byWorker };
}
