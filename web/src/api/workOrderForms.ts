import { http } from './client';
import type { Bilingual, WorkOrder, WorkOrderDetail } from './workOrders';

export const myOrdersKey = ['work-orders', 'mine'] as const;
export const recordKey = (id: string) => ['work-orders', id, 'record'] as const;

export type PaymentMethod = 'wechat' | 'alipay' | 'hall';
export type MeterType = 'diaphragm' | 'icCard' | 'remoteRead' | 'iot';

export interface PriceItem {
  code: string;
  zh: string;
  en: string;
  unit: string;
  price: string;
}

export interface PricedLine {
  code: string;
  zh: string;
  en: string;
  unit: string;
  unitPrice: string;
  quantity: string;
  amount: string;
}

export interface Material {
  name: string;
  spec?: string | null;
  quantity: string;
  unit: string;
}

export interface RecordForm {
  code: string;
  name: Bilingual;
  required: boolean;
  /** As saved (with what the server added: priced lines, the deposit…); null until first saved. */
  data: Record<string, unknown> | null;
  /** 0 until first saved. */
  version: number;
  updatedAt: string | null;
  updatedByName: string | null;
}

export interface Hazard {
  id: string;
  code: string;
  name: Bilingual;
  note: string | null;
  foundAt: string;
  foundByName: string | null;
  fixed: boolean;
  fixedAt: string | null;
  fixedByName: string | null;
  fixNote: string | null;
}

export interface Attachment {
  id: string;
  kind: 'signature' | 'photo';
  contentType: string;
  sizeBytes: number;
  uploadedAt: string;
  uploadedByName: string | null;
  url: string;
}

export interface Visit {
  id: string;
  outcome: 'noAccess';
  visitedAt: string;
  technicianName: string | null;
  employeeNo: string | null;
  revisitAt: string;
  note: string | null;
}

/** The on-site record of an order: forms, hazards, fees, signature and photos, visits. */
export interface OrderRecord {
  orderId: string;
  typeCode: string;
  status: string;
  signatureRequired: boolean;
  forms: RecordForm[];
  hazardsApply: boolean;
  hazardList: { code: string; zh: string; en: string }[];
  hazards: Hazard[];
  priceList: PriceItem[];
  feeTotal: string | null;
  paymentMethod: PaymentMethod | null;
  completionNote: string | null;
  noAccessCount: number;
  attachments: Attachment[];
  visits: Visit[];
}

export interface NoAccessResult {
  order: WorkOrderDetail;
  visit: {
    id: string;
    visitedAt: string;
    employeeNo: string | null;
    revisitAt: string;
    noAccessCount: number;
    repeated: boolean;
  };
  notice: { code: string; subjectId: string };
}

export interface RepeatedNoAccess {
  min: number;
  items: {
    id: string;
    orderNo: string;
    typeCode: string;
    typeName: Bilingual;
    status: string;
    address: string | null;
    technicianName: string | null;
    noAccessCount: number;
    lastVisitAt: string | null;
    revisitAt: string | null;
  }[];
}

export const myWorkOrders = () => http.get<{ items: WorkOrder[] }>('/api/work-orders/mine');
export const getOrderRecord = (id: string) => http.get<OrderRecord>(`/api/work-orders/${id}/record`);
export const saveOrderForm = (id: string, form: string, version: number, data: Record<string, unknown>) =>
  http.put<OrderRecord>(`/api/work-orders/${id}/forms/${form}`, { version, data });
export const addHazard = (id: string, body: { code: string; note?: string | null }) =>
  http.post<OrderRecord>(`/api/work-orders/${id}/hazards`, body);
export const fixHazard = (id: string, hazardId: string, note?: string | null) =>
  http.post<OrderRecord>(`/api/work-orders/${id}/hazards/${hazardId}/fix`, { note });
export const completeOrder = (
  id: string,
  body: { version: number; signature?: string | null; photos?: string[]; note?: string | null },
) => http.post<WorkOrderDetail>(`/api/work-orders/${id}/complete`, body);
export const recordNoAccess = (id: string, body: { version: number; revisitAt: string; note?: string | null }) =>
  http.post<NoAccessResult>(`/api/work-orders/${id}/no-access`, body);
export const repeatedNoAccess = () => http.get<RepeatedNoAccess>('/api/work-orders/no-access');
