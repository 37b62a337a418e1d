import { defineErrors } from '../../platform/errors.js';

export const NoticeError = defineErrors({
  BILL_NOT_FOUND: { status: 404, zh: '账单不存在', en: 'Bill not found' },
  BOOK_NOT_FOUND: { status: 404, zh: '抄表册不存在', en: 'Reading book not found' },
  WRONG_NOTICE: {
    status: 400,
    zh: '账单 {accountNo}（{period}）不适用「{notice}」',
    en: 'The bill of {accountNo} ({period}) does not take the notice "{notice}"',
  },
  BATCH_TOO_LARGE: {
    status: 400,
    zh: '本批涉及 {count} 户，超过单次打印上限 {max} 户，请按抄表册、片区或抄表员分批打印',
    en: 'The batch covers {count} accounts, more than the {max} one print allows; print it by book, area or reader',
  },
  NOTHING_TO_PRINT: {
    status: 404,
    zh: '{period} 没有符合条件的账单可打印通知单',
    en: 'No bills of {period} match: there is no notice to print',
  },
});
