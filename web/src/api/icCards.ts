import { http, request } from './client';
import type { Page } from './types';

/** ICC-1..3: IC-card purchases, replenishments (补气), card management and the device simulator. */
export const icKey = ['ic'] as const;

export interface CardMemory {
  cardNo: string;
  kind: 'user' | 'transfer';
  meterNo: string;
  accountNo: string;
  seq: number;
  volume: string;
  loaded: boolean;
  toMeterNo?: string | null;
  userCardNo?: string | null;
}

export interface IcWarning {
  code: string;
  zh: string;
  en: string;
}

export interface CardWrite {
  id: string;
  cardId: string;
  cardNo: string;
  meterNo: string;
  accountId: string;
  accountNo: string;
  kind: 'purchase' | 'replenishment' | 'reissue';
  seq: number;
  volume: string;
  status: 'pending' | 'verified' | 'failed';
  attempts: number;
  lastError: string | null;
  verifiedAt: string | null;
  createdAt: string;
}

export interface ReadResult {
  deviceId: string;
  card: CardMemory;
  cardId: string;
  cardStatus: string;
  account: {
    id: string;
    accountNo: string;
    customerName: string;
    address: string;
    usageNature: string;
    meterNo: string | null;
  };
  price: string | null;
  limits: { min: number; max: number; yearMax: number; decimals: number; yearBought: string };
  arrears: string;
  pendingWrite: CardWrite | null;
  otherCards: { cardNo: string; accountNo: string; address: string; meterNo: string }[];
  warnings: IcWarning[];
}

export interface Quote {
  volume: string;
  price: string;
  amount: string;
  arrears: string;
  prepaymentUsed: string;
  due: string;
}

export interface IcPurchase {
  id: string;
  no: string;
  accountId: string;
  accountNo: string;
  customerName: string;
  address: string;
  cardNo: string;
  meterNo: string;
  volume: string;
  price: string;
  amount: string;
  collected: string;
  paymentId: string | null;
  paymentNo: string | null;
  soldOn: string;
  soldByName: string;
  createdAt: string;
  writeId: string | null;
  writeStatus: string | null;
}

export interface PurchaseBody {
  accountId: string;
  cardNo: string;
  deviceId: string;
  volume: string;
  tenders: { method: string; amount: string; reference?: string }[];
}

export const REPLENISHMENT_REASONS = [
  'nonHumanLoss',
  'maintenance',
  'cardDamagedLost',
  'meterFault',
  'writeError',
] as const;
export type ReplenishmentReason = (typeof REPLENISHMENT_REASONS)[number];

export interface Replenishment {
  id: string;
  no: string;
  accountId: string;
  accountNo: string;
  customerName: string;
  address: string;
  meterNo: string;
  cardNo: string | null;
  reason: ReplenishmentReason;
  reading: string;
  startReading: string;
  cumulativePurchased: string;
  /** 卡内未插表气量 read at filing (null: the card was not read — lost or damaged). */
  cardVolume: string | null;
  volume: string;
  price: string;
  amount: string;
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn' | 'charged';
  approvalId: string | null;
  approvalNo: string | null;
  contactPhone: string | null;
  note: string | null;
  requestedByName: string;
  requestedAt: string;
  decidedAt: string | null;
  writeId: string | null;
  writeStatus: string | null;
}

export interface ReplenishmentPreview {
  accountNo: string;
  customerName: string;
  meterNo: string;
  startReading: string;
  reading: string;
  used: string;
  cumulativePurchased: string;
  /** 卡内未插表气量 subtracted (null: no card read). */
  cardVolume: string | null;
  /** The card read: what it holds and whether it counts (its last write is one the system recorded). */
  card: { cardNo: string; onCard: string; counted: boolean } | null;
  volume: string;
  price: string;
  amount: string;
  outcome: 'replenish' | 'customerPays' | 'nothing';
  /** MTR-6: the last on-site check of the meter, a hint for the reading. */
  lastCheck: { checkedOn: string; baseReading: string; remainingVolume: string } | null;
}

export interface IcCard {
  id: string;
  cardNo: string;
  kind: 'user' | 'transfer';
  accountId: string;
  accountNo: string;
  customerName: string;
  meterId: string;
  meterNo: string;
  toMeterNo: string | null;
  status: 'active' | 'blacklisted' | 'used';
  replacesCardId: string | null;
  onsiteCheckRequired: boolean;
  blacklistReason: string | null;
  issuedAt: string;
}

export interface SimState {
  cards: (CardMemory & { inReader: string | null; stage: string | null; failWrites: number })[];
  meters: {
    meterNo: string;
    accountNo: string | null;
    lastSeq: number;
    cumulativePurchased: string;
    remaining: string;
    reading: string;
    dead: boolean;
  }[];
}

