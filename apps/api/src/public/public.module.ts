import { Module } from '@nestjs/common';
import { MediaModule } from '../media/media.module';
import { FeedsController } from './feeds.controller';
import { PublicController } from './public.controller';
import { PublicService } from './public.service';

/** The patron-facing API, without login: published videos and series, their files, feeds, oEmbed and the sitemap. */
@Module({ imports: [MediaModule], controllers: [PublicController, FeedsController], providers: [PublicService] })
export class PublicModule {}
