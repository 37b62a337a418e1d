import ExcelJS from 'exceljs';
import type { MonthlyReport } from './service.js';

/** BIL-4: the monthly report of late-fee waivers (by reason, by approval tier) as a workbook. */
export async function writeReportXlsx(report: MonthlyReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`${report.month} 违约金减免月报`);
  ws.addRow([`违约金减免月报 ${report.month}`]).font = { bold: true, size: 14 };
  ws.addRow([
    `本月申请 ${report.requested} 笔，${report.requestedAmount} 元；本月批准 ${report.approved} 笔，${report.approvedAmount} 元；驳回 ${report.rejected} 笔；撤回 ${report.withdrawn} 笔`,
  ]);
  ws.addRow([]);
  const header = (cells: string[]) => {
    ws.addRow(cells).font = { bold: true };
  };
  header(['减免原因', '类别', '批准笔数', '批准金额（元）', '驳回笔数', '撤回笔数']);
  for (const r of report.byReason) {
    ws
      .addRow([
        r.reasonName.zh,
        r.category === 'waive' ? '免收' : '减收',
        r.approved,
        Number(r.approvedAmount),
        r.rejected,
        r.withdrawn,
      ])
      .getCell(4).numFmt = '#,##0.00';
  }
  ws.addRow(['合计', '', report.approved, Number(report.approvedAmount), report.rejected, report.withdrawn]).font = {
    bold: true,
  };
  ws.addRow([]);
  header(['审批档位（级数）', '终审环节', '批准笔数', '批准金额（元）', '驳回笔数', '撤回笔数']);
  for (const t of report.byTier) {
    ws
      .addRow([`${t.levels} 级`, t.tierLabel, t.approved, Number(t.approvedAmount), t.rejected, t.withdrawn])
      .getCell(4).numFmt = '#,##0.00';
  }
  ws.columns.forEach((c, i) => {
    c.width = [22, 20, 10, 16, 10, 10][i] ?? 12;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
