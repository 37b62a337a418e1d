import { Space, Typography, theme } from 'antd';
import type { ApprovalReportRow } from '../../api/approvals';
import { useT } from '../../i18n/useT';

const MONTHS = 12;
const HEIGHT = 160;
const BAR = 12;
const GROUP = 48;
/** Room above the tallest bar for its count. */
const TOP = 16;

/** Submitted and approved requests per month of the year, as a plain SVG bar chart. */
export function ReportChart({ year, rows }: { year: number; rows: ApprovalReportRow[] }) {
  const { t } = useT();
  const { token } = theme.useToken();
  const months = Array.from({ length: MONTHS }, (_, i) => {
    const month = `${year}-${String(i + 1).padStart(2, '0')}`;
    const inMonth = rows.filter((r) => r.month === month);
    return {
      month,
      label: String(i + 1),
      submitted: inMonth.reduce((sum, r) => sum + r.submitted, 0),
      approved: inMonth.reduce((sum, r) => sum + r.approved, 0),
    };
  });
  const max = Math.max(1, ...months.map((m) => m.submitted));
  const scale = (n: number) => (n / max) * HEIGHT;
  const width = MONTHS * GROUP;

  const legend = (color: string, text: string) => (
    <Space size={4}>
      <span style={{ display: 'inline-block', width: 10, height: 10, background: color, borderRadius: 2 }} />
      <Typography.Text type="secondary">{text}</Typography.Text>
    </Space>
  );

  return (
    <div data-testid="approval-report-chart" style={{ marginBottom: 16 }}>
      <Space size={16} style={{ marginBottom: 8 }}>
        {legend(token.colorPrimary, t('approvals.report.submitted'))}
        {legend(token.colorSuccess, t('approvals.report.approved'))}
      </Space>
      <svg
        viewBox={`0 0 ${width} ${TOP + HEIGHT + 36}`}
        style={{ width: '100%', maxWidth: 720, height: 'auto', display: 'block' }}
        role="img"
        aria-label={t('approvals.report.chartLabel', { year })}
      >
        <g transform={`translate(0, ${TOP})`}>
          <line x1={0} y1={HEIGHT + 0.5} x2={width} y2={HEIGHT + 0.5} stroke={token.colorBorder} />
          {months.map((m, i) => {
            const x = i * GROUP + (GROUP - 2 * BAR - 4) / 2;
            return (
              <g key={m.month}>
                <title>
                  {t('approvals.report.barTitle', { month: m.month, submitted: m.submitted, approved: m.approved })}
                </title>
                <rect
                  x={x}
                  y={HEIGHT - scale(m.submitted)}
                  width={BAR}
                  height={scale(m.submitted)}
                  fill={token.colorPrimary}
                  rx={2}
                />
                <rect
                  x={x + BAR + 4}
                  y={HEIGHT - scale(m.approved)}
                  width={BAR}
                  height={scale(m.approved)}
                  fill={token.colorSuccess}
                  rx={2}
                />
                {m.submitted > 0 && (
                  <text
                    x={x + BAR}
                    y={HEIGHT - scale(m.submitted) - 4}
                    textAnchor="middle"
                    fontSize={10}
                    fill={token.colorTextSecondary}
                  >
                    {m.submitted}
                  </text>
                )}
                <text
                  x={i * GROUP + GROUP / 2}
                  y={HEIGHT + 18}
                  textAnchor="middle"
                  fontSize={11}
                  fill={token.colorTextSecondary}
                >
                  {t('approvals.report.monthShort', { m: m.label })}
                </text>
              </g>
            );
          })}
        </g>
      </svg>
    </div>
  );
}
