import type { z } from 'zod';
import type { Lang, Text } from '../errors.js';
import { paged } from '../spreadsheets/export-service.js';
import { shanghaiTime } from '../spreadsheets/format.js';
import { registerExport } from '../spreadsheets/registry.js';
import { messageKinds } from './kinds.js';
import { listMessages, type MessageDto, statusText } from './messages-service.js';
import { messageListQuery } from './routes.js';

const messagesQuery = messageListQuery.omit({ page: true, pageSize: true });

const channelText: Record<MessageDto['channel'], Text> = {
  sms: { zh: '短信', en: 'SMS' },
  wechat: { zh: '微信', en: 'WeChat' },
};

const pick = (text: Text, lang: Lang) => (lang === 'en' ? text.en : text.zh);

function kindName(code: string, lang: Lang): string {
  const kind = messageKinds().find((k) => k.code === code);
  return kind ? pick(kind.name, lang) : code;
}

// Recipients' mobile numbers and the texts sent to them are personal data: exporting the outbox
// needs an approved request (IAM-5). The rows are the list's own, verification codes masked as shown.
registerExport<z.infer<typeof messagesQuery>, MessageDto & Record<string, unknown>>({
  name: 'notifyMessages',
  title: { zh: '消息记录', en: 'Messages' },
  permission: 'notify.read',
  sensitive: true,
  query: messagesQuery,
  rows(db, principal, q) {
    // Messages are queued while the outbox is read: the export stops at the moment it started.
    const startedAt = new Date().toISOString();
    const to = q.to && new Date(q.to) < new Date(startedAt) ? q.to : startedAt;
    return paged(
      async (page, pageSize) =>
        (await listMessages(db, principal.companyId, { ...q, to, page, pageSize })).items as (MessageDto &
          Record<string, unknown>)[],
    );
  },
  columns: [
    { key: 'createdAt', header: { zh: '创建时间', en: 'Created' }, width: 20, format: shanghaiTime },
    {
      key: 'templateCode',
      header: { zh: '消息类型', en: 'Kind' },
      width: 16,
      format: (v, _, lang) => kindName(String(v), lang),
    },
    {
      key: 'channel',
      header: { zh: '渠道', en: 'Channel' },
      width: 8,
      format: (v, _, lang) => pick(channelText[v as MessageDto['channel']], lang),
    },
    { key: 'recipient', header: { zh: '接收号码', en: 'Recipient' }, width: 16 },
    { key: 'customerRef', header: { zh: '客户/户号', en: 'Customer' }, width: 16 },
    {
      key: 'status',
      header: { zh: '状态', en: 'Status' },
      width: 8,
      format: (v, _, lang) => pick(statusText[v as MessageDto['status']], lang),
    },
    { key: 'attempts', header: { zh: '发送次数', en: 'Attempts' }, width: 8 },
    { key: 'rendered', header: { zh: '内容', en: 'Text' }, width: 60 },
    { key: 'sentAt', header: { zh: '发送时间', en: 'Sent' }, width: 20, format: shanghaiTime },
    { key: 'deliveredAt', header: { zh: '送达时间', en: 'Delivered' }, width: 20, format: shanghaiTime },
    { key: 'lastError', header: { zh: '最近错误', en: 'Last error' }, width: 30 },
    { key: 'createdByName', header: { zh: '发送人', en: 'Sent by' }, width: 12 },
  ],
});
