import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/access.decorators';
import { PublicLiveDto, PublicLiveListDto } from './live.dto';
import { PublicLiveService } from './public-live.service';

@ApiTags('public')
@Controller('public/live')
export class PublicLiveController {
  constructor(private readonly live: PublicLiveService) {}

  @Get()
  @Public()
  @Header('Cache-Control', 'no-cache')
  @ApiOperation({ summary: 'Livestreams on now and coming up, for the portal’s home page (public broadcasts only)' })
  @ApiOkResponse({ type: PublicLiveListDto })
  list(): Promise<PublicLiveListDto> {
    return this.live.list();
  }

  @Get(':slug')
  @Public()
  @Header('Cache-Control', 'no-cache')
  @ApiOperation({ summary: 'One livestream’s watch page: its player while live, and after the end when the recording will be available' })
  @ApiOkResponse({ type: PublicLiveDto })
  @ApiNotFoundResponse({ description: 'No public broadcast at this address' })
  watch(@Param('slug') slug: string): Promise<PublicLiveDto> {
    return this.live.watch(slug);
  }
}
