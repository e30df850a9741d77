/**
 * Join links are built from the Host header unless PUBLIC_URL is set. Only a plain host[:port]
 * (a DNS name, an IPv4 address or a bracketed IPv6 address, then an optional port) may go into a
 * link: anything else (`evil.example/phish?x=`, spaces, user info) would make a link that lies.
 */
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const HOST_PORT = new RegExp(`^(?:${LABEL}(?:\\.${LABEL})*|\\[[0-9A-Fa-f:.]{2,45}\\])(?::\\d{1,5})?$`);

/** The Host header if it is a plain host[:port], else null. */
export function plainHost(host: string | undefined): string | null {
  return host !== undefined && host.length <= 255 && HOST_PORT.test(host) ? host : null;
}

export const BAD_HOST = 'the Host header must be a host name or address with an optional port (or the server needs PUBLIC_URL)';
