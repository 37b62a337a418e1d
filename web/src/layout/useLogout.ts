import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { logout } from '../api/auth';
import { endSession } from '../auth/session';

export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: logout,
    // Leave the console even if the call failed: the session is gone or unusable anyway.
    onSettled: () => {
      endSession(queryClient);
      navigate('/login', { replace: true });
    },
  });
}
