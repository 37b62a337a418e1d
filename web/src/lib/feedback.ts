import type { MessageInstance } from 'antd/es/message/interface';
import { ApiError } from '../api/client';
import { tNow } from '../i18n/translate';

// Set by <FeedbackBridge/> so code outside React (the query cache) can use antd's
// context-aware message API instead of the static one.
let messageApi: MessageInstance | null = null;

export function bindMessageApi(api: MessageInstance | null): void {
  messageApi = api;
}

export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return tNow('error.unexpected');
}

export function notifyError(err: unknown): void {
  messageApi?.error(errorText(err));
}
