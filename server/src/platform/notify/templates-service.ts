import type { Queryable, Tx } from '../../db/types.js';
import { recordAudit } from '../audit.js';
import type { Actor } from '../context.js';
import './catalogue.js';
import { NotifyError } from './errors.js';
import {
  type Channel,
  type MessageKind,
  messageKinds,
  render,
  requireKind,
  smsParts,
  smsSignature,
  templateProblem,
  type Variables,
} from './kinds.js';
import * as repo from './templates-repo.js';

export function listKinds() {
  return messageKinds().map((k) => ({
    code: k.code,
    name: k.name,
    variables: k.variables,
    sample: k.sample,
    channels: Object.keys(k.defaults) as Channel[],
  }));
}

function toDto(t: repo.TemplateRow) {
  const kind = requireKind(t.code);
  return {
    id: t.id,
    code: t.code,
    channel: t.channel,
    name: t.name,
    body: t.body,
    variables: t.variables,
    enabled: t.enabled,
    kindName: kind.name,
    required: kind.variables,
    updatedAt: t.updatedAt.toISOString(),
    updatedBy: t.updatedBy,
    updatedByName: t.updatedByName,
  };
}
export type TemplateDto = ReturnType<typeof toDto>;

export async function requireTemplate(db: Queryable, companyId: string, id: string): Promise<repo.TemplateRow> {
  const t = await repo.findTemplate(db, companyId, id);
  if (!t) throw NotifyError('TEMPLATE_NOT_FOUND');
  return t;
}

export async function listTemplates(db: Queryable, companyId: string): Promise<TemplateDto[]> {
  const known = new Set(messageKinds().map((k) => k.code));
  // A kind whose code was retired keeps its rows, but nothing can be sent with them.
  return (await repo.listTemplates(db, companyId)).filter((t) => known.has(t.code)).map(toDto);
}

/** The rule of this module: a template that lacks a required variable is refused when saved, not when sent. */
function assertUsable(kind: MessageKind, channel: Channel, body: string): void {
  const problem = templateProblem(kind, channel, body);
  if (problem) throw problem;
}

export interface TemplateUpdate {
  name?: string;
  body?: string;
  enabled?: boolean;
}

export async function updateTemplate(tx: Tx, actor: Actor, id: string, input: TemplateUpdate): Promise<TemplateDto> {
  const before = await requireTemplate(tx, actor.companyId, id);
  const kind = requireKind(before.code);
  const body = input.body ?? before.body;
  assertUsable(kind, before.channel, body);
  await repo.updateTemplate(tx, actor.companyId, id, {
    name: input.name ?? before.name,
    body,
    variables: kind.variables,
    enabled: input.enabled ?? before.enabled,
    updatedBy: actor.userId,
  });
  const after = toDto(await requireTemplate(tx, actor.companyId, id));
  const snapshot = (t: TemplateDto | repo.TemplateRow) => ({ name: t.name, body: t.body, enabled: t.enabled });
  await recordAudit(tx, actor, {
    action: 'notify.template.update',
    entityType: 'notificationTemplate',
    entityId: id,
    before: { code: before.code, channel: before.channel, ...snapshot(before) },
    after: { code: after.code, channel: after.channel, ...snapshot(after) },
  });
  return after;
}

/** What a body (the saved one, or the one being edited) reads like with the kind's sample values. */
export async function previewTemplate(
  db: Queryable,
  companyId: string,
  id: string,
  input: { body?: string; variables?: Variables },
) {
  const t = await requireTemplate(db, companyId, id);
  const kind = requireKind(t.code);
  const body = input.body ?? t.body;
  assertUsable(kind, t.channel, body);
  const text = render(body, { ...kind.sample, ...input.variables }, kind.variables);
  return { rendered: text, length: [...text].length, parts: t.channel === 'sms' ? smsParts(text) : 1 };
}

/** The default wording of every kind, for a company that has none yet; a company's own wording is kept. */
export async function seedDefaultTemplates(tx: Tx, actor: Actor, companyName: string): Promise<string[]> {
  const added: string[] = [];
  for (const kind of messageKinds()) {
    for (const [channel, d] of Object.entries(kind.defaults) as [Channel, { name: string; body: string }][]) {
      const body = channel === 'sms' ? `【${smsSignature(companyName)}】${d.body}` : d.body;
      const t = { code: kind.code, channel, name: d.name, body, variables: kind.variables };
      if (await repo.insertTemplateIfAbsent(tx, actor.companyId, t)) added.push(`${channel}:${kind.code}`);
    }
  }
  if (added.length) {
    await recordAudit(tx, actor, {
      action: 'notify.template.seed',
      entityType: 'notificationTemplate',
      after: { added },
    });
  }
  return added;
}

export async function requireSendableTemplate(db: Queryable, companyId: string, code: string, channel: Channel) {
  const kind = requireKind(code);
  if (!(channel in kind.defaults)) {
    throw NotifyError('CHANNEL_NOT_SUPPORTED', { vars: { kind: kind.name, channel }, field: 'channel' });
  }
  const t = await repo.findTemplateByCode(db, companyId, code, channel);
  if (!t) throw NotifyError('TEMPLATE_NOT_FOUND', { field: 'templateCode' });
  if (!t.enabled) throw NotifyError('TEMPLATE_DISABLED', { vars: { name: t.name }, field: 'templateCode' });
  return { kind, template: t };
}
