import { ArgumentsHost, BadRequestException, Body, Catch, Controller, ExceptionFilter, Inject, PayloadTooLargeException, Post, UploadedFile, UseFilters, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBadGatewayResponse, ApiBadRequestResponse, ApiBody, ApiConsumes, ApiCreatedResponse, ApiPayloadTooLargeResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Roles } from '../auth/access.decorators';
import type { AuthUser } from '../auth/access.guard';
import { CurrentUser } from '../auth/current-user.decorator';
import { sizeLabel } from './calendar-fetch';
import { CalendarImportService } from './calendar-import.service';
import { ImportCalendarDto, ImportRefusedDto, ImportResultDto } from './calendar.dto';

/** Says how large a calendar file may be, instead of multer's bare "File too large". */
@Catch(PayloadTooLargeException)
class CalendarTooLargeFilter implements ExceptionFilter {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  catch(err: PayloadTooLargeException, host: ArgumentsHost): void {
    const max = sizeLabel(this.config.CALENDAR_IMPORT_MAX_BYTES);
    const message = err.message === 'File too large' ? `The calendar file is larger than ${max}; split it or import one year at a time` : err.message;
    host.switchToHttp().getResponse<Response>().status(413).json({ statusCode: 413, error: 'Payload Too Large', message });
  }
}

@ApiTags('calendar')
@Controller('calendar')
export class CalendarController {
  constructor(private readonly imports: CalendarImportService) {}

  @Post('imports')
  @Roles('planner')
  @UseFilters(CalendarTooLargeFilter)
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({
    description:
      'Either a file (multipart field `file`: an iCalendar .ics file, or a CSV with the columns title, description, start, end, ' +
      'location, category, audience, capacity, registrations, waitlist, presenter, visibility, status, uid), or `url` of an ICS feed. ' +
      '`year` picks the calendar year; recurring events are expanded into its occurrences in the library time zone.',
    schema: {
      type: 'object',
      properties: {
        file: { type: 'string', format: 'binary' },
        url: { type: 'string', example: 'https://bibliotheek.libcal.com/ical_subscribe.php?cid=1234' },
        year: { type: 'integer', example: 2026 },
      },
    },
  })
  @ApiCreatedResponse({ type: ImportResultDto, description: 'Imported; re-importing the same file changes nothing' })
  @ApiBadRequestResponse({ description: 'Neither a file nor a url, or a url that is not allowed' })
  @ApiUnprocessableEntityResponse({ type: ImportRefusedDto, description: 'The file has errors (with line numbers); nothing was imported' })
  @ApiPayloadTooLargeResponse({ description: 'The file or feed is larger than CALENDAR_IMPORT_MAX_BYTES' })
  @ApiBadGatewayResponse({ description: 'The feed could not be fetched' })
  async import(@UploadedFile() file: { buffer: Buffer; originalname: string } | undefined, @Body() body: ImportCalendarDto, @CurrentUser() user: AuthUser): Promise<ImportResultDto> {
    if (file && body.url) throw new BadRequestException('Send either a file or a url, not both.');
    if (file) return this.imports.import(file.buffer, `file ${file.originalname}`, body.year, user.id);
    if (body.url) return this.imports.import(await this.imports.fetch(body.url), `feed ${body.url}`, body.year, user.id);
    throw new BadRequestException('Send a calendar file (multipart field "file") or the url of an ICS feed.');
  }
}
