/**
 * Where people can reach this server, for join links and QR codes. A host who opened
 * http://localhost:3000 must not project a QR code that points at localhost: every phone that
 * scans it would fail. PUBLIC_URL wins; otherwise a loopback request host is replaced by the
 * machine's first non-loopback address (the first one `npm start` prints).
 */
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import type { HostSnapshot } from '../protocol/views.ts';

export type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

/** How the base of the join links was chosen; the lobby explains it to the host. */
export type JoinLinkSource = 'public-url' | 'request' | 'network-address' | 'loopback-only';

export interface JoinBase {
  baseUrl: string;
  source: JoinLinkSource;
  /** Other addresses of this machine people may try when the first one is on the wrong network. */
  alternatives: string[];
}

const LOOPBACK_NAMES = new Set(['localhost', 'ip6-localhost', 'ip6-loopback', '::1', '[::1]', '0.0.0.0', '::', '[::]']);

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return LOOPBACK_NAMES.has(h) || h.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** The hostname of a Host header value ("[::1]:3000" → "[::1]", "localhost:3000" → "localhost"). */
export function hostnameOf(hostHeader: string): string {
  if (hostHeader.startsWith('[')) return hostHeader.slice(0, hostHeader.indexOf(']') + 1);
  return hostHeader.split(':')[0] ?? hostHeader;
}

/**
 * Base URLs other machines can use to reach a server bound to bindHost:port, in the order
 * `npm start` prints them (IPv4, non-internal). Empty when it is bound to a loopback address only.
 */
export function networkBaseUrls(bindHost: string, port: number, interfaces: Interfaces = networkInterfaces()): string[] {
  if (bindHost !== '0.0.0.0' && bindHost !== '::') {
    return isLoopbackHost(bindHost) ? [] : [`http://${bindHost.includes(':') ? `[${bindHost}]` : bindHost}:${port}`];
  }
  const found: string[] = [];
  for (const addresses of Object.values(interfaces)) {
    for (const a of addresses ?? []) if (a.family === 'IPv4' && !a.internal) found.push(`http://${a.address}:${port}`);
  }
  return found;
}

/** The base for join links answering a request whose Host header is hostHeader. */
export function joinBase(hostHeader: string, options: { publicUrl?: string; protocol?: string; networkUrls: string[] }): JoinBase {
  const requested = `${options.protocol ?? 'http'}://${hostHeader}`;
  if (options.publicUrl) return { baseUrl: options.publicUrl, source: 'public-url', alternatives: [] };
  if (!isLoopbackHost(hostnameOf(hostHeader))) {
    return { baseUrl: requested, source: 'request', alternatives: options.networkUrls.filter((u) => u !== requested) };
  }
  const [first, ...rest] = options.networkUrls;
  if (first === undefined) return { baseUrl: requested, source: 'loopback-only', alternatives: [] };
  return { baseUrl: first, source: 'network-address', alternatives: rest };
}

/** The host snapshot with the same join links on the other addresses, and how the first was chosen. */
export function withJoinLinks(snapshot: HostSnapshot, join: JoinBase): HostSnapshot {
  const path = new URL(snapshot.joinUrl).pathname;
  return { ...snapshot, joinLinks: { source: join.source, alternatives: join.alternatives.map((base) => `${base}${path}`) } };
}
