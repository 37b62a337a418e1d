import { z } from 'zod';
import { MAX_PHOTOS } from './attachments.js';

const version = z.number().int().min(1);
const name = z.object({ zh: z.string(), en: z.string() });
/** A data URL (checked to be an image by its bytes in the service, so the field is named when it is not). */
const dataUrl = z.string().max(6_000_000);

export const formParams = z.object({
  id: z.uuid(),
  form: z.string().regex(/^[a-z][A-Za-z0-9]{0,31}$/),
});
export const hazardParams = z.object({ id: z.uuid(), hazardId: z.uuid() });
export const attachmentParams = z.object({ id: z.uuid(), attachmentId: z.uuid() });

export const saveFormBody = z.object({
  /** The form's version as read; 0 for a form not saved yet. */
  version: z.number().int().min(0),
  /** The form's fields, as the type's schema for that form says. */
  data: z.record(z.string(), z.unknown()),
});

export const addHazardBody = z.object({
  code: z.string().trim().min(1).max(32),
  note: z.string().trim().max(500).nullish(),
});
export const fixHazardBody = z.object({ note: z.string().trim().max(500).nullish() });

export const completeBody = z.object({
  version,
  /** The customer's signature drawn on screen: a PNG, JPEG or WebP data URL. */
  signature: dataUrl.nullish(),
  photos: z.array(dataUrl).max(MAX_PHOTOS).nullish(),
  note: z.string().trim().max(1000).nullish(),
});

export const noAccessBody = z.object({
  version,
  /** The revisit: the order's next appointment. */
  revisitAt: z.iso
    .datetime({ offset: true })
    .refine((s) => s >= '2000' && s < '2100', { error: '时间应在 2000–2099 年 / a time in 2000–2099' }),
  note: z.string().trim().max(500).nullish(),
});

export const recordSchema = z.object({
  orderId: z.uuid(),
  typeCode: z.string(),
  status: z.string(),
  signatureRequired: z.boolean(),
  forms: z.array(
    z.object({
      code: z.string(),
      name,
      required: z.boolean(),
      data: z.record(z.string(), z.unknown()).nullable(),
      version: z.number().int(),
      updatedAt: z.string().nullable(),
      updatedByName: z.string().nullable(),
    }),
  ),
  hazardsApply: z.boolean(),
  hazardList: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })),
  hazards: z.array(
    z.object({
      id: z.uuid(),
      code: z.string(),
      name,
      note: z.string().nullable(),
      foundAt: z.string(),
      foundByName: z.string().nullable(),
      fixed: z.boolean(),
      fixedAt: z.string().nullable(),
      fixedByName: z.string().nullable(),
      fixNote: z.string().nullable(),
    }),
  ),
  priceList: z.array(
    z.object({ code: z.string(), zh: z.string(), en: z.string(), unit: z.string(), price: z.string() }),
  ),
  feeTotal: z.string().nullable(),
  paymentMethod: z.enum(['wechat', 'alipay', 'hall']).nullable(),
  completionNote: z.string().nullable(),
  noAccessCount: z.number().int(),
  attachments: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(['signature', 'photo']),
      contentType: z.string(),
      sizeBytes: z.number().int(),
      uploadedAt: z.string(),
      uploadedByName: z.string().nullable(),
      url: z.string(),
    }),
  ),
  visits: z.array(
    z.object({
      id: z.uuid(),
      outcome: z.literal('noAccess'),
      visitedAt: z.string(),
      technicianName: z.string().nullable(),
      employeeNo: z.string().nullable(),
      revisitAt: z.string(),
      note: z.string().nullable(),
    }),
  ),
});

export const noAccessResultSchema = (order: z.ZodType) =>
  z.object({
    order,
    visit: z.object({
      id: z.uuid(),
      visitedAt: z.string(),
      employeeNo: z.string().nullable(),
      revisitAt: z.string(),
      noAccessCount: z.number().int(),
      repeated: z.boolean(),
    }),
    notice: z.object({ code: z.string(), subjectId: z.uuid() }),
  });

export const repeatedNoAccessSchema = z.object({
  min: z.number().int(),
  items: z.array(
    z.object({
      id: z.uuid(),
      orderNo: z.string(),
      typeCode: z.string(),
      typeName: name,
      status: z.string(),
      address: z.string().nullable(),
      technicianName: z.string().nullable(),
      noAccessCount: z.number().int(),
      lastVisitAt: z.string().nullable(),
      revisitAt: z.string().nullable(),
    }),
  ),
});
