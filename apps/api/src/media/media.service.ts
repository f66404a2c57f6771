import { HttpException, HttpStatus, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { Repository } from 'typeorm';
import { MediaAssetEntity } from '@app/db';
import { cacheControlFor, contentTypeFor, Storage } from '@app/storage';
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
    await pipeline(await this.storage.get(key, range), res);
  }
}
