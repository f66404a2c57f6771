import { Body, Controller, Delete, Get, HttpException, HttpStatus, Param, ParseArrayPipe, ParseUUIDPipe, Put, Query, Req, UnsupportedMediaTypeException } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { CAPTION_LIMITS } from '@app/media';
import { AnyStaff, Roles } from '../auth/access.decorators';
import type { AuthUser } from '../auth/access.guard';
import { CurrentUser } from '../auth/current-user.decorator';
import { CaptionsService } from './captions.service';
import { CaptionQueryDto, ChapterInputDto } from './dto/captions.dto';
import { CaptionTrackDto, MediaAssetDto } from './dto/media-asset.dto';
import { MediaService } from './media.service';

/** Reads a text request body of at most `max` bytes (caption files are sent as they are, not as JSON). */
async function readText(req: Request, max: number): Promise<string> {
  if (req.body !== undefined && typeof req.body === 'object' && Object.keys(req.body).length) {
    throw new UnsupportedMediaTypeException('Send the caption file itself (Content-Type text/vtt or application/x-subrip), not JSON.');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw new HttpException(`The caption file is larger than ${max / 1_000_000} MB.`, HttpStatus.PAYLOAD_TOO_LARGE);
    chunks.push(chunk as Buffer);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new HttpException('The caption file is not UTF-8 text. Save it as UTF-8 and upload it again.', HttpStatus.UNPROCESSABLE_ENTITY);
  }
}

@ApiTags('media')
@Controller('media')
export class CaptionsController {
  constructor(
    private readonly captions: CaptionsService,
    private readonly media: MediaService,
  ) {}

  @Get(':id/captions')
  @AnyStaff()
  @ApiOperation({ summary: 'The caption tracks of a recording' })
  @ApiOkResponse({ type: [CaptionTrackDto] })
  @ApiNotFoundResponse({ description: 'No such asset' })
  async list(@Param('id', ParseUUIDPipe) id: string): Promise<CaptionTrackDto[]> {
    return MediaAssetDto.from(await this.media.get(id)).captions;
  }

  @Put(':id/captions/:lang')
  @Roles('producer', 'editor')
  @ApiOperation({
    summary: 'Add or replace the captions in one language (SubRip or WebVTT, at most 1 MB)',
    description:
      'SubRip is converted to WebVTT; styling, regions and notes are dropped and cue text keeps only <i>, <b>, <u> and voices. ' +
      'The track is listed in the HLS master playlist and served beside it as hls/captions/{lang}.vtt.',
  })
  @ApiConsumes('text/vtt', 'application/x-subrip', 'text/plain')
  @ApiBody({ schema: { type: 'string', example: '1\n00:00:01,000 --> 00:00:04,000\nWelkom bij de bibliotheek\n' } })
  @ApiOkResponse({ type: MediaAssetDto })
  @ApiUnprocessableEntityResponse({ description: 'The file has problems; `problems` lists them with line numbers' })
  @ApiPayloadTooLargeResponse({ description: 'Larger than 1 MB' })
  @ApiUnsupportedMediaTypeResponse({ description: 'Sent as JSON instead of the file itself' })
  @ApiConflictResponse({ description: 'The recording has not been checked yet, or was rejected' })
  @ApiNotFoundResponse({ description: 'No such asset' })
  async put(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('lang') lang: string,
    @Query() query: CaptionQueryDto,
    @Req() req: Request,
    @CurrentUser() user: AuthUser,
  ): Promise<MediaAssetDto> {
    const body = await readText(req, CAPTION_LIMITS.maxBytes);
    return MediaAssetDto.from(await this.captions.put(id, lang, body, query.label, user));
  }

  @Delete(':id/captions/:lang')
  @Roles('producer', 'editor')
  @ApiOperation({ summary: 'Remove the captions in one language' })
  @ApiOkResponse({ type: MediaAssetDto })
  @ApiNotFoundResponse({ description: 'No such asset, or no captions in that language' })
  async remove(@Param('id', ParseUUIDPipe) id: string, @Param('lang') lang: string, @CurrentUser() user: AuthUser): Promise<MediaAssetDto> {
    return MediaAssetDto.from(await this.captions.remove(id, lang, user));
  }

  @Put(':id/chapters')
  @Roles('producer', 'editor')
  @ApiOperation({ summary: 'Set the chapters (a JSON list of {start, title}; an empty list removes them), served as hls/chapters.vtt' })
  @ApiBody({ type: [ChapterInputDto] })
  @ApiOkResponse({ type: MediaAssetDto })
  @ApiUnprocessableEntityResponse({ description: 'A chapter starts outside the recording, two start at the same time, or one has no title' })
  @ApiConflictResponse({ description: 'The recording has not been checked yet, or was rejected' })
  @ApiNotFoundResponse({ description: 'No such asset' })
  async chapters(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ParseArrayPipe({ items: ChapterInputDto, whitelist: true, forbidNonWhitelisted: true })) chapters: ChapterInputDto[],
    @CurrentUser() user: AuthUser,
  ): Promise<MediaAssetDto> {
    return MediaAssetDto.from(await this.captions.putChapters(id, chapters, user));
  }
}
