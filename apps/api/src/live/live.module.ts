import { Module } from '@nestjs/common';
import { BroadcastsModule } from '../broadcasts/broadcasts.module';
import { MediaModule } from '../media/media.module';
import { LiveController } from './live.controller';
import { LiveService } from './live.service';
import { PublicLiveController } from './public-live.controller';
import { PublicLiveService } from './public-live.service';
import { RecordingService } from './recording.service';

/** Livestreams: the RTMP ingest, live HLS, restreams, recordings, and what the portal shows of them. */
@Module({ imports: [BroadcastsModule, MediaModule], controllers: [LiveController, PublicLiveController], providers: [LiveService, RecordingService, PublicLiveService] })
export class LiveModule {}
