import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';

/** One block of the 360° view. */
export function Section({
  title,
  testId,
  extra,
  children,
}: {
  title: ReactNode;
  testId: string;
  extra?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card size="small" title={title} extra={extra} data-testid={testId} style={{ height: '100%' }}>
      {children}
    </Card>
  );
}

/** A section with nothing to show says so, plainly. */
export function Nothing({ text, testId }: { text: string; testId?: string }) {
  return (
    <Typography.Text type="secondary" data-testid={testId}>
      {text}
    </Typography.Text>
  );
}

export const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);
