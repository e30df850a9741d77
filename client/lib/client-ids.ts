/**
 * Ids for team commands, so a retried command is applied once. crypto.randomUUID only exists in
 * secure contexts, and players often join over plain http on a LAN address: use getRandomValues.
 */
export function newClientActionId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return `c-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