export interface IcListParams {
  page?: number;
  pageSize?: number;
  order?: 'asc' | 'desc';
  accountId?: string;
  status?: string;
  q?: string;
}

export function newPurchaseKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `ic-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export const getDevice = () => http.get<{ kind: 'simulator' | 'agent' }>('/api/ic/device');
export const readCard = (deviceId: string) => http.get<ReadResult>(`/api/ic/reader/${encodeURIComponent(deviceId)}`);
export const quotePurchase = (accountId: string, volume: string) =>
  http.get<Quote>('/api/ic/quote', { accountId, volume });
export const purchaseGas = (body: PurchaseBody, key: string) =>
  request<{ purchase: IcPurchase; write: CardWrite; created: boolean }>('POST', '/api/ic/purchases', {
    body,
    headers: { 'Idempotency-Key': key },
  });
export const listPurchases = (params: IcListParams) => http.get<Page<IcPurchase>>('/api/ic/purchases', { ...params });
export const listWrites = (params: IcListParams) => http.get<Page<CardWrite>>('/api/ic/writes', { ...params });
export const writeCard = (writeId: string, deviceId: string) =>
  http.post<CardWrite>(`/api/ic/writes/${encodeURIComponent(writeId)}/write`, { deviceId });

export const previewReplenishment = (
  accountId: string,
  reading: string,
  reason?: ReplenishmentReason,
  deviceId?: string,
) =>
  http.get<ReplenishmentPreview>('/api/ic/replenishments/preview', {
    accountId,
    reading,
    ...(reason ? { reason } : {}),
    ...(deviceId ? { deviceId } : {}),
  });
/** ICC-2: the card is read at filing for every reason but a lost/damaged card (it cannot be read). */
export const readsCard = (reason: ReplenishmentReason | undefined) => reason !== 'cardDamagedLost';
export const fileReplenishment = (body: {
  accountId: string;
  reason: ReplenishmentReason;
  reading: string;
  deviceId?: string;
  contactPhone?: string;
  note?: string;
}) => http.post<Replenishment>('/api/ic/replenishments', body);
export const listReplenishments = (params: IcListParams) =>
  http.get<Page<Replenishment>>('/api/ic/replenishments', { ...params });
export const getReplenishment = (id: string) =>
  http.get<Replenishment>(`/api/ic/replenishments/${encodeURIComponent(id)}`);

export const listCards = (params: IcListParams) => http.get<Page<IcCard>>('/api/ic/cards', { ...params });
export const issueCard = (accountId: string, deviceId: string) =>
  http.post<IcCard>('/api/ic/cards', { accountId, deviceId });
export const reissueCard = (
  id: string,
  body: { reason: 'lost' | 'damaged'; usage: 'neverUsed' | 'inUse'; deviceId: string },
) =>
  http.post<{ card: IcCard; oldCardNo: string; gas: string }>(`/api/ic/cards/${encodeURIComponent(id)}/reissue`, body);
export const oldCardFound = (id: string, deviceId: string) =>
  http.post<CardWrite>(`/api/ic/cards/${encodeURIComponent(id)}/found`, { deviceId });
export const makeTransferCard = (id: string, toMeterId: string, deviceId: string) =>
  http.post<IcCard>(`/api/ic/cards/${encodeURIComponent(id)}/transfer`, { toMeterId, deviceId });
export const blacklistCard = (id: string, reason: string) =>
  http.post<IcCard>(`/api/ic/cards/${encodeURIComponent(id)}/blacklist`, { reason });

export const getSimulator = () => http.get<SimState>('/api/ic/simulator');
export const simReader = (cardNo: string, deviceId: string | null) =>
  http.post<SimState>('/api/ic/simulator/reader', { cardNo, deviceId });
export const simInsert = (cardNo: string, meterNo: string) =>
  http.post<SimState & { result: string }>('/api/ic/simulator/insert', { cardNo, meterNo });
export const simConsume = (meterNo: string, volume: string) =>
  http.post<SimState>('/api/ic/simulator/consume', { meterNo, volume });
export const simFault = (meterNo: string, fault: 'loseGas' | 'dead' | 'repair') =>
  http.post<SimState>('/api/ic/simulator/fault', { meterNo, fault });
export const simFailWrites = (cardNo: string, count: number) =>
  http.post<SimState>('/api/ic/simulator/fail-writes', { cardNo, count });

/** The reader of this desk (kept in the browser; the simulator's readers are any name). */
export function deskReader(): string {
  return localStorage.getItem('hearth.icReader') || 'DESK-1';
}
export function setDeskReader(id: string): void {
  localStorage.setItem('hearth.icReader', id);
}
