import { z } from 'zod';

/** Query-string paging shared by every list: 1-based page, at most 200 rows a page. */
export const pagingQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  order: z.enum(['asc', 'desc']).default('asc'),
};

export function pageOf<T>(schema: T) {
  return z.object({
    items: z.array(schema as z.ZodType),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

/** The LIMIT/OFFSET of a page; both are integers the paging schema has already bounded. */
export function pageClause(q: { page: number; pageSize: number }): string {
  return `LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`;
}
