import { isIP } from 'node:net';
import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppEnv } from '../app-env';

/**
 * Where a request came from, for throttling. Without a trusted proxy it is the socket's peer, and
 * `X-Forwarded-For` is ignored: anyone can send that header. Behind one trusted reverse proxy
 * (`TRUST_PROXY=true`), it is the right-most `X-Forwarded-For` entry, the one that proxy appended;
 * everything left of it came from the client and can say anything. With a chain of proxies the
 * right-most entry is the inner proxy, so all clients would share it: we support exactly one.
 */
export function clientAddressOf(socketAddress: string | undefined, forwardedFor: string | undefined, trustProxy: boolean): string {
  if (trustProxy && forwardedFor) {
    const last = forwardedFor.split(',').at(-1)?.trim() ?? '';
    if (isIP(last)) return last;
  }
  return socketAddress ?? 'unknown';
}

function socketAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    // app.request() in tests has no socket.
    return undefined;
  }
}

/** Sets `c.var.clientAddress`. */
export function resolveClientAddress(trustProxy: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('clientAddress', clientAddressOf(socketAddress(c), c.req.header('x-forwarded-for'), trustProxy));
    await next();
  };
}
