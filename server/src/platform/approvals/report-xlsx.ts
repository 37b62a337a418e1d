import ExcelJS from 'exceljs';

interface Report {
  year: number;
  items: {
    month: string;
    kindName: { zh: string };
    submitted: number;
    approved: number;
    rejected: number;
    withdrawn: number;
    pending: number;
    approvedAmount: string;
  }[];
}

/** The monthly approvals report (BIL-4 register and monthly report) as a workbook. */
export async function writeReportXlsx(report: Report): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`${report.year} 审批月报`);
  ws.columns = [
    { header: '月份', key: 'month', width: 10 },
    { header: '审批类型', key: 'kind', width: 18 },
    { header: '提交', key: 'submitted', width: 8 },
    { header: '通过', key: 'approved', width: 8 },
    { header: '驳回', key: 'rejected', width: 8 },
    { header: '撤回', key: 'withdrawn', width: 8 },
    { header: '审批中', key: 'pending', width: 8 },
    { header: '通过金额（元）', key: 'approvedAmount', width: 16 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of report.items) {
    ws.addRow({ ...r, kind: r.kindName.zh, approvedAmount: Number(r.approvedAmount) });
  }
  ws.getColumn('approvedAmount').numFmt = '#,##0.00';
  return Buffer.from(await wb.xlsx.writeBuffer());
}
