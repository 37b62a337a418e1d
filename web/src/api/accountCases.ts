import { http } from './client';
import type { Items, Page, PageParams } from './types';

export type CaseKind = 'transfer' | 'suspension' | 'reactivation' | 'closure' | 'natureChange';
export type CaseStatus = 'open' | 'pendingApproval' | 'completed' | 'cancelled' | 'refused';
export type AccountStatus = 'pending' | 'active' | 'suspended' | 'closed';
export type CustomerKind = 'residential' | 'commercial' | 'institutional';
export type ReadingKind = 'register' | 'icCumulative';
export type OverdueKind = 'siteCheck' | 'meterRemoval' | 'restore';

export const CASE_KINDS: CaseKind[] = ['transfer', 'suspension', 'reactivation', 'closure', 'natureChange'];
export const CASE_STATUSES: CaseStatus[] = ['open', 'pendingApproval', 'completed', 'cancelled', 'refused'];

export interface CaseDocument {
  code: string;
  label: string;
  required: boolean;
  received: boolean;
}

export interface NewCustomerFields {
  kind: CustomerKind;
  name: string;
  idType?: string | null;
  idNo?: string | null;
  taxNo?: string | null;
  mobile?: string | null;
  phone?: string | null;
}

export type NewOwner = { mode: 'new'; customer: NewCustomerFields } | { mode: 'existing'; customerId: string };

/** The fields each kind records; all optional until the case is submitted. */
export interface CaseDetails {
  newOwner?: NewOwner;
  propertyCertNo?: string;
  agentName?: string;
  agentPhone?: string;
  note?: string;
  reason?: string;
  sealed?: boolean;
  sealNo?: string;
  temporary?: boolean;
  newNature?: string;
  fromNature?: string;
  siteCheck?: { checkedOn: string; inspector: string; opinion: string };
}

export interface PersonRef {
  id: string;
  fullName: string;
}

export interface AccountCase {
  id: string;
  caseNo: string;
  kind: CaseKind;
  status: CaseStatus;
  account: {
    id: string;
    accountNo: string;
    status: AccountStatus;
    commodity: 'gas' | 'water';
    usageNature: string;
    usageNatureName: string;
    address: string;
  };
  customer: { id: string; name: string; kind: CustomerKind };
  documents: CaseDocument[];
  meter: { id: string; serial: string; meterType: string } | null;
  reading: { value: string; kind: ReadingKind; readOn: string; confirmed: boolean; signedBy: string | null } | null;
  readingKind: ReadingKind | null;
  details: CaseDetails;
  timeLimitMinutes: number | null;
  elapsedSeconds: number;
  overrun: boolean;
  dueOn: string | null;
  meterRemovedOn: string | null;
  restoreBy: string | null;
  restoredOn: string | null;
  overdue: OverdueKind | null;
  approval: { id: string; no: string; kind: string; status: string } | null;
  newCustomer: { id: string; name: string } | null;
  oldContractNo: string | null;
  newContractNo: string | null;
  cancelReason: string | null;
  startedAt: string;
  completedAt: string | null;
  completedBy: PersonRef | null;
  createdBy: PersonRef | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface CaseProblem {
  code: string;
  field: string;
  message: string;
}

export interface CaseEvent {
  id: string;
  action: string;
  actor: PersonRef | null;
  at: string;
  before: unknown;
  after: unknown;
}

export interface AccountCaseDetail extends AccountCase {
  problems: CaseProblem[];
  balance: {
    balance: string;
    arrears: string;
    arrearsByPeriod: { period: string | null; dueOn: string; amount: string }[];
  };
  events: CaseEvent[];
  canCancel: boolean;
}

export interface CaseFilters {
  kind?: CaseKind;
  status?: CaseStatus;
  accountId?: string;
  q?: string;
  /** Business dates YYYY-MM-DD */
  from?: string;
  to?: string;
  overdue?: 'true' | 'false';
}

export type CaseSort = 'createdAt' | 'caseNo' | 'kind' | 'status' | 'accountNo';
export type CaseListParams = PageParams & CaseFilters & { sort?: CaseSort };

export interface UsageNatureOption {
  code: string;
  name: string;
  commodity: 'gas' | 'water';
  customerKind: CustomerKind;
  priceRank: number;
}

export interface CaseUpdate {
  version: number;
  documents?: { code: string; received: boolean }[];
  reading?: { value: string; readOn: string; confirmed: boolean; signedBy?: string | null } | null;
  details?: CaseDetails;
}

export interface AccountHit {
  accountId: string;
  accountNo: string;
  customerName: string;
  customerKind: CustomerKind;
  maskedMobile: string | null;
  address: string;
  status: AccountStatus;
  meterSerial: string | null;
}

export interface AccountPreview {
  accountId: string;
  accountNo: string;
  status: AccountStatus;
  customerName: string;
  customerKind: CustomerKind;
  usageNatureName: string;
  address: string;
  allowedKinds: CaseKind[];
  balance: string;
  arrears: string;
  openCase: { id: string; caseNo: string; kind: CaseKind } | null;
}

/** Every case query lives under this key: one invalidation refreshes lists, details and buttons. */
export const accountCasesKey = ['accountCases'] as const;

const casePath = (id: string) => `/api/account-cases/${encodeURIComponent(id)}`;

export const listAccountCases = (params: CaseListParams) =>
  http.get<Page<AccountCase>>('/api/account-cases', { ...params });
export const getAccountCase = (id: string) => http.get<AccountCaseDetail>(casePath(id));
export const createAccountCase = (body: { kind: CaseKind; accountId: string; details?: CaseDetails }) =>
  http.post<AccountCase>('/api/account-cases', body);
export const updateAccountCase = (id: string, body: CaseUpdate) => http.patch<AccountCaseDetail>(casePath(id), body);
export const submitAccountCase = (id: string, version: number) =>
  http.post<AccountCase>(`${casePath(id)}/submit`, { version });
export const cancelAccountCase = (id: string, version: number, reason: string) =>
  http.post<AccountCase>(`${casePath(id)}/cancel`, { version, reason });
export const recordMeterRemoval = (id: string, body: { version: number; removedOn: string; reading: string }) =>
  http.post<AccountCaseDetail>(`${casePath(id)}/meter-removal`, body);
export const previewAccountCase = (accountId: string) =>
  http.get<AccountPreview>('/api/account-cases/preview', { accountId });
export const listCaseUsageNatures = () => http.get<Items<UsageNatureOption>>('/api/account-cases/usage-natures');
export const searchAccountsForCase = (q: string) =>
  http.get<Items<AccountHit>>('/api/accounts/search', { q, limit: 10 });
export const getAccountCustomerId = async (accountId: string) =>
  (
    await http.get<{ customer: { id: string; name: string; kind: CustomerKind } }>(
      `/api/accounts/${encodeURIComponent(accountId)}`,
    )
  ).customer;

/** The printable form of each kind (registerNotice codes on the server). */
export const FORM_OF: Record<CaseKind, string> = {
  transfer: 'ownershipTransferForm',
  suspension: 'suspensionForm',
  reactivation: 'suspensionForm',
  closure: 'closureForm',
  natureChange: 'usageNatureChangeForm',
};
