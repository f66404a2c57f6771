import net from 'node:net';
import { Logger } from '@nestjs/common';
import NodeMediaServer, { NmsEvent, NmsSession } from 'node-media-server';
import nmsLogger from 'node-media-server/src/core/logger.js';

export type { NmsSession } from 'node-media-server';

/**
 * The RTMP server: node-media-server speaks RTMP and fans a published stream out to local players (our ffmpeg
 * processes). We own the TCP listener, because node-media-server's own exits the process when its port is taken,
 * and we keep its publish grace at zero: reconnects are handled by the live sessions, for any client address.
 */
export class RtmpServer {
  private readonly logger = new Logger('RTMP');
  private readonly nms: NodeMediaServer;
  private readonly server: net.Server;
  private closed = false;

  constructor(handlers: Partial<Record<NmsEvent, (session: NmsSession) => void>>) {
    nmsLogger.log = (message: string, level = 'info') => {
      if (level === 'error' || level === 'warn') this.logger.warn(message);
      else this.logger.debug(message);
    };
    this.nms = new NodeMediaServer({ webadmin: { enable: false }, record: {}, store: {} });
    for (const [event, handler] of Object.entries(handlers)) {
      this.nms.on(event as NmsEvent, (session) => {
        if (!this.closed) handler(session);
      });
    }
    this.nms.on('prePublish', (session) => {
      if (session.broadcast) session.broadcast.publishGraceMs = 0;
    });
    this.server = net.createServer((socket) => this.nms.rtmpServer.handleRequest(socket));
  }

  /** Starts listening; resolves with the port (useful when asked for port 0). */
  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve((this.server.address() as net.AddressInfo).port);
      });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.nms.stop();
    await new Promise<void>((resolve) => (this.server.listening ? this.server.close(() => resolve()) : resolve()));
  }
}
