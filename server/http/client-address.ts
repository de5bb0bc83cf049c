// Server, HTTP: which client a request counts against for the sign-in limits. Without
// --trust-proxy that is the connection's own address, so a header cannot fake it. With it, the
// server sits behind a reverse proxy and takes the last X-Forwarded-For entry: the address the
// proxy itself saw (entries before it were written by the client and prove nothing).
import type { IncomingMessage } from 'node:http';
import net from 'node:net';

export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? lastForwarded(req.headers['x-forwarded-for']) : undefined;
  return addressKey(forwarded ?? req.socket.remoteAddress ?? 'unknown');
}

function lastForwarded(header: string | string[] | undefined): string | undefined {
  const joined = Array.isArray(header) ? header.join(',') : header;
  const last = joined?.split(',').at(-1)?.trim();
  return last && net.isIP(stripMapped(last)) !== 0 ? last : undefined;
}

/**
 * IPv4 as it is; IPv6 by its /64 network, since one subscriber usually holds a whole /64 and
 * could otherwise make a fresh address for every attempt.
 */
export function addressKey(address: string): string {
  const plain = stripMapped(address);
  if (net.isIP(plain) !== 6) return plain;
  return `${expandIpv6(plain).slice(0, 4).join(':')}::/64`;
}

function stripMapped(address: string): string {
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
}

function expandIpv6(address: string): string[] {
  const [head = '', tail] = address.toLowerCase().split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((group) => group.replace(/^0+(?=.)/, ''));
}
