import { http } from './client';
import type { Page, PageParams } from './types';

export const contactsKey = ['contacts'] as const;

/** SVC-1: 热线 / 营业厅 / 网上 / 上门 / 抄表或安检发现. */
export type Channel = 'hotline' | 'hall' | 'online' | 'doorToDoor' | 'finding';
export const CHANNELS: Channel[] = ['hall', 'hotline', 'online', 'doorToDoor', 'finding'];

export interface ContactCategory {
  code: string;
  zh: string;
  en: string;
}

export interface Contact {
  id: string;
  contactedAt: string;
  channel: Channel;
  category: string;
  categoryName: { zh: string; en: string };
  accountId: string | null;
  accountNo: string | null;
  name: string | null;
  callerName: string | null;
  address: string | null;
  phone: string | null;
  summary: string;
  takenBy: string;
  takenByName: string;
  orgUnitId: string | null;
  orgUnitName: string | null;
}

export interface NewContact {
  channel: Channel;
  category: string;
  accountId?: string | null;
  callerName?: string | null;
  phone?: string | null;
  summary: string;
  contactedAt?: string | null;
  orgUnitId?: string | null;
}

export type ContactSort = 'contactedAt' | 'accountNo' | 'channel' | 'category';

export interface ContactFilters {
  from?: string;
  to?: string;
  channel?: Channel;
  category?: string;
  orgUnitId?: string;
  takenBy?: string;
  accountId?: string;
}

export interface ContactListParams extends PageParams, ContactFilters {
  sort?: ContactSort;
}

export const listContactCategories = () => http.get<{ items: ContactCategory[] }>('/api/contacts/categories');
export const recordContact = (body: NewContact) => http.post<Contact>('/api/contacts', body);
export const listContacts = (params: ContactListParams) => http.get<Page<Contact>>('/api/contacts', { ...params });
