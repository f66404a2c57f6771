import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';
import { BadRequestException, BadGatewayException, PayloadTooLargeException } from '@nestjs/common';

/** Addresses a calendar feed URL may not reach unless private addresses are allowed: this server and its network. */
const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 3],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['::ffff:0:0', 96],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv6');
}

const MAX_REDIRECTS = 3;
const TIMEOUT_MS = 20_000;

export interface FetchLimits {
  maxBytes: number;
  allowPrivate: boolean;
}

function isPrivate(address: string): boolean {
  return isIP(address) === 4 ? PRIVATE.check(address, 'ipv4') : PRIVATE.check(address, 'ipv6');
}

const PRIVATE_REFUSED = "The feed address points into this server's own network, which is not allowed";

/**
 * Downloads an ICS feed (http, https, webcal). The address is checked after DNS resolution, on every
 * redirect, so a feed URL cannot be used to reach this server's own network.
 */
export async function fetchCalendar(rawUrl: string, limits: FetchLimits): Promise<Buffer> {
  let url: URL;
  try {
    url = new URL(rawUrl.replace(/^webcals?:\/\//i, 'https://'));
  } catch {
    throw new BadRequestException('url is not a web address');
  }
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new BadRequestException('The calendar feed must be an http, https or webcal address');
    if (url.username || url.password) throw new BadRequestException('Put no user name or password in the feed address');
    // Connections to an IP address skip the DNS lookup below, so literal addresses are checked here.
    const literal = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(literal) && !limits.allowPrivate && isPrivate(literal)) throw new BadRequestException(PRIVATE_REFUSED);
    const res = await get(url, limits);
    if ([301, 302, 303, 307, 308].includes(res.status) && res.location) {
      url = new URL(res.location, url);
      continue;
    }
    if (res.status !== 200) throw new BadGatewayException(`The calendar feed answered with HTTP ${res.status}`);
    return res.body!;
  }
  throw new BadGatewayException(`The calendar feed redirects more than ${MAX_REDIRECTS} times`);
}

function get(url: URL, limits: FetchLimits): Promise<{ status: number; location?: string; body?: Buffer }> {
  const lookup = (hostname: string, options: object, callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const refused = !limits.allowPrivate && addresses.some((a) => isPrivate(a.address));
      if (refused) return callback(Object.assign(new Error('private address'), { code: 'EPRIVATE' }), []);
      callback(null, addresses);
    });
  };
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const req = client.get(url, { lookup, timeout: TIMEOUT_MS, headers: { accept: 'text/calendar, text/csv, */*;q=0.5', 'user-agent': 'library-streams calendar import' } }, (res) => {
      const status = res.statusCode ?? 0;
      if (status !== 200) {
        res.resume();
        return resolve({ status, location: res.headers.location });
      }
      const declared = Number(res.headers['content-length'] ?? 0);
      if (declared > limits.maxBytes) {
        req.destroy();
        return reject(tooLarge(limits.maxBytes));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxBytes) {
          req.destroy();
          reject(tooLarge(limits.maxBytes));
        } else chunks.push(chunk);
      });
      res.on('end', () => resolve({ status, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPRIVATE') reject(new BadRequestException(PRIVATE_REFUSED));
      else if (err.code === 'ETIMEDOUT') reject(new BadGatewayException('The calendar feed did not answer in time'));
      else if (err.code === 'ENOTFOUND') reject(new BadRequestException(`The feed's host ${url.hostname} does not exist`));
      else reject(new BadGatewayException(`The calendar feed could not be read (${err.code ?? err.message})`));
    });
  });
}

/** 10 MB, 256 kB: how a size limit is shown to people. */
export function sizeLabel(bytes: number): string {
  return bytes >= 1024 ** 2 ? `${Math.round((bytes / 1024 ** 2) * 10) / 10} MB` : `${Math.round(bytes / 1024)} kB`;
}

function tooLarge(max: number): PayloadTooLargeException {
  return new PayloadTooLargeException(`The calendar feed is larger than ${sizeLabel(max)}; split it or import one year at a time`);
}
