import type { TablePaginationConfig } from 'antd';
import type { SortOrder as AntSortOrder, SorterResult } from 'antd/es/table/interface';
import type { PageParams, SortOrder } from '../api/types';

export function sortOrderOf(params: PageParams, key: string): AntSortOrder {
  if (params.sort !== key) return null;
  return params.order === 'desc' ? 'descend' : 'ascend';
}

/** antd Table onChange → server paging/sorting params (antd itself goes back to page 1 on a new sort). */
export function tableChangeToPage<Row, S extends string>(
  pagination: TablePaginationConfig,
  sorter: SorterResult<Row> | SorterResult<Row>[],
  sortable: readonly S[],
): { page: number; pageSize: number; sort?: S; order?: SortOrder } {
  const single = Array.isArray(sorter) ? sorter[0] : sorter;
  const key = String(single?.columnKey ?? single?.field ?? '');
  const sort = single?.order && sortable.includes(key as S) ? (key as S) : undefined;
  const order: SortOrder | undefined = sort ? (single?.order === 'descend' ? 'desc' : 'asc') : undefined;
  return { page: pagination.current ?? 1, pageSize: pagination.pageSize ?? 20, sort, order };
}
