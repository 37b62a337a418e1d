/**
 * For Popconfirm.onConfirm: keeps the button spinning while the call runs, and swallows
 * the rejection because the mutation cache has already shown the error (an unhandled
 * rejection would only add console noise).
 */
export function settle(promise: Promise<unknown>): Promise<void> {
  return promise.then(
    () => undefined,
    () => undefined,
  );
}
