import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { MediaAssetEntity } from '@app/db';
import { Jobs } from '@app/jobs';
import { RedisService } from '../common/redis.module';
import { CaptionsController } from './captions.controller';
import { CaptionsService } from './captions.service';
import { MediaProcessingService } from './media-processing.service';
import { MediaController } from './media.controller';
import { MediaService } from './media.service';
import { STORAGE, storageProvider } from './storage.provider';

/**
 * Media assets: their status, facts and processing progress, serving their files, cancelling and restarting their
 * processing, captions and chapters. Provides the storage and the job queues.
 */
@Module({
  imports: [TypeOrmModule.forFeature([MediaAssetEntity])],
  controllers: [MediaController, CaptionsController],
  providers: [MediaService, MediaProcessingService, CaptionsService, storageProvider, { provide: Jobs, inject: [RedisService, APP_CONFIG], useFactory: (redis: RedisService, c: AppConfig) => new Jobs(redis.client, c.QUEUE_PREFIX) }],
  exports: [MediaService, STORAGE, Jobs],
})
export class MediaModule implements OnApplicationShutdown {
  constructor(@Inject(Jobs) private readonly jobs: Jobs) {}

  async onApplicationShutdown(): Promise<void> {
    await this.jobs.close();
  }
}
