import { Popover, Typography } from 'antd';
import type { PolicyItem } from '../../../api/policy';
import { isStructured, prettyJson, usePolicyFormat } from './policyFormat';

const pre = { margin: 0, maxHeight: 420, maxWidth: 560, overflow: 'auto', fontSize: 12 } as const;

/** A policy value formatted by its unit; tables show compact JSON with the full JSON on hover. */
export function PolicyValue({
  item,
  value,
  testId,
}: {
  item: Pick<PolicyItem, 'key' | 'unit'>;
  value: unknown;
  testId?: string;
}) {
  const format = usePolicyFormat();
  const text = format(item, value);
  if (!isStructured(item.unit, value)) return <span data-testid={testId}>{text}</span>;
  return (
    <Popover content={<pre style={pre}>{prettyJson(value)}</pre>} placement="left">
      <Typography.Text
        code
        data-testid={testId}
        style={{
          display: 'inline-block',
          maxWidth: 320,
          overflow: 'hidden',
          textOverflow: 'ellipsis',
          whiteSpace: 'nowrap',
          verticalAlign: 'bottom',
        }}
      >
        {text}
      </Typography.Text>
    </Popover>
  );
}
