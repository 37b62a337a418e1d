import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Col, Flex, Row, Select, Space, Spin, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { calendarKey, listCalendarDays } from '../../../api/calendar';
import { useCan } from '../../../auth/CurrentUserContext';
import { PageCard } from '../../../components/PageCard';
import { ExportButton } from '../../../components/spreadsheets/ExportButton';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { type DayStatus, dayInfo } from './calendarModel';
import { DayModal } from './DayModal';
import { MonthGrid, useStatusColors } from './MonthGrid';
import { WorkingTimeCalculator } from './WorkingTimeCalculator';

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);
const LEGEND: [DayStatus, MessageKey][] = [
  ['holiday', 'calendar.legend.holiday'],
  ['workday', 'calendar.legend.workday'],
  ['closure', 'calendar.legend.closure'],
  ['weekend', 'calendar.legend.weekend'],
];

function Legend() {
  const { t } = useT();
  const colors = useStatusColors();
  return (
    <Space size="middle" wrap>
      {LEGEND.map(([status, key]) => (
        <Space key={status} size={4}>
          <span
            style={{
              display: 'inline-block',
              width: 14,
              height: 14,
              borderRadius: 3,
              border: '1px solid rgba(0,0,0,0.06)',
              background: colors[status].background,
            }}
          />
          <span style={{ color: colors[status].color }}>{t(key)}</span>
        </Space>
      ))}
    </Space>
  );
}

/** SVC-6: the official holiday schedule and the company's closures, a year at a time. */
export function CalendarPage() {
  const { t } = useT();
  const can = useCan();
  const canEditClosures = can('calendar.manage');
  const canEditNational = can('calendar.national.manage');
  const canManage = canEditClosures || canEditNational;
  const thisYear = dayjs().year();
  const [year, setYear] = useState(thisYear);
  const [picked, setPicked] = useState<string | null>(null);
  const calendar = useQuery({
    queryKey: [...calendarKey, year],
    queryFn: () => listCalendarDays(year),
    placeholderData: keepPreviousData,
  });
  const data = calendar.data?.year === year ? calendar.data : undefined;
  const onFile = calendar.data?.yearsWithData ?? [];
  const years = new Set([...onFile, thisYear - 1, thisYear, thisYear + 1]);
  const yearOptions = [...years]
    .sort((a, b) => b - a)
    .map((y) => ({
      value: y,
      label: t(onFile.includes(y) ? 'calendar.yearOption' : 'calendar.yearOptionNoData', { year: y }),
    }));

  const months = data?.months ?? [];
  const summaryColumns = [
    ...MONTHS.map((m) => ({
      title: t('calendar.summaryMonth', {
        month: m,
        monthShort: dayjs(`${year}-${String(m).padStart(2, '0')}-01`).format('MMM'),
      }),
      key: String(m),
      align: 'center' as const,
      render: () => months[m - 1]?.workingDays,
    })),
    {
      title: t('calendar.summaryTotal'),
      key: 'total',
      align: 'center' as const,
      render: () => <strong>{months.reduce((sum, m) => sum + m.workingDays, 0)}</strong>,
    },
  ];

  return (
    <PageCard
      title={t('menu.calendar')}
      extra={
        <Space>
          <Select<number>
            value={year}
            onChange={setYear}
            options={yearOptions}
            style={{ width: 160 }}
            data-testid="cal-year"
          />
          <ExportButton exportName="calendarDays" filters={{ year }} />
        </Space>
      }
    >
      <Flex vertical gap="middle">
        {data && (
          <Alert
            type={data.hasData ? 'info' : 'warning'}
            showIcon
            data-testid="cal-data-status"
            title={t(data.hasData ? 'calendar.hasData' : 'calendar.noData', { year })}
            description={
              onFile.length
                ? t('calendar.yearsWithData', { years: onFile.join(t('calendar.listSeparator')) })
                : t('calendar.yearsWithDataNone')
            }
          />
        )}
        <Flex justify="space-between" wrap gap="small">
          <Legend />
          {canManage && <Typography.Text type="secondary">{t('calendar.clickHint')}</Typography.Text>}
        </Flex>
        <Spin spinning={calendar.isFetching}>
          <Row gutter={[12, 12]}>
            {MONTHS.map((m) => (
              <Col key={m} xs={24} sm={12} lg={8} xxl={6}>
                <MonthGrid
                  year={year}
                  month={m}
                  data={data}
                  workingDays={data?.months[m - 1]?.workingDays}
                  onPick={canManage ? setPicked : undefined}
                />
              </Col>
            ))}
          </Row>
        </Spin>
        <Row gutter={[12, 12]}>
          <Col xs={24} xl={14}>
            <Typography.Title level={5}>{t('calendar.summary')}</Typography.Title>
            <Table
              rowKey={() => 'summary'}
              data-testid="cal-summary"
              size="small"
              bordered
              columns={summaryColumns}
              dataSource={data ? [{}] : []}
              pagination={false}
              scroll={{ x: true }}
            />
          </Col>
          <Col xs={24} xl={10}>
            <WorkingTimeCalculator />
          </Col>
        </Row>
      </Flex>
      {picked && data && (
        <DayModal
          key={picked}
          info={dayInfo(data, picked)}
          onClose={() => setPicked(null)}
          canEditNational={canEditNational}
          canEditClosures={canEditClosures}
        />
      )}
    </PageCard>
  );
}
