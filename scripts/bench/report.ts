import os from "node:os";
import path from "node:path";
import { readJson, REPO_ROOT } from "./inputs.js";

export interface Row {
  name: string;
  /** codegen's measurement, formatted. */
  codegen: string;
  /** The peer's measurement, formatted with the peer's name; "" when there is none. */
  peer: string;
  /** How many times faster codegen is (peer time / codegen time); absent for absolute targets. */
  ratio?: number;
  /** The target, e.g. "≥ 4×" or "≤ 600 MiB"; "report" when there is none. */
  target: string;
  /** Whether the target is met; absent for report-only rows and rows that could not be measured. */
  passed?: boolean;
  /** Why the row could not be measured (its codegen column then says "not available"). */
  unavailable?: string;
  /** A caveat printed under the table. */
  note?: string;
}

export interface Machine {
  cpu: string;
  cores: number;
  node: string;
  platform: string;
  peers: string;
}

function version(pkg: string): string {
  return `${pkg} ${readJson<{ version: string }>(path.join(REPO_ROOT, "node_modules", pkg, "package.json")).version}`;
}

export function machine(): Machine {
  return {
    cpu: os.cpus()[0]?.model.trim() ?? "unknown CPU",
    cores: os.availableParallelism(),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    peers: ["ajv", "ajv-draft-04", "ajv-formats", "@exodus/schemasafe", "typia", "json-schema-to-typescript"].map(version).join(", "),
  };
}

export function microseconds(ns: number): string {
  return `${(ns / 1000).toFixed(2)} µs`;
}

export function milliseconds(ns: number): string {
  return `${(ns / 1e6).toFixed(1)} ms`;
}

export function nanoseconds(ns: number): string {
  return `${ns.toFixed(1)} ns`;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

export function mebibytes(mib: number): string {
  return `${Math.round(mib)} MiB`;
}

/** The first line of an error message, shortened to fit a table cell. */
export function reason(error: unknown): string {
  const firstLine = (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
  return firstLine.length > 160 ? `${firstLine.slice(0, 157)}...` : firstLine;
}

const hasTarget = (row: Row) => row.target !== "report";

function result(row: Row): string {
  if (row.unavailable !== undefined) return hasTarget(row) ? "**FAIL** (not measured)" : "not measured";
  if (row.passed === undefined) return "report";
  return row.passed ? "pass" : "**FAIL**";
}

/** Rows that count against the exit code: a missed target, or a target that could not be measured. */
export function failures(rows: readonly Row[]): Row[] {
  return rows.filter((row) => row.passed === false || (row.unavailable !== undefined && hasTarget(row)));
}

/** The report as Markdown: a table, its notes and the machine (pasted as is into BENCHMARKS.md). */
export function formatReport(rows: readonly Row[], host: Machine): string {
  const escape = (cell: string) => cell.replaceAll("|", "\\|");
  const lines = ["| comparison | codegen | peer | ratio | target | result |", "| --- | ---: | ---: | ---: | --- | --- |"];
  for (const row of rows) {
    const codegen = row.unavailable === undefined ? row.codegen : `not available: ${row.unavailable}`;
    const ratio = row.ratio === undefined ? "" : `${row.ratio.toPrecision(3)}×`;
    lines.push(`| ${[row.name, codegen, row.peer, ratio, row.target, result(row)].map(escape).join(" | ")} |`);
  }
  const notes = rows.filter((row) => row.note !== undefined).map((row) => `- ${row.name}: ${row.note}`);
  if (notes.length > 0) lines.push("", ...notes);
  lines.push("", `Machine: ${host.cpu}, ${host.cores} cores, ${host.platform}; Node ${host.node}; ${host.peers}.`);
  const failed = failures(rows);
  lines.push("", failed.length === 0 ? "All targets met." : `${failed.length} of ${rows.filter(hasTarget).length} targets not met.`);
  return lines.join("\n");
}
