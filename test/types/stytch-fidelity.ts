/*
 * Type-level test, checked by `tsc -p .` in `npm test`: the generated types and the stytch
 * package's own declarations (generated from the same API definition) are mutually assignable and
 * have the same property names.
 */
import type {
  B2BRecoveryCodesRecoverResponse,
  DeviceInfo as StytchDeviceInfo,
  Member as StytchMember,
  MemberSession as StytchMemberSession,
  Organization as StytchOrganization,
} from "stytch";
import type { DeviceInfo, Member, MemberSession, Organization, RecoverResponse } from "../../generated/index.js";

type MutuallyAssignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : false;
type Faithful<A, B> = MutuallyAssignable<A, B> extends true ? SameKeys<A, B> : false;

export const recoverResponseIsFaithful: Faithful<RecoverResponse, B2BRecoveryCodesRecoverResponse> = true;
export const memberIsFaithful: Faithful<Member, StytchMember> = true;
export const organizationIsFaithful: Faithful<Organization, StytchOrganization> = true;
export const memberSessionIsFaithful: Faithful<MemberSession, StytchMemberSession> = true;
export const deviceInfoIsFaithful: Faithful<DeviceInfo, StytchDeviceInfo> = true;
