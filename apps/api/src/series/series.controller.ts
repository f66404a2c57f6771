import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AnyStaff, Roles } from '../auth/access.decorators';
import type { AuthUser } from '../auth/access.guard';
import { CurrentUser } from '../auth/current-user.decorator';
import { CreateEpisodeDto, CreateSeriesDto, EpisodeDto, SeriesDetailDto, SeriesListDto, UpdateEpisodeDto, UpdateSeriesDto } from './series.dto';
import { SeriesService } from './series.service';

@ApiTags('series')
@Controller('series')
export class SeriesController {
  constructor(private readonly series: SeriesService) {}

  @Get()
  @AnyStaff()
  @ApiOkResponse({ type: SeriesListDto })
  async list(): Promise<SeriesListDto> {
    const items = await this.series.list();
    return { items, total: items.length };
  }

  @Post()
  @Roles('planner', 'producer')
  @ApiCreatedResponse({ type: SeriesDetailDto })
  @ApiConflictResponse({ description: 'The slug is taken' })
  create(@Body() body: CreateSeriesDto, @CurrentUser() user: AuthUser): Promise<SeriesDetailDto> {
    return this.series.create(body, user.id);
  }

  @Get(':id')
  @AnyStaff()
  @ApiOkResponse({ type: SeriesDetailDto })
  @ApiNotFoundResponse()
  get(@Param('id', ParseUUIDPipe) id: string): Promise<SeriesDetailDto> {
    return this.series.get(id);
  }

  @Patch(':id')
  @Roles('planner', 'producer')
  @ApiOkResponse({ type: SeriesDetailDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The slug is taken' })
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateSeriesDto, @CurrentUser() user: AuthUser): Promise<SeriesDetailDto> {
    return this.series.update(id, body, user.id);
  }

  @Post(':id/episodes')
  @Roles('planner', 'producer')
  @ApiCreatedResponse({ type: EpisodeDto, description: 'The new episode, in the idea stage' })
  @ApiNotFoundResponse()
  addEpisode(@Param('id', ParseUUIDPipe) id: string, @Body() body: CreateEpisodeDto, @CurrentUser() user: AuthUser): Promise<EpisodeDto> {
    return this.series.addEpisode(id, body, user.id);
  }
}

@ApiTags('series')
@Controller('episodes')
export class EpisodesController {
  constructor(private readonly series: SeriesService) {}

  @Get(':id')
  @AnyStaff()
  @ApiOkResponse({ type: EpisodeDto })
  @ApiNotFoundResponse()
  get(@Param('id', ParseUUIDPipe) id: string): Promise<EpisodeDto> {
    return this.series.getEpisode(id);
  }

  @Patch(':id')
  @Roles('planner', 'producer', 'editor')
  @ApiOkResponse({ type: EpisodeDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The stage move skips a stage' })
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateEpisodeDto, @CurrentUser() user: AuthUser): Promise<EpisodeDto> {
    return this.series.updateEpisode(id, body, user.id);
  }
}
