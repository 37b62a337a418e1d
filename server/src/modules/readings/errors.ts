import { defineErrors } from '../../platform/errors.js';

export const ReadingError = defineErrors({
  BOOK_NOT_FOUND: { status: 404, zh: '找不到该抄表册', en: 'No such reading book' },
  BOOK_CODE_TAKEN: { status: 409, zh: '抄表册编号「{code}」已被使用', en: 'The book code "{code}" is taken' },
  PLAN_NOT_FOUND: { status: 404, zh: '找不到该抄表计划', en: 'No such reading plan' },
  READING_NOT_FOUND: { status: 404, zh: '找不到该抄表记录', en: 'No such reading' },
  READER_NOT_FOUND: { status: 400, zh: '抄表员不存在或已停用', en: 'No such active reader' },
  ACCOUNT_NOT_FOUND: { status: 400, zh: '用户编号 {accountNo} 不存在', en: 'No account {accountNo}' },
  ACCOUNT_IN_OTHER_BOOK: {
    status: 409,
    zh: '用户 {accountNo} 已在抄表册「{book}」中',
    en: 'Account {accountNo} is in the book "{book}" already',
  },
  DUPLICATE_ACCOUNT: {
    status: 400,
    zh: '用户 {accountNo} 在册中出现了不止一次',
    en: 'Account {accountNo} appears more than once in the book',
  },
  DUPLICATE_SEQ: { status: 400, zh: '抄表顺序 {seq} 重复', en: 'The walking order {seq} appears twice' },
  STALE_VERSION: {
    status: 409,
    zh: '该记录已被他人修改，请刷新后重试',
    en: 'Someone else changed this record; reload and try again',
  },
  PLAN_NOT_DUE: {
    status: 400,
    zh: '抄表册「{book}」在 {period} 不是抄表月（居民每 {cycle} 个月抄一次）',
    en: 'The book "{book}" is not read in {period} (residential every {cycle} months)',
  },
  PLAN_EXISTS: { status: 409, zh: '抄表册在 {period} 已有计划', en: 'The book has a plan for {period} already' },
  PLAN_OUTSIDE_WINDOW: {
    status: 400,
    zh: '工商户抄表日期须在每月 {first} 日至 {last} 日之间',
    en: 'C&I readings are planned between the {first} and the {last} of the month',
  },
  PLAN_OUTSIDE_PERIOD: {
    status: 400,
    zh: '计划抄表日期须在 {period} 月内',
    en: 'The planned date must fall inside {period}',
  },
  PLAN_UPLOADED: {
    status: 409,
    zh: '该计划的抄表数据已上传，不能再修改',
    en: 'The readings of this plan are uploaded; it can no longer change',
  },
  NOT_FLAGGED: {
    status: 409,
    zh: '该抄表记录不在待审核状态（当前：{status}）',
    en: 'This reading is not waiting for review (it is {status})',
  },
  REASON_REQUIRED: { status: 400, zh: '更正抄表读数须填写原因', en: 'A correction needs a reason' },
  CORRECTION_REVERSAL: {
    status: 400,
    zh: '更正后的读数 {reading} 低于上期读数 {previous}',
    en: 'The corrected reading {reading} is below the last one, {previous}',
  },
  FILE_COLUMNS: {
    status: 400,
    zh: '文件缺少必需的列：{columns}（需要：期间、用户编号、表号、本次读数、抄表日期）',
    en: 'The file lacks the columns: {columns} (needed: period, account no, meter serial, reading, read on)',
  },
  FILE_UNREADABLE: { status: 400, zh: '无法读取上传的文件', en: 'The uploaded file cannot be read' },
  FILE_EMPTY: { status: 400, zh: '文件中没有抄表数据', en: 'The file holds no readings' },
  TOO_MANY_ROWS: {
    status: 413,
    zh: '一次最多上传 {max} 条抄表数据',
    en: 'At most {max} readings per upload',
  },
  REJECTED_ROWS: {
    status: 422,
    zh: '有 {rows} 行未通过校验，本次未导入任何数据',
    en: '{rows} rows failed the checks, so nothing was imported',
  },
});

/** Why an uploaded row is turned away (MTR-3 exchange), in both languages. */
export const rowProblems = {
  period: { zh: '期间须为 YYYY-MM', en: 'The period must be YYYY-MM' },
  accountNo: { zh: '用户编号须为 6–18 位数字', en: 'The account no must be 6–18 digits' },
  meterSerial: { zh: '表号不能为空', en: 'The meter serial is required' },
  reading: {
    zh: '本次读数须为不小于 0 的数字（最多 3 位小数）',
    en: 'The reading must be a number ≥ 0 (3 decimals at most)',
  },
  readOn: { zh: '抄表日期须为 YYYY-MM-DD 的有效日期', en: 'The read-on date must be a valid YYYY-MM-DD' },
  readInFuture: { zh: '抄表日期不能晚于今天', en: 'The read-on date cannot be in the future' },
  duplicate: { zh: '与第 {other} 行重复（同一表同一期间）', en: 'Duplicates row {other} (same meter and period)' },
  unknownMeter: {
    zh: '用户 {accountNo} 下没有在用的表号 {meterSerial}',
    en: 'Account {accountNo} has no installed meter {meterSerial}',
  },
  alreadyAccepted: {
    zh: '该表本期已有已确认的读数 {reading}，如需修改请走审核更正',
    en: 'This meter has an accepted reading {reading} for the period; correct it through review',
  },
} as const;
