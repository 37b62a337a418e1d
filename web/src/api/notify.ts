import { useQuery } from '@tanstack/react-query';
import { http } from './client';
import type { Items, Page, PageParams } from './types';

export const notifyKey = ['notify'] as const;
export const messagesKey = ['notify', 'messages'] as const;
export const templatesKey = ['notify', 'templates'] as const;

export type Channel = 'sms' | 'wechat';
export type MessageStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'failed';
export const messageStatuses: MessageStatus[] = ['queued', 'sending', 'sent', 'delivered', 'failed'];

export interface LocalText {
  zh: string;
  en: string;
}

export interface MessageKind {
  code: string;
  name: LocalText;
  variables: string[];
  sample: Record<string, string>;
  channels: Channel[];
}

export interface MessageTemplate {
  id: string;
  code: string;
  channel: Channel;
  name: string;
  body: string;
  variables: string[];
  enabled: boolean;
  kindName: LocalText;
  required: string[];
  updatedAt: string;
  updatedBy: string | null;
  updatedByName: string | null;
}

export interface NotifyMessage {
  id: string;
  channel: Channel;
  templateCode: string;
  recipient: string;
  customerRef: string | null;
  variables: Record<string, string | number>;
  rendered: string;
  status: MessageStatus;
  attempts: number;
  provider: string | null;
  providerMessageId: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
  createdBy: string | null;
  createdByName: string | null;
}

export interface DeliveryAttempt {
  id: string;
  attempt: number;
  at: string;
  provider: string;
  ok: boolean;
  response: unknown;
}

export interface NotifyMessageDetail extends NotifyMessage {
  deliveries: DeliveryAttempt[];
}

export interface MessageFilters {
  customerRef?: string;
  recipient?: string;
  status?: MessageStatus;
  /** ISO instants */
  from?: string;
  to?: string;
}

export interface SendMessageBody {
  channel: Channel;
  templateCode: string;
  recipient: string;
  customerRef?: string;
  variables: Record<string, string>;
}

export interface TemplateUpdate {
  name?: string;
  body?: string;
  enabled?: boolean;
}

export interface Preview {
  rendered: string;
  length: number;
  parts: number;
}

const messagePath = (id: string) => `/api/notify/messages/${encodeURIComponent(id)}`;
const templatePath = (id: string) => `/api/notify/templates/${encodeURIComponent(id)}`;

export const listKinds = () => http.get<Items<MessageKind>>('/api/notify/kinds');
export const listTemplates = () => http.get<Items<MessageTemplate>>('/api/notify/templates');
export const updateTemplate = (id: string, body: TemplateUpdate) => http.put<MessageTemplate>(templatePath(id), body);
export const previewTemplate = (id: string, body: { body?: string }) =>
  http.post<Preview>(`${templatePath(id)}/preview`, body);
export const listMessages = (params: PageParams & MessageFilters) =>
  http.get<Page<NotifyMessage>>('/api/notify/messages', { ...params });
export const getMessage = (id: string) => http.get<NotifyMessageDetail>(messagePath(id));
export const sendMessage = (body: SendMessageBody) => http.post<NotifyMessage>('/api/notify/messages', body);
export const retryMessage = (id: string) => http.post<NotifyMessage>(`${messagePath(id)}/retry`);

/** The registered message kinds: they change only with a new server version. */
export function useMessageKinds() {
  return useQuery({
    queryKey: [...notifyKey, 'kinds'],
    queryFn: listKinds,
    select: (data) => data.items,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
