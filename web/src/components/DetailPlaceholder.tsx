import { Card, Result, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';

/** What a detail page shows until its record is there: a skeleton while it loads, then 404 or an error. */
export function DetailPlaceholder({
  query,
  notFound,
  failed,
  back,
}: {
  query: { isPending: boolean; error: unknown };
  notFound: string;
  failed: string;
  back: ReactNode;
}) {
  if (query.isPending) {
    return (
      <Card variant="borderless">
        <Skeleton active />
      </Card>
    );
  }
  const missing = query.error instanceof ApiError && query.error.status === 404;
  return (
    <Card variant="borderless">
      <Result status={missing ? '404' : 'error'} title={missing ? notFound : failed} extra={back} />
    </Card>
  );
}
