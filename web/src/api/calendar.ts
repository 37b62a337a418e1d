import { http } from './client';

export type CalendarDayKind = 'holiday' | 'workday';

export interface CalendarDay {
  date: string;
  kind: CalendarDayKind;
  name: string;
  updatedAt: string;
  updatedBy: string | null;
}

export interface CompanyClosure {
  date: string;
  reason: string;
  createdAt: string;
  createdBy: string | null;
}

export interface CalendarYear {
  year: number;
  /** Whether the official schedule of the year is on file; if not, Monday to Friday count. */
  hasData: boolean;
  yearsWithData: number[];
  days: CalendarDay[];
  closures: CompanyClosure[];
  months: { month: number; workingDays: number }[];
}

export interface ComputeQuery {
  from: string;
  workingDays?: number;
  workingHours?: number;
  to?: string;
}

export interface ComputeResult {
  from: string;
  to: string;
  workingDays: number | null;
  workingMs: number | null;
}

export const calendarKey = ['calendar'] as const;

const dayPath = (date: string) => `/api/calendar/days/${encodeURIComponent(date)}`;
const closurePath = (date: string) => `/api/calendar/closures/${encodeURIComponent(date)}`;

export const listCalendarDays = (year: number) => http.get<CalendarYear>('/api/calendar/days', { year });
export const upsertCalendarDay = (date: string, body: { kind: CalendarDayKind; name: string }) =>
  http.put<CalendarDay>(dayPath(date), body);
export const deleteCalendarDay = (date: string) => http.delete<void>(dayPath(date));
export const createClosure = (body: { date: string; reason: string }) =>
  http.post<CompanyClosure>('/api/calendar/closures', body);
export const deleteClosure = (date: string) => http.delete<void>(closurePath(date));
export const computeWorkingTime = (query: ComputeQuery) =>
  http.get<ComputeResult>('/api/calendar/compute', { ...query });
