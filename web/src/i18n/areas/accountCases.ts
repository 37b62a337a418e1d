/** Strings of the accountCases screens: zh is the source, en must have the same keys. */
export const zh = {
  'menu.accountCases': '用户变更业务',
} satisfies Record<string, string>;

export const en: Record<keyof typeof zh, string> = {
  'menu.accountCases': 'Account changes',
};
