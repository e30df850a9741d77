/**
 * Who a request comes from, for rate limits and caps. The socket's peer address, unless the
 * server runs behind proxies it was told about (TRUST_PROXY = how many proxy hops are ours): then
 * the address the outermost of our proxies saw, taken from the right end of X-Forwarded-For.
 * Anyone can write X-Forwarded-For, so without TRUST_PROXY it is ignored.
 */
import { isIP } from 'node:net';

export function clientAddress(remote: string | undefined, forwardedFor: string | string[] | undefined, trustProxyHops: number): string {
  let address = remote ?? 'unknown';
  if (trustProxyHops > 0 && forwardedFor !== undefined) {
    const chain = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',').map((a) => a.trim()).filter((a) => a !== '');
    const seen = chain[Math.max(0, chain.length - trustProxyHops)];
    if (seen !== undefined && isIP(seen) !== 0) address = seen;
  }
  return addressKey(address);
}

/**
 * The key limits count against: an IPv4 address as it is (IPv4-mapped IPv6 unwrapped), an IPv6
 * address by its /64 prefix (one subscriber usually holds a whole /64).
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const headParts = head === '' ? [] : head.split(':');
  const tailParts = tail === '' ? [] : tail.split(':');
  const full = address.includes('::') ? [...headParts, ...Array<string>(8 - headParts.length - tailParts.length).fill('0'), ...tailParts] : headParts;
  return `${full.slice(0, 4).map((h) => h.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/** TRUST_PROXY: unset or 0 = no proxy; a number of hops; "true" = one hop. */
export function parseTrustProxy(value: string | undefined): number {
  if (value === undefined || value === '' || value === 'false') return 0;
  if (value === 'true') return 1;
  const hops = Number(value);
  if (!Number.isInteger(hops) || hops < 0 || hops > 10) throw new Error(`TRUST_PROXY must be a number of proxy hops (0–10) or true/false, not "${value}"`);
  return hops;
}
