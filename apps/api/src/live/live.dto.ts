import { ApiProperty } from '@nestjs/swagger';
import { BROADCAST_STATUSES, BroadcastStatus, LIVE_END_REASONS, LiveEndReason } from '@app/domain';

export const RESTREAM_STATES = ['connecting', 'live', 'retrying', 'stopped'] as const;
export type RestreamState = (typeof RESTREAM_STATES)[number];

const INGEST_STATES = ['offline', 'publishing', 'reconnecting', 'ending'] as const;

export class IngestStatusDto {
  @ApiProperty({ enum: INGEST_STATES, description: 'publishing: the encoder is sending; reconnecting: it left and may come back until reconnectDeadline' })
  state: (typeof INGEST_STATES)[number];
  @ApiProperty({ nullable: true, type: Date }) since: Date | null;
  @ApiProperty({ nullable: true, type: String }) sessionId: string | null;
  @ApiProperty({ nullable: true, type: Date, description: 'When the encoder first connected' }) startedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date, description: 'When the first live segment was out' }) liveAt: Date | null;
  @ApiProperty() reconnects: number;
  @ApiProperty({ nullable: true, type: Date, description: 'The broadcast ends if the encoder is not back by then' }) reconnectDeadline: Date | null;
  @ApiProperty({ nullable: true, type: Date, description: 'The stream is stopped at this time (LIVE_MAX_HOURS)' }) stopsAt: Date | null;
  @ApiProperty({ nullable: true, enum: ['passthrough', 'ladder'], description: 'passthrough: the encoder’s H.264/AAC is shown as sent; ladder: re-encoded to 720p and 360p' })
  mode: 'passthrough' | 'ladder' | null;
  @ApiProperty({ nullable: true, type: String, description: 'As the encoder announced it (7 = H.264)' }) videoCodec: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'As the encoder announced it (10 = AAC)' }) audioCodec: string | null;
  @ApiProperty({ nullable: true, type: Number }) width: number | null;
  @ApiProperty({ nullable: true, type: Number }) height: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Incoming bitrate over the last two seconds' }) bitrateKbps: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Frames per second reaching the live stream' }) fps: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Frames dropped by the server since the last (re)connect' }) droppedFrames: number | null;
}

export class RestreamStatusDto {
  @ApiProperty({ example: 'YouTube' }) name: string;
  @ApiProperty({ enum: RESTREAM_STATES, description: 'retrying: it failed and is tried again with growing pauses' }) state: RestreamState;
  @ApiProperty({ description: 'Failed attempts since it last worked' }) attempts: number;
  @ApiProperty({ nullable: true, type: String, description: 'What went wrong last (keys masked)' }) lastError: string | null;
  @ApiProperty() since: Date;
}

export class LiveSessionSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty() startedAt: Date;
  @ApiProperty({ nullable: true, type: Date }) liveAt: Date | null;
  @ApiProperty() endedAt: Date;
  @ApiProperty({ enum: LIVE_END_REASONS }) endReason: LiveEndReason;
  @ApiProperty() reconnects: number;
  @ApiProperty({ nullable: true, type: String, description: 'The recording, once saved (it then goes through probe and processing)' }) recordingAssetId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The draft episode made of the recording' }) episodeId: string | null;
}

export class LiveStatusDto {
  @ApiProperty() broadcastId: string;
  @ApiProperty({ enum: BROADCAST_STATUSES }) broadcastStatus: BroadcastStatus;
  @ApiProperty({ description: 'Whether the RTMP ingest is listening' }) ingestAvailable: boolean;
  @ApiProperty({ type: IngestStatusDto }) ingest: IngestStatusDto;
  @ApiProperty({ description: 'Players that fetched the playlist in the last 30 seconds' }) viewers: number;
  @ApiProperty({ nullable: true, type: String, example: '/api/live/3f2504e0-4f89-11d3-9a0c-0305e82c3301/index.m3u8' }) playlist: string | null;
  @ApiProperty({ type: [RestreamStatusDto] }) restreams: RestreamStatusDto[];
  @ApiProperty({ nullable: true, type: LiveSessionSummaryDto, description: 'The last session that ended' }) lastSession: LiveSessionSummaryDto | null;
}

// ---- public ----

export class LiveNowDto {
  @ApiProperty({ example: 'lezing-de-geschiedenis-van-onze-stad-3f2504e0' }) slug: string;
  @ApiProperty() title: string;
  @ApiProperty() startedAt: Date;
  @ApiProperty({ example: '/api/live/3f2504e0-4f89-11d3-9a0c-0305e82c3301/index.m3u8' }) playlist: string;
}

export class UpcomingDto {
  @ApiProperty() slug: string;
  @ApiProperty() title: string;
  @ApiProperty() start: Date;
}

export class PublicLiveListDto {
  @ApiProperty({ type: [LiveNowDto] }) live: LiveNowDto[];
  @ApiProperty({ type: [UpcomingDto], description: 'Planned public broadcasts, soonest first' }) upcoming: UpcomingDto[];
}

export class RecordingNoticeDto {
  @ApiProperty({ enum: ['none', 'processing', 'in_review', 'scheduled', 'published'] }) state: string;
  @ApiProperty({ nullable: true, type: Date, description: 'When the recording can be watched, when known' }) availableAt: Date | null;
  @ApiProperty({ nullable: true, type: String, description: 'The episode’s public slug once it is (to be) published' }) episodeSlug: string | null;
  @ApiProperty({ example: 'This broadcast has ended. Its recording will be available once our staff have reviewed it.' }) message: string;
}

export class PublicLiveDto {
  @ApiProperty() slug: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: ['upcoming', 'live', 'ended', 'cancelled'] }) status: 'upcoming' | 'live' | 'ended' | 'cancelled';
  @ApiProperty() start: Date;
  @ApiProperty() end: Date;
  @ApiProperty({ nullable: true, type: Date }) startedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) endedAt: Date | null;
  @ApiProperty({ nullable: true, type: String, description: 'The HLS playlist while live' }) playlist: string | null;
  @ApiProperty({ nullable: true, type: RecordingNoticeDto, description: 'After the end: when the recording will be available' }) recording: RecordingNoticeDto | null;
}
