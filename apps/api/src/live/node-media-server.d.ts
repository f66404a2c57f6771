declare module 'node-media-server' {
  /** The parts of a node-media-server session the ingest reads. */
  export interface NmsSession {
    id: string;
    /** "address:port" of the client. */
    ip: string;
    protocol: string;
    streamApp: string;
    streamName: string;
    streamPath: string;
    isPublisher: boolean;
    inBytes: number;
    /** From the publisher's metadata: FLV codec ids (7 H.264, 10 AAC) or FourCC. */
    videoCodec: number | string;
    audioCodec: number | string;
    videoWidth: number;
    videoHeight: number;
    videoFramerate: number;
    /** The stream this session publishes or plays (set once the client asked for a stream). */
    broadcast?: { publishGraceMs: number };
    close(): void;
  }
  export type NmsEvent = 'prePublish' | 'postPublish' | 'donePublish' | 'prePlay' | 'postPlay' | 'donePlay';
  export default class NodeMediaServer {
    constructor(config: Record<string, unknown>);
    rtmpServer: { handleRequest(socket: import('node:net').Socket): void };
    on(event: NmsEvent, listener: (session: NmsSession) => void): void;
    stop(): Promise<void>;
  }
}

declare module 'node-media-server/src/core/logger.js' {
  const logger: { log(message: string, level?: string): void; level: string };
  export default logger;
}
