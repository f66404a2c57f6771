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
