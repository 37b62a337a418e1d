import type { Queryable } from '../../db/types.js';
import { WorkOrderError } from './errors.js';
import * as formsRepo from './forms-repo.js';
import { requireOrder } from './service.js';

/** A signature drawn on screen is small; a photo is downscaled by the phone before it is sent. */
export const SIGNATURE_MAX_BYTES = 512 * 1024;
export const PHOTO_MAX_BYTES = 3 * 1024 * 1024;
export const MAX_PHOTOS = 6;

export type ImageType = 'image/png' | 'image/jpeg' | 'image/webp';

/** What the bytes are, by their magic numbers; null when they are no image we keep. */
export function sniffImage(data: Buffer): ImageType | null {
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return 'image/png';
  }
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (
    data.length >= 12 &&
    data.subarray(0, 4).toString('latin1') === 'RIFF' &&
    data.subarray(8, 12).toString('latin1') === 'WEBP'
  ) {
    return 'image/webp';
  }
  return null;
}

const DATA_URL = /^data:([a-z]+\/[a-z0-9.+-]+)?(;[a-z0-9-]+=[^;,]*)*;base64,([A-Za-z0-9+/]*={0,2})$/i;

/**
 * An image sent as a data URL: decoded and checked to be PNG, JPEG or WebP by its bytes, whatever the
 * URL claims. Anything else is a 400 naming `field`.
 */
export function decodeImage(
  dataUrl: string,
  field: string,
  maxBytes: number,
): { contentType: ImageType; data: Buffer } {
  const m = DATA_URL.exec(dataUrl.trim());
  if (!m) throw WorkOrderError('NOT_AN_IMAGE', { field });
  const data = Buffer.from(m[3]!, 'base64');
  if (data.length > maxBytes) {
    throw WorkOrderError('IMAGE_TOO_LARGE', { field, vars: { limit: `${Math.round(maxBytes / 1024)} KB` } });
  }
  const contentType = sniffImage(data);
  if (!contentType) throw WorkOrderError('NOT_AN_IMAGE', { field });
  return { contentType, data };
}

/** One attachment of an order of the caller's company, with its stored content type. */
export async function readAttachment(db: Queryable, companyId: string, orderId: string, id: string) {
  await requireOrder(db, companyId, orderId);
  const file = await formsRepo.readAttachment(db, companyId, orderId, id);
  if (!file) throw WorkOrderError('ATTACHMENT_NOT_FOUND');
  return { contentType: file.contentType, data: Buffer.from(file.data), kind: file.kind };
}
