import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { BroadcastEntity, RestreamDestinationEntity } from '@app/db';
import { BroadcastStatus, streamKeyWindow } from '@app/domain';
import { AuditService } from '../audit/audit.service';
import { maskSecret, randomSecret, SecretBox, sha256 } from '../common/crypto';
import { AddRestreamDto, IngestDto, RestreamDto } from './broadcasts.dto';

/** A restream destination as staff see it: the key masked. */
export const restreamDto = (r: RestreamDestinationEntity): RestreamDto => ({ id: r.id, name: r.name, rtmpUrl: r.rtmpUrl, streamKey: maskSecret(r.keyHint), createdAt: r.createdAt });

/** Statuses in which a broadcast may still go on air, so its key may be rotated and used. */
const KEYED: BroadcastStatus[] = ['draft', 'scheduled', 'ready', 'live'];

/**
 * The secrets of a broadcast: its RTMP stream key (encrypted at rest, looked up by hash) and the keys of
 * the platforms it is restreamed to (encrypted, only ever shown masked).
 */
@Injectable()
export class StreamKeysService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly box: SecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Binds a new random key, replacing any old one (which stops working at once). */
  async rotate(id: string, actorId: string): Promise<IngestDto> {
    const key = randomSecret();
    await this.ds.transaction(async (em) => {
      const [b] = await em.query(`SELECT status, stream_key_rotated_at AS "rotatedAt" FROM broadcasts WHERE id = $1 FOR UPDATE`, [id]);
      if (!b) throw new NotFoundException('No broadcast with this id.');
      if (!KEYED.includes(b.status)) throw new ConflictException(`A ${b.status} broadcast needs no stream key.`);
      const rotatedAt = new Date();
      await em.update(BroadcastEntity, { id }, { streamKeySealed: this.box.seal(key), streamKeyHash: sha256(key), streamKeyRotatedAt: rotatedAt });
      await this.audit.record(
        { actorId, action: b.rotatedAt ? 'broadcast.stream_key_rotated' : 'broadcast.stream_key_created', entityType: 'broadcast', entityId: id, before: { rotatedAt: b.rotatedAt }, after: { rotatedAt } },
        em,
      );
    });
    return this.ingest(id);
  }

  async ingest(id: string): Promise<IngestDto> {
    const [b] = await this.ds.query(`SELECT starts_at AS "start", ends_at AS "end", stream_key_sealed AS sealed FROM broadcasts WHERE id = $1`, [id]);
    if (!b) throw new NotFoundException('No broadcast with this id.');
    if (!b.sealed) throw new NotFoundException('This broadcast has no stream key yet. Create one first.');
    const window = streamKeyWindow(b.start, b.end, this.config.STREAM_KEY_LEAD_MINUTES, this.config.STREAM_KEY_GRACE_MINUTES);
    return { rtmpUrl: this.rtmpUrl(), streamKey: this.box.open(b.sealed), validFrom: window.from, validUntil: window.to };
  }

  /** For the RTMP ingest: the broadcast this key belongs to, if the key is accepted at this moment. */
  async verify(key: string, at = new Date()): Promise<string | null> {
    const [b] = await this.ds.query(`SELECT id, status, starts_at AS "start", ends_at AS "end" FROM broadcasts WHERE stream_key_hash = $1`, [sha256(key)]);
    if (!b || !KEYED.includes(b.status)) return null;
    const window = streamKeyWindow(b.start, b.end, this.config.STREAM_KEY_LEAD_MINUTES, this.config.STREAM_KEY_GRACE_MINUTES);
    return at >= window.from && at < window.to ? b.id : null;
  }

  async restreams(broadcastId: string): Promise<RestreamDto[]> {
    await this.assertBroadcast(broadcastId);
    const rows = await this.ds.getRepository(RestreamDestinationEntity).find({ where: { broadcastId }, order: { createdAt: 'ASC' } });
    return rows.map(restreamDto);
  }

  async addRestream(broadcastId: string, body: AddRestreamDto, actorId: string): Promise<RestreamDto> {
    return this.ds.transaction(async (em) => {
      await this.assertBroadcast(broadcastId);
      const keyHint = body.streamKey.slice(-4);
      const { identifiers } = await em.insert(RestreamDestinationEntity, { broadcastId, name: body.name, rtmpUrl: body.rtmpUrl, keySealed: this.box.seal(body.streamKey), keyHint });
      const dto = restreamDto(await em.findOneByOrFail(RestreamDestinationEntity, { id: identifiers[0].id }));
      await this.audit.record({ actorId, action: 'broadcast.restream_added', entityType: 'broadcast', entityId: broadcastId, after: dto }, em);
      return dto;
    });
  }

  async removeRestream(broadcastId: string, restreamId: string, actorId: string): Promise<void> {
    await this.ds.transaction(async (em) => {
      const r = await em.findOneBy(RestreamDestinationEntity, { id: restreamId, broadcastId });
      if (!r) throw new NotFoundException('This broadcast has no restream destination with this id.');
      await em.delete(RestreamDestinationEntity, { id: restreamId });
      await this.audit.record({ actorId, action: 'broadcast.restream_removed', entityType: 'broadcast', entityId: broadcastId, before: restreamDto(r) }, em);
    });
  }

  /** For the live relay: where to push the stream, keys decrypted. Never returned by the API. */
  async restreamTargets(broadcastId: string): Promise<{ name: string; url: string }[]> {
    const rows = await this.ds.getRepository(RestreamDestinationEntity).find({ where: { broadcastId }, select: { name: true, rtmpUrl: true, keySealed: true }, order: { createdAt: 'ASC' } });
    return rows.map((r) => ({ name: r.name, url: `${r.rtmpUrl.replace(/\/+$/, '')}/${this.box.open(r.keySealed)}` }));
  }

  private rtmpUrl(): string {
    const host = this.config.PUBLIC_URL ? new URL(this.config.PUBLIC_URL).hostname : ['0.0.0.0', '::'].includes(this.config.HOST) ? 'localhost' : this.config.HOST;
    return `rtmp://${host}:${this.config.RTMP_PORT}/live`;
  }

  private async assertBroadcast(id: string): Promise<void> {
    if (!(await this.ds.getRepository(BroadcastEntity).existsBy({ id }))) throw new NotFoundException('No broadcast with this id.');
  }
}
