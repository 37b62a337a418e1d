import { type MutationFunction, useMutation, useQueryClient } from '@tanstack/react-query';
import { approvalsKey } from '../../api/approvals';

/** An approvals write that refreshes every approvals query (inbox, lists, details) once it succeeds. */
export function useApprovalMutation<TData, TVars>(
  mutationFn: MutationFunction<TData, TVars>,
  options: {
    handlesErrors?: boolean;
    onSuccess?: (data: TData, vars: TVars) => void;
    onError?: (err: Error) => void;
  } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    meta: { handlesErrors: options.handlesErrors },
    onError: options.onError,
    onSuccess: (data, vars) => {
      queryClient.invalidateQueries({ queryKey: approvalsKey });
      options.onSuccess?.(data, vars);
    },
  });
}
