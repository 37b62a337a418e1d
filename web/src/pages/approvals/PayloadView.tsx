import { Descriptions } from 'antd';
import type { ApprovalRequest } from '../../api/approvals';
import { CustomerChangePayloadView } from '../customers/CustomerChangePayloadView';
import { AccountRequestPayloadView } from '../system/account-requests/accountRequestPayload';
import { compactJson } from '../system/policy/policyFormat';
import { PolicyChangeSummary } from './PolicyChangeSummary';

/** What the request asks for, by kind; unknown kinds show their payload fields as they are. */
export function PayloadView({ request }: { request: ApprovalRequest }) {
  if (request.kind === 'policyChange') return <PolicyChangeSummary request={request} />;
  if (request.kind === 'accountRequest') return <AccountRequestPayloadView payload={request.payload} />;
  if (request.kind === 'customerDataChange') return <CustomerChangePayloadView payload={request.payload} />;
  const payload = request.payload;
  if (typeof payload !== 'object' || payload === null || Object.keys(payload).length === 0) return null;
  return (
    <div data-testid="approval-payload">
      <Descriptions
        size="small"
        column={1}
        bordered
        items={Object.entries(payload as Record<string, unknown>).map(([key, value]) => ({
          key,
          label: key,
          children: typeof value === 'string' ? value : compactJson(value),
        }))}
      />
    </div>
  );
}
