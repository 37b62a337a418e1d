import { defineErrors } from '../errors.js';

export const SpreadsheetError = defineErrors({
  EXPORT_NOT_FOUND: { status: 404, zh: '没有「{name}」这种导出', en: 'No export "{name}"' },
  EXPORT_APPROVAL_REQUIRED: {
    status: 403,
    zh: '「{title}」含有个人信息，导出前须提交数据导出申请并经审批（IAM-5）',
    en: '"{title}" holds personal data: file a data-export request and have it approved first (IAM-5)',
  },
  EXPORT_NOT_SENSITIVE: {
    status: 400,
    zh: '「{title}」不含个人信息，无须申请，可直接导出',
    en: '"{title}" holds no personal data and needs no request: export it directly',
  },
  EXPORT_GRANT_NOT_FOUND: { status: 404, zh: '找不到该导出授权', en: 'No such export grant' },
  EXPORT_GRANT_USED: {
    status: 403,
    zh: '该导出授权已经使用过；每次审批只能导出一次，如需再次导出请重新申请',
    en: 'This export grant has been used; an approval covers one export, so file a new request',
  },
  EXPORT_GRANT_EXPIRED: {
    status: 403,
    zh: '该导出授权已过期，请重新提交数据导出申请',
    en: 'This export grant has expired; file a new data-export request',
  },
  EXPORT_GRANT_MISMATCH: {
    status: 403,
    zh: '该导出授权批准的导出或筛选条件与本次导出不同',
    en: 'This export grant approved a different export or different filters',
  },
  IMPORT_NOT_FOUND: { status: 404, zh: '没有「{name}」这种导入', en: 'No import "{name}"' },
  IMPORT_RESULT_NOT_FOUND: { status: 404, zh: '找不到该导入结果', en: 'No such import result' },
  IMPORT_UNREADABLE: {
    status: 400,
    zh: '无法读取文件：请上传 Excel 工作簿（.xlsx）',
    en: 'The file cannot be read: upload an Excel workbook (.xlsx)',
  },
  IMPORT_FILE_TOO_LARGE: {
    status: 413,
    zh: '文件过大（上限 {limit}），请分批导入',
    en: 'The file is too large (limit {limit}); import it in parts',
  },
  IMPORT_TOO_MANY_ROWS: {
    status: 400,
    zh: '文件超过 {max} 行，请分批导入',
    en: 'The file has more than {max} rows; import it in parts',
  },
  IMPORT_EMPTY: { status: 400, zh: '第一个工作表中没有数据行', en: 'The first worksheet has no data rows' },
  IMPORT_MISSING_COLUMNS: {
    status: 400,
    zh: '缺少必填列：{columns}（请使用导入模板）',
    en: 'Required columns are missing: {columns} (use the import template)',
  },
  IMPORT_DUPLICATE_COLUMN: {
    status: 400,
    zh: '列「{column}」出现了不止一次',
    en: 'The column "{column}" appears more than once',
  },
  IMPORT_REJECTED_ROWS: {
    status: 422,
    zh: '有 {rows} 行未通过校验，本次未导入任何数据。可下载未通过的行修改后重新导入，或选择只导入有效行',
    en: '{rows} rows failed the checks, so nothing was imported. Download them to fix and upload again, or import the valid rows only',
  },
});

/** Reasons a row is turned away, in the user's language; the owning module adds its own. */
export const rowReasons = {
  required: { zh: '必填', en: 'required' },
  duplicate: (row: number) => ({ zh: `与第 ${row} 行重复`, en: `the same as row ${row}` }),
  formula: { zh: '公式没有计算结果，请粘贴为数值', en: 'a formula without a result: paste it as a value' },
  errorCell: { zh: '单元格是错误值', en: 'the cell holds an error value' },
};
