import ExcelJS from 'exceljs';
import type { CountReport } from './schemas.js';
import { KIND_ZH } from './service.js';

/** PAY-5: the 票据盘点表 of a month as a workbook, a row per holder and series. */
export async function countReportXlsx(r: CountReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`${r.month} 票据盘点表`);
  ws.addRow([`票据盘点表 Stock count ${r.month}`]).font = { bold: true, size: 14 };
  ws.addRow([`生成日期 ${r.builtOn}`, `编制 ${r.builtBy?.name ?? '系统'}`]);
  ws.addRow([]);
  ws.addRow([
    '序号',
    '领用人 Holder',
    '票据种类 Kind',
    '代码/字轨 Series',
    '本月领入 Issued',
    '本月交出 Handed over',
    '已用 Used',
    '作废 Voided',
    '缺号/丢失 Missing',
    '结存 Remaining',
  ]).font = { bold: true };
  r.rows.forEach((x, i) => {
    ws.addRow([
      i + 1,
      x.holderName,
      KIND_ZH[x.kind] ?? x.kind,
      x.series,
      x.issued,
      x.handedOver,
      x.used,
      x.voided,
      x.missing,
      x.remaining,
    ]);
  });
  const sum = (k: 'issued' | 'handedOver' | 'used' | 'voided' | 'missing' | 'remaining') =>
    r.rows.reduce((s, x) => s + x[k], 0);
  ws.addRow([
    '合计 Total',
    '',
    '',
    '',
    sum('issued'),
    sum('handedOver'),
    sum('used'),
    sum('voided'),
    sum('missing'),
    sum('remaining'),
  ]).font = { bold: true };
  for (const [i, w] of [8, 16, 16, 14, 12, 14, 10, 10, 14, 12].entries()) ws.getColumn(i + 1).width = w;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
