/** The worker thread of `emitModules`: makes the main thread's plan from the same documents and emits modules of it. */
import { parentPort, workerData } from "node:worker_threads";
import { emitClaimed, planGeneration, type EmitJob, type WorkerMessage } from "./emit-modules.js";
import type { SchemaDocument } from "./load.js";

const { job, claims } = workerData as { job: EmitJob & { loaded: SchemaDocument[] }; claims: Int32Array };
const plan = await planGeneration(job.inputs, job.cwd, { ...job.resolveOptions, loaded: job.loaded }, job.naming);
await emitClaimed(plan, job, claims, (index, module) => {
  parentPort!.postMessage({ index, module } satisfies WorkerMessage);
});
