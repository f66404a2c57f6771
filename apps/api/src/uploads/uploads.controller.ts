import { Controller, Delete, Head, Options, Param, ParseUUIDPipe, Patch, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Roles } from '../auth/access.decorators';
import type { AuthUser } from '../auth/access.guard';
import { CurrentUser } from '../auth/current-user.decorator';
import { UploadsService } from './uploads.service';

const TUS = { name: 'Tus-Resumable', required: true, example: '1.0.0', description: 'tus protocol version' };

/**
 * The tus 1.0 endpoints. They are ordinary Nest routes, so the global AccessGuard checks the bearer token and
 * role before a single byte reaches the tus server; each handler then passes the raw request to it.
 */
@ApiTags('uploads')
@Controller('uploads')
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  @Options()
  @Roles('producer')
  @ApiOperation({ summary: 'tus capabilities: version, extensions, maximum size' })
  @ApiNoContentResponse({ description: 'Tus-Version, Tus-Extension (creation, creation-with-upload, termination, expiration), Tus-Max-Size' })
  options(@Req() req: Request, @Res() res: Response, @CurrentUser() user: AuthUser): Promise<void> {
    return this.uploads.handle(req, res, user);
  }

  @Post()
  @Roles('producer')
  @ApiOperation({
    summary: 'Start a resumable upload of a recording (tus creation, creation-with-upload)',
    description:
      'Upload-Metadata (base64 values): `filename`, and `episodeId` or `broadcastId`. The Location header names the upload; ' +
      'its id is the media asset id (GET /api/media/{id}). Unfinished uploads expire (Upload-Expires).',
  })
  @ApiHeader(TUS)
  @ApiHeader({ name: 'Upload-Length', required: true, description: 'Size of the whole file in bytes' })
  @ApiHeader({ name: 'Upload-Metadata', required: true, example: 'filename d29ya3Nob3AubXA0,episodeId NzE2...' })
  @ApiCreatedResponse({ description: 'Upload created; Location: /api/uploads/{id}' })
  @ApiBadRequestResponse({ description: 'Missing file name, episode or broadcast; unknown episode or broadcast' })
  @ApiPayloadTooLargeResponse({ description: 'The file is larger than the upload limit' })
  @ApiUnsupportedMediaTypeResponse({ description: 'The file type cannot be used (by its extension)' })
  create(@Req() req: Request, @Res() res: Response, @CurrentUser() user: AuthUser): Promise<void> {
    return this.uploads.handle(req, res, user);
  }

  @Head(':id')
  @Roles('producer')
  @ApiOperation({ summary: 'How many bytes of the upload are stored (resume from Upload-Offset)' })
  @ApiHeader(TUS)
  @ApiNoContentResponse({ description: 'Upload-Offset, Upload-Length, Upload-Expires' })
  @ApiNotFoundResponse({ description: 'No such upload (expired or cancelled)' })
  async offset(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response, @CurrentUser() user: AuthUser): Promise<void> {
    await this.uploads.assertOwner(id, user);
    await this.uploads.handle(req, res, user);
  }

  @Patch(':id')
  @Roles('producer')
  @ApiOperation({ summary: 'Send the next bytes (Content-Type: application/offset+octet-stream) from Upload-Offset' })
  @ApiHeader(TUS)
  @ApiHeader({ name: 'Upload-Offset', required: true, description: 'Where these bytes start: the offset HEAD returned' })
  @ApiNoContentResponse({ description: 'Bytes stored; Upload-Offset is the new offset' })
  @ApiConflictResponse({ description: 'Upload-Offset does not match the stored offset' })
  @ApiPayloadTooLargeResponse({ description: 'More bytes than announced' })
  @ApiNotFoundResponse({ description: 'No such upload (expired or cancelled)' })
  async append(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response, @CurrentUser() user: AuthUser): Promise<void> {
    await this.uploads.assertOwner(id, user);
    await this.uploads.handle(req, res, user);
  }

  @Delete(':id')
  @Roles('producer')
  @ApiOperation({ summary: 'Cancel an unfinished upload (tus termination): its bytes and its media asset are deleted' })
  @ApiHeader(TUS)
  @ApiNoContentResponse({ description: 'Cancelled' })
  @ApiBadRequestResponse({ description: 'The upload already finished' })
  @ApiNotFoundResponse({ description: 'No such upload' })
  async terminate(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response, @CurrentUser() user: AuthUser): Promise<void> {
    await this.uploads.assertOwner(id, user);
    await this.uploads.terminate(req, res, user);
  }
}
