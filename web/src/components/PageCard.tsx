import { Card } from 'antd';
import type { ReactNode } from 'react';

/** The frame of every list page: title on the left, actions on the right. */
export function PageCard({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <Card title={title} extra={extra} variant="borderless">
      {children}
    </Card>
  );
}
