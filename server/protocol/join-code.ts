/** Join codes: 6 characters from an unambiguous alphabet (no 0/O, 1/I/L), shown as "K7QX-2M". */
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const JOIN_CODE_LENGTH = 6;

/** "K7QX2M" → "K7QX-2M". */
export function formatJoinCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Accepts "k7qx-2m", " K7QX2M " … and returns "K7QX2M", or null when it cannot be a code. */
export function normalizeJoinCode(input: string): string | null {
  const c = input.trim().toUpperCase().replace(/[-\s]/g, '');
  return c.length === JOIN_CODE_LENGTH && [...c].every((ch) => JOIN_CODE_ALPHABET.includes(ch)) ? c : null;
}
