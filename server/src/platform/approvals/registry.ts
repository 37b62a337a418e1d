import type { ZodType } from 'zod';
import type { Tx } from '../../db/types.js';
import type { Actor, Principal } from '../context.js';
import type { Text } from '../errors.js';

/** What the owning module sees of a finally approved request. */
export interface ApprovedRequest<P = unknown> {
  id: string;
  companyId: string;
  kind: string;
  subjectType: string;
  subjectId: string | null;
  amount: string | null;
  reason: string;
  payload: P;
  requestedBy: string;
}

/**
 * A kind of approval, declared by the module that owns the action. The chain of steps comes
 * from the company's policy (`approvals.chains`), by kind and amount tier.
 */
export interface ApprovalKind<P = unknown> {
  kind: string;
  name: Text;
  /** Permission needed to file a request of this kind. */
  requestPermission: string;
  /** Validates the payload when the request is filed. */
  payload: ZodType<P>;
  /** Checks made when filing: against the database (the subject exists, …) and the requester's permissions. */
  validate?(tx: Tx, actor: Actor, payload: P, requester: Principal): Promise<void>;
  /** Runs in the transaction of the final approval; what it returns is shown once to the approver. */
  onApproved(tx: Tx, actor: Actor, request: ApprovedRequest<P>): Promise<Record<string, unknown> | undefined>;
  /** A one-line description of the request for lists and the inbox. */
  describe?(payload: P): Text;
}

const kinds = new Map<string, ApprovalKind<never>>();

export function registerApprovalKind<P>(def: ApprovalKind<P>): void {
  kinds.set(def.kind, def as unknown as ApprovalKind<never>);
}

export function approvalKind(kind: string): ApprovalKind<unknown> | undefined {
  return kinds.get(kind) as ApprovalKind<unknown> | undefined;
}

export function approvalKinds(): ApprovalKind<unknown>[] {
  return [...kinds.values()] as ApprovalKind<unknown>[];
}
