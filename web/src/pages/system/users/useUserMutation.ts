import { type MutationFunction, useMutation, useQueryClient } from '@tanstack/react-query';
import { rolesKey } from '../../../api/roles';
import { usersKey } from '../../../api/users';

/** A user write that refreshes every user list (and role user counts) once it succeeds. */
export function useUserMutation<TData, TVars>(
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
      queryClient.invalidateQueries({ queryKey: usersKey });
      queryClient.invalidateQueries({ queryKey: rolesKey });
      options.onSuccess?.(data, vars);
    },
  });
}
