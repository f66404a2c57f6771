import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { AssetCaption, AssetChapter, MediaAssetEntity } from '@app/db';
import { CaptionError, chaptersVtt, Cue, masterPlaylist, Rendition, srtToVtt, subtitlePlaylist, validateVtt } from '@app/media';
import { contentTypeFor, mediaKey, Storage } from '@app/storage';
import type { AuthUser } from '../auth/access.guard';
import { AuditService } from '../audit/audit.service';
import { lockAsset } from './media-processing.service';
import { STORAGE } from './storage.provider';

/** BCP 47 language tags as captions use them: `nl`, `en`, `pt-BR`, `zh-Hant`. */
const LANG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/;

const unprocessable = (what: string, err: CaptionError) =>
  new UnprocessableEntityException({ statusCode: 422, error: 'Unprocessable Entity', message: `${what}: ${err.message}`, problems: err.problems });

/** The cue text without markup, one cue a line: what search indexes. */
export function transcriptOf(cues: Cue[]): string {
  const plain = (t: string) => t.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
  return cues.map((c) => plain(c.text)).filter(Boolean).join('\n');
}

/** The language's own name for itself ("Nederlands", "English"), or the tag when the runtime does not know it. */
function languageName(lang: string): string {
  try {
    const name = new Intl.DisplayNames([lang], { type: 'language' }).of(lang) ?? lang;
    return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
  } catch {
    return lang;
  }
}

/**
 * Caption tracks and chapters of an asset. Files are written next to the HLS master playlist (hls/captions/{lang}.vtt
 * with a subtitle playlist, hls/chapters.vtt); the master playlist is rewritten to list the tracks. The row keeps
 * each track's plain-text transcript for search.
 */
@Injectable()
export class CaptionsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(STORAGE) private readonly storage: Storage,
    private readonly audit: AuditService,
  ) {}

  async put(id: string, lang: string, body: string, label: string | undefined, user: AuthUser): Promise<MediaAssetEntity> {
    if (!LANG.test(lang)) throw new BadRequestException(`"${lang.slice(0, 20)}" is not a language code. Use a code like nl, en or pt-BR.`);
    let parsed: { vtt: string; cues: Cue[] };
    try {
      parsed = /^\uFEFF?WEBVTT/.test(body) ? validateVtt(body) : srtToVtt(body);
    } catch (err) {
      if (err instanceof CaptionError) throw unprocessable('The caption file cannot be used', err);
      throw err;
    }
    return this.ds.transaction(async (em) => {
      const asset = await this.editable(em, id);
      const caption: AssetCaption = {
        lang,
        label: label?.trim() || languageName(lang),
        file: `hls/captions/${lang}.vtt`,
        playlist: `hls/captions/${lang}.m3u8`,
        transcript: transcriptOf(parsed.cues),
      };
      await this.write(id, caption.file, parsed.vtt);
      await this.write(id, caption.playlist, subtitlePlaylist(`${lang}.vtt`, asset.durationS!));
      const existed = asset.captions.some((c) => c.lang === lang);
      const captions = existed ? asset.captions.map((c) => (c.lang === lang ? caption : c)) : [...asset.captions, caption];
      return this.save(em, asset, { captions }, user, existed ? 'media.captions_replaced' : 'media.captions_added', { lang, cues: parsed.cues.length });
    });
  }

  async remove(id: string, lang: string, user: AuthUser): Promise<MediaAssetEntity> {
    return this.ds.transaction(async (em) => {
      const asset = await lockAsset(em, id);
      const caption = asset.captions.find((c) => c.lang === lang);
      if (!caption) throw new NotFoundException(`This recording has no captions in "${lang.slice(0, 20)}".`);
      const saved = await this.save(em, asset, { captions: asset.captions.filter((c) => c !== caption) }, user, 'media.captions_removed', { lang });
      await this.storage.delete(mediaKey(id, caption.file));
      await this.storage.delete(mediaKey(id, caption.playlist));
      return saved;
    });
  }

  async putChapters(id: string, input: { start: number; title: string }[], user: AuthUser): Promise<MediaAssetEntity> {
    return this.ds.transaction(async (em) => {
      const asset = await this.editable(em, id);
      const chapters: AssetChapter[] = input.map((c) => ({ startS: c.start, title: c.title.trim() })).sort((a, b) => a.startS - b.startS);
      if (chapters.length) {
        let vtt: string;
        try {
          vtt = chaptersVtt(chapters, asset.durationS!);
        } catch (err) {
          if (err instanceof CaptionError) throw unprocessable('The chapters cannot be used', err);
          throw err;
        }
        await this.write(id, 'hls/chapters.vtt', vtt);
      } else {
        await this.storage.delete(mediaKey(id, 'hls/chapters.vtt'));
      }
      return this.save(em, asset, { chapters }, user, 'media.chapters_set', { count: chapters.length });
    });
  }

  /** Captions and chapters need the recording's length, which the probe finds; a rejected upload has no files. */
  private async editable(em: EntityManager, id: string): Promise<MediaAssetEntity> {
    const asset = await lockAsset(em, id);
    if (asset.durationS === null || asset.status === 'rejected') {
      throw new ConflictException('Captions and chapters can be added once the recording has been uploaded and checked.');
    }
    return asset;
  }

  private async save(em: EntityManager, asset: MediaAssetEntity, patch: Pick<Partial<MediaAssetEntity>, 'captions' | 'chapters'>, user: AuthUser, action: string, after: object): Promise<MediaAssetEntity> {
    await em.update(MediaAssetEntity, asset.id, patch);
    await this.audit.record({ actorId: user.id, action, entityType: 'media_asset', entityId: asset.id, after }, em);
    const saved = await em.findOneByOrFail(MediaAssetEntity, { id: asset.id });
    if (saved.renditions.length) {
      const tracks = saved.captions.map((c, i) => ({ language: c.lang, name: c.label, playlist: c.playlist.replace(/^hls\//, ''), default: i === 0 }));
      await this.write(asset.id, 'hls/master.m3u8', masterPlaylist(saved.renditions as Rendition[], tracks));
    }
    return saved;
  }

  private async write(id: string, file: string, text: string): Promise<void> {
    await this.storage.put(mediaKey(id, file), Readable.from([Buffer.from(text)]), { contentType: contentTypeFor(file) });
  }
}
