/** Strings of the platform pages: zh is the source, en must have the same keys. */
export const zh = {} satisfies Record<string, string>;

export const en: Record<keyof typeof zh, string> = {};
