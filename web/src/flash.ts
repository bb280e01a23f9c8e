/**
 * A one-time message for the next page ("The resident has been registered."), kept in memory only so it
 * never ends up in the address bar or browser history.
 */
let pending: { path: string; message: string } | null = null;

export function setFlash(path: string, message: string): void {
  pending = { path, message };
}

export function takeFlash(path: string): string | null {
  if (!pending || pending.path !== path) return null;
  const { message } = pending;
  pending = null;
  return message;
}
