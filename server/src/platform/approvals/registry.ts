import type { ZodType } from 'zod';
import type { Tx } from '../../db/types.js';
import type { Actor, Principal } from '../context.js';
import type { Text } from '../errors.js';

/** What the owning module sees of a decided request: finally approved, rejected or withdrawn. */
export interface DecidedRequest<P = unknown> {
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

/** A finally approved request, as `onApproved` sees it. */
export type ApprovedRequest<P = unknown> = DecidedRequest<P>;

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
  onApproved(tx: Tx, actor: Actor, request: DecidedRequest<P>): Promise<Record<string, unknown> | undefined>;
  /**
   * Runs in the transaction that records a rejection, after the request is marked rejected; if it
   * fails, the rejection fails with it. The actor is the approver who rejected.
   */
  onRejected?(tx: Tx, actor: Actor, request: DecidedRequest<P>): Promise<void>;
  /**
   * Runs in the transaction that records a withdrawal, after the request is marked withdrawn; if it
   * fails, the withdrawal fails with it. The actor is the requester.
   */
  onWithdrawn?(tx: Tx, actor: Actor, request: DecidedRequest<P>): Promise<void>;
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
