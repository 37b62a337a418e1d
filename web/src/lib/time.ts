import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Business time for every company is China Standard Time, whatever the browser's zone. */
export const BUSINESS_TZ = 'Asia/Shanghai';

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).tz(BUSINESS_TZ).format('YYYY-MM-DD HH:mm:ss') : '—';
}

/** Reads the wall-clock time the user picked as Asia/Shanghai time and returns the instant. */
export function businessInstant(picked: Dayjs): string {
  return dayjs.tz(picked.format('YYYY-MM-DDTHH:mm:ss'), BUSINESS_TZ).toISOString();
}

export function toDateString(picked: Dayjs | null | undefined): string | null {
  return picked ? picked.format('YYYY-MM-DD') : null;
}

export function fromDateString(date: string | null | undefined): Dayjs | undefined {
  return date ? dayjs(date, 'YYYY-MM-DD') : undefined;
}
