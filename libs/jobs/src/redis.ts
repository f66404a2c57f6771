import Redis from 'ioredis';

/**
 * Redis connections. Workers (and BullMQ's blocking connections) need `maxRetriesPerRequest: null`;
 * the API fails fast instead so a request never hangs on a Redis outage.
 */
export function createRedis(url: string, role: 'api' | 'worker'): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    enableOfflineQueue: role === 'worker',
    connectionName: `library-streams-${role}`,
    lazyConnect: false,
  });
}

/**
 * Closes queue objects without hanging: with Redis unreachable, BullMQ's close() waits for a connection that never
 * comes, which would block a shutdown. Waits at most `ms`.
 */
export async function closeWithin(ms: number, closers: Array<() => Promise<unknown>>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([Promise.allSettled(closers.map((close) => close())), timeout]);
  clearTimeout(timer);
}
