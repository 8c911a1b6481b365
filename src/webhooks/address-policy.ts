/**
 * Webhook targets must not reach into our own network (SSRF). Only public unicast
 * addresses are allowed unless configuration says otherwise: an allow-list of one range
 * (ipaddr.js classifies), so loopback, private, link-local, CGNAT, benchmarking
 * (198.18.0.0/15), multicast, broadcast, reserved, NAT64 (64:ff9b::/96), 6to4, Teredo
 * and IPv4-mapped or IPv4-compatible IPv6 spellings of any of them are all refused.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** ::/96 embeds an IPv4 address (the deprecated "IPv4-compatible" form, e.g. [::127.0.0.1]). */
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

export function isPrivateAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const ip = ipaddr.process(address); // IPv4-mapped IPv6 becomes the IPv4 address it carries
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).match(IPV4_COMPATIBLE)) return true;
  return ip.range() !== 'unicast';
}

export interface UrlPolicy {
  allowPrivate: boolean;
  allowHttp: boolean;
}

/** Returns the reason a URL is refused, or null when it may be called. */
export async function refusalOf(rawUrl: string, policy: UrlPolicy): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return 'not a valid URL';
  }
  if (url.protocol !== 'https:' && !(policy.allowHttp && url.protocol === 'http:'))
    return 'webhook URLs must use https';
  if (url.username || url.password) return 'webhook URLs must not carry credentials';
  if (policy.allowPrivate) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host)
    ? [host]
    : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  if (addresses.length === 0) return `cannot resolve ${host}`;
  if (addresses.some(isPrivateAddress)) return `${host} resolves to a private address`;
  return null;
}
