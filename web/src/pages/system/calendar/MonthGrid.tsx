import { Card, Tooltip, theme } from 'antd';
import dayjs from 'dayjs';
import type { CSSProperties } from 'react';
import type { CalendarYear } from '../../../api/calendar';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { type DayInfo, type DayStatus, dayInfo, monthWeeks } from './calendarModel';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7].map((d) => `calendar.weekday.${d}` as MessageKey);
const TAG: Partial<Record<DayStatus, MessageKey>> = {
  holiday: 'calendar.tag.holiday',
  workday: 'calendar.tag.workday',
  closure: 'calendar.tag.closure',
};

/** Background and text colour of each status, from the theme so dark mode stays readable. */
export function useStatusColors(): Record<DayStatus, { background?: string; color?: string }> {
  const { token } = theme.useToken();
  return {
    holiday: { background: token.colorErrorBg, color: token.colorError },
    workday: { background: token.colorWarningBg, color: token.colorWarningText },
    closure: { background: token.purple1, color: token.purple7 },
    weekend: { color: token.colorTextTertiary },
    normal: {},
  };
}

function tooltipOf(info: DayInfo, t: ReturnType<typeof useT>['t']): string {
  const parts = [t(info.working ? 'calendar.status.working' : 'calendar.status.off')];
  if (info.day) parts.push(`${info.day.name} · ${t(`calendar.kind.${info.day.kind}`)}`);
  if (info.closure) parts.push(t('calendar.closedFor', { reason: info.closure.reason }));
  return parts.join('\n');
}

export function MonthGrid({
  year,
  month,
  data,
  workingDays,
  onPick,
}: {
  year: number;
  month: number;
  data: CalendarYear | undefined;
  workingDays: number | undefined;
  onPick?: (date: string) => void;
}) {
  const { t } = useT();
  const { token } = theme.useToken();
  const colors = useStatusColors();
  const first = dayjs(`${year}-${String(month).padStart(2, '0')}-01`);
  const cell: CSSProperties = { textAlign: 'center', padding: 2, fontSize: token.fontSizeSM };
  // The day itself: a plain face, a button only for those who may change it.
  const face: CSSProperties = {
    width: '100%',
    lineHeight: 1.3,
    padding: 0,
    border: 'none',
    background: 'transparent',
    color: 'inherit',
    font: 'inherit',
  };

  return (
    <Card
      size="small"
      title={t('calendar.monthTitle', { month, monthName: first.format('MMMM') })}
      extra={workingDays === undefined ? null : t('calendar.monthWorkingDays', { count: workingDays })}
      data-testid={`cal-month-${month}`}
      style={{ height: '100%' }}
    >
      <table style={{ width: '100%', tableLayout: 'fixed', borderCollapse: 'separate', borderSpacing: 2 }}>
        <thead>
          <tr>
            {WEEKDAYS.map((key) => (
              <th key={key} style={{ ...cell, fontWeight: 'normal', color: token.colorTextSecondary }}>
                {t(key)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthWeeks(year, month).map((week) => (
            <tr key={week[0]!.key}>
              {week.map(({ key, date }) => {
                if (!date) return <td key={key} />;
                const info = dayInfo(data, date);
                const tag = TAG[info.status];
                const label = (
                  <>
                    <span style={{ display: 'block' }}>{Number(date.slice(8))}</span>
                    <span style={{ display: 'block', fontSize: 10, minHeight: 13 }}>{tag ? t(tag) : ''}</span>
                  </>
                );
                return (
                  <td key={date} style={{ ...cell, ...colors[info.status], borderRadius: token.borderRadiusSM }}>
                    <Tooltip title={<span style={{ whiteSpace: 'pre-line' }}>{tooltipOf(info, t)}</span>}>
                      {onPick ? (
                        <button
                          type="button"
                          data-testid={`cal-day-${date}`}
                          data-status={info.status}
                          onClick={() => onPick(date)}
                          style={{ ...face, cursor: 'pointer' }}
                        >
                          {label}
                        </button>
                      ) : (
                        <div data-testid={`cal-day-${date}`} data-status={info.status} style={face}>
                          {label}
                        </div>
                      )}
                    </Tooltip>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
