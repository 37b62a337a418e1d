import {
  type ApprovalRequest,
  type ApprovalStatus,
  approvalsKey,
  createApproval,
  listApprovalRegister,
  listMyApprovals,
} from './approvals';
import type { PageParams } from './types';

/**
 * IAM-1 account requests are approval requests of kind `accountRequest`: filed here, signed in the
 * approvals inbox, and on the final approval the account is created and its initial password is
 * returned once as the approval's outcome.
 */
export const ACCOUNT_REQUEST_KIND = 'accountRequest';

/** Under the approvals key, so approving in the inbox refreshes these lists too. */
export const accountRequestsKey = [...approvalsKey, 'account-requests'] as const;

export interface AccountRequestPayload {
  fullName: string;
  username: string;
  employeeNo?: string;
  orgUnitId?: string;
  roleIds: string[];
}

export interface AccountRequestOutcome {
  username: string;
  initialPassword: string;
}

export type AccountRequestListParams = PageParams & { status?: ApprovalStatus };

export const listMyAccountRequests = (params: AccountRequestListParams) =>
  listMyApprovals({ ...params, kind: ACCOUNT_REQUEST_KIND });
export const listAllAccountRequests = (params: AccountRequestListParams) =>
  listApprovalRegister({ ...params, kind: ACCOUNT_REQUEST_KIND });
export const fileAccountRequest = (body: {
  reason: string;
  payload: AccountRequestPayload;
}): Promise<ApprovalRequest> =>
  createApproval({ kind: ACCOUNT_REQUEST_KIND, subjectType: 'user', reason: body.reason, payload: body.payload });

/** The outcome of the final approval of an account request, when it carries the one-time password. */
export function accountRequestOutcome(outcome: Record<string, unknown> | null): AccountRequestOutcome | null {
  if (!outcome) return null;
  const { username, initialPassword } = outcome;
  return typeof username === 'string' && typeof initialPassword === 'string' ? { username, initialPassword } : null;
}
