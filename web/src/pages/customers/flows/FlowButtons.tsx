export interface FlowButtonsProps {
  accountId: string;
  status: 'pending' | 'active' | 'suspended' | 'closed';
  /** Called after a flow changed the account, so the 360° view refetches. */
  onChanged: () => void;
}

/** The action buttons of the 360° view that start the account-change flows (CUS-9, CUS-10, CUS-11). */
export function FlowButtons(_props: FlowButtonsProps) {
  return null;
}
