import { HttpException, HttpStatus, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { Repository } from 'typeorm';
import { MediaAssetEntity } from '@app/db';
import { isFinalAssetStatus } from '@app/domain';
import { cacheControlFor, contentTypeFor, Storage } from '@app/storage';
import { MediaProgressDto } from './dto/media-asset.dto';
import { parseRange } from './http-range';
import { STORAGE } from './storage.provider';

@Injectable()
export class MediaService {
  constructor(
    @InjectRepository(MediaAssetEntity) private readonly assets: Repository<MediaAssetEntity>,
    @Inject(STORAGE) private readonly storage: Storage,
  ) {}

  async get(id: string): Promise<MediaAssetEntity> {
    const asset = await this.assets.findOneBy({ id });
    if (!asset) throw new NotFoundException('There is no media file with this id. It may have been cancelled before the upload finished.');
    return asset;
  }

  /**
   * Server-sent events for one asset: a `progress` event with MediaProgressDto whenever its status or progress
   * changes (the row is read every `everyMs`, so every API instance sees every worker's progress), a comment line
   * every 15 s to keep proxies from closing the connection, and the end of the stream after a final status.
   */
  async events(id: string, res: Response, everyMs = 1000): Promise<void> {
    await this.get(id);
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    let last = '';
    let lastWrite = Date.now();
    let stopped = false;
    const stop = () => {
      stopped = true;
      clearInterval(timer);
      res.end();
    };
    const tick = async () => {
      const asset = await this.assets.findOneBy({ id });
      if (stopped) return;
      if (!asset) return stop();
      const data = JSON.stringify(MediaProgressDto.from(asset));
      if (data !== last) {
        res.write(`event: progress\ndata: ${data}\n\n`);
        last = data;
        lastWrite = Date.now();
      } else if (Date.now() - lastWrite >= 15_000) {
        res.write(': still here\n\n');
        lastWrite = Date.now();
      }
      if (isFinalAssetStatus(asset.status)) stop();
    };
    let running = false;
    // A failed read ends the stream; EventSource-style clients reconnect.
    const poll = () => {
      if (running || stopped) return;
      running = true;
      tick()
        .catch(() => stop())
        .finally(() => (running = false));
    };
    const timer = setInterval(poll, everyMs);
    res.on('close', () => {
      stopped = true;
      clearInterval(timer);
    });
    poll();
  }

  /** Streams one stored object with HTTP range support, its content type and cache policy. */
  async send(key: string, rangeHeader: string | undefined, res: Response, name: string = key): Promise<void> {
    const stat = await this.storage.stat(key);
    if (!stat) throw new NotFoundException('This file does not exist (yet). Renditions appear once processing has finished.');
    const range = parseRange(rangeHeader, stat.size);
    if (range === 'unsatisfiable') {
      res.setHeader('Content-Range', `bytes */${stat.size}`);
      throw new HttpException(`The file has ${stat.size} bytes; the requested range is outside it.`, HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE);
    }
    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('Content-Type', contentTypeFor(name));
    res.setHeader('Cache-Control', cacheControlFor(name));
    res.setHeader('Last-Modified', stat.modified.toUTCString());
    if (range) {
      res.status(206);
      res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${stat.size}`);
      res.setHeader('Content-Length', String(range.end - range.start + 1));
    } else {
      res.status(200);
      res.setHeader('Content-Length', String(stat.size));
    }
    if (res.req.method === 'HEAD') {
      res.end();
      return;
    }
    await pipeline(await this.storage.get(key, range), res).catch((err: NodeJS.ErrnoException) => {
      // A player that seeks or stops aborts the segment it was fetching: normal, not a server error.
      if (err.code !== 'ERR_STREAM_PREMATURE_CLOSE') throw err;
    });
  }
}
