import type { DutyPolicy } from './policy';
import type { Department, RoleCode } from './roles';

/** The signed-in caller, as the access guard established it for this request. */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  role: RoleCode;
  department: Department;
  requestId: string;
  ip: string | null;
  /** Set when the caller signed in through the console's session cookie (sessions.id). */
  sessionId?: string;
  /** The version of the duty rules the guard authorised this request under (SPEC §12). */
  policyVersion?: number;
  /** That version itself (not enumerable: it is not part of the caller's data). */
  readonly policy?: DutyPolicy;
}
