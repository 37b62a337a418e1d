/** Strings of the customers screens: zh is the source, en must have the same keys. */
export const zh = {
  'menu.customers': '用户档案',
} satisfies Record<string, string>;

export const en: Record<keyof typeof zh, string> = {
  'menu.customers': 'Customers',
};
