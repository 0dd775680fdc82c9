/* Type-level test: the generated Standard Schema objects satisfy the official @standard-schema/spec types. */
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { MemberSchema, RecoverResponseSchema, type Member, type RecoverResponse } from "../../generated/index.js";

export const recoverResponse: StandardSchemaV1<RecoverResponse> = RecoverResponseSchema;
export const member: StandardSchemaV1<unknown, Member> = MemberSchema;
export type InferredOutput = StandardSchemaV1.InferOutput<typeof RecoverResponseSchema> extends RecoverResponse ? true : never;
export const inferred: InferredOutput = true;
