import { Body, Controller, Delete, Get, Header, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyStaff, Roles } from '../auth/access.decorators';
import type { AuthUser } from '../auth/access.guard';
import { CurrentUser } from '../auth/current-user.decorator';
import {
  AddChecklistItemDto,
  AddRestreamDto,
  BroadcastDetailDto,
  BroadcastListDto,
  BroadcastQueryDto,
  ChecklistItemDto,
  ConflictResponseDto,
  CreateBroadcastDto,
  CreatedBroadcastDto,
  IngestDto,
  RestreamDto,
  TickChecklistItemDto,
  TransitionDto,
  UpdateBroadcastDto,
} from './broadcasts.dto';
import { BroadcastsService } from './broadcasts.service';
import { StreamKeysService } from './stream-keys.service';

const id = () => Param('id', ParseUUIDPipe);

@ApiTags('broadcasts')
@Controller('broadcasts')
export class BroadcastsController {
  constructor(
    private readonly broadcasts: BroadcastsService,
    private readonly keys: StreamKeysService,
  ) {}

  @Get()
  @AnyStaff()
  @ApiOkResponse({ type: BroadcastListDto })
  list(@Query() q: BroadcastQueryDto): Promise<BroadcastListDto> {
    return this.broadcasts.list(q);
  }

  @Post()
  @Roles('planner', 'producer')
  @ApiOperation({ summary: 'Plan a broadcast from an activity or stand-alone, once or repeating (all or none)' })
  @ApiCreatedResponse({ type: CreatedBroadcastDto })
  @ApiBadRequestResponse({ description: 'A field is missing or wrong, or a room, person or item does not exist' })
  @ApiConflictResponse({ type: ConflictResponseDto, description: 'Room, crew or equipment already booked at that time' })
  create(@Body() body: CreateBroadcastDto, @CurrentUser() user: AuthUser): Promise<CreatedBroadcastDto> {
    return this.broadcasts.create(body, user.id);
  }

  @Get(':id')
  @AnyStaff()
  @ApiOkResponse({ type: BroadcastDetailDto })
  @ApiNotFoundResponse()
  get(@id() broadcastId: string): Promise<BroadcastDetailDto> {
    return this.broadcasts.get(broadcastId);
  }

  @Patch(':id')
  @Roles('planner', 'producer')
  @ApiOkResponse({ type: BroadcastDetailDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ type: ConflictResponseDto, description: 'Double booking, or the broadcast can no longer be changed' })
  update(@id() broadcastId: string, @Body() body: UpdateBroadcastDto, @CurrentUser() user: AuthUser): Promise<BroadcastDetailDto> {
    return this.broadcasts.update(broadcastId, body, user.id);
  }

  @Post(':id/transitions')
  @Roles('planner', 'producer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move the broadcast to another status (draft → scheduled → ready → live → ended → published; cancelled; failed)' })
  @ApiOkResponse({ type: BroadcastDetailDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Not allowed from the current status, or not ready (checklist or stream key missing)' })
  transition(@id() broadcastId: string, @Body() body: TransitionDto, @CurrentUser() user: AuthUser): Promise<BroadcastDetailDto> {
    return this.broadcasts.transition(broadcastId, body.to, body.note, user.id);
  }

  @Post(':id/checklist')
  @Roles('planner', 'producer')
  @ApiCreatedResponse({ type: ChecklistItemDto })
  @ApiNotFoundResponse()
  addChecklistItem(@id() broadcastId: string, @Body() body: AddChecklistItemDto, @CurrentUser() user: AuthUser): Promise<ChecklistItemDto> {
    return this.broadcasts.addChecklistItem(broadcastId, body, user.id);
  }

  @Patch(':id/checklist/:itemId')
  @Roles('planner', 'producer')
  @ApiOkResponse({ type: ChecklistItemDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'A required item of a ready broadcast cannot be unticked' })
  tick(@id() broadcastId: string, @Param('itemId', ParseUUIDPipe) itemId: string, @Body() body: TickChecklistItemDto, @CurrentUser() user: AuthUser): Promise<ChecklistItemDto> {
    return this.broadcasts.tickChecklistItem(broadcastId, itemId, body.done, user.id);
  }

  @Post(':id/stream-key')
  @Roles('planner', 'producer')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Create or rotate the stream key; the old key stops working at once' })
  @ApiOkResponse({ type: IngestDto })
  @ApiNotFoundResponse()
  rotateKey(@id() broadcastId: string, @CurrentUser() user: AuthUser): Promise<IngestDto> {
    return this.keys.rotate(broadcastId, user.id);
  }

  @Get(':id/ingest')
  @Roles('planner', 'producer')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Where and with which key to stream (for OBS or the encoder)' })
  @ApiOkResponse({ type: IngestDto })
  @ApiNotFoundResponse({ description: 'No such broadcast, or no stream key yet' })
  ingest(@id() broadcastId: string): Promise<IngestDto> {
    return this.keys.ingest(broadcastId);
  }

  @Get(':id/restreams')
  @Roles('planner', 'producer')
  @ApiOkResponse({ type: [RestreamDto] })
  @ApiNotFoundResponse()
  restreams(@id() broadcastId: string): Promise<RestreamDto[]> {
    return this.keys.restreams(broadcastId);
  }

  @Post(':id/restreams')
  @Roles('planner', 'producer')
  @ApiCreatedResponse({ type: RestreamDto, description: 'The key is stored encrypted and only shown masked' })
  @ApiNotFoundResponse()
  addRestream(@id() broadcastId: string, @Body() body: AddRestreamDto, @CurrentUser() user: AuthUser): Promise<RestreamDto> {
    return this.keys.addRestream(broadcastId, body, user.id);
  }

  @Delete(':id/restreams/:restreamId')
  @Roles('planner', 'producer')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  removeRestream(@id() broadcastId: string, @Param('restreamId', ParseUUIDPipe) restreamId: string, @CurrentUser() user: AuthUser): Promise<void> {
    return this.keys.removeRestream(broadcastId, restreamId, user.id);
  }
}
