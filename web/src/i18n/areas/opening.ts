/** Strings of the opening screens: zh is the source, en must have the same keys. */
export const zh = {
  'menu.accountOpening': '报装受理',
} satisfies Record<string, string>;

export const en: Record<keyof typeof zh, string> = {
  'menu.accountOpening': 'Account opening',
};
