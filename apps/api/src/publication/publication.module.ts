import { Module } from '@nestjs/common';
import { MediaModule } from '../media/media.module';
import { PublicationController } from './publication.controller';
import { PublicationService } from './publication.service';

/** Review and publication of episodes, with scheduled publish and unpublish jobs. */
@Module({ imports: [MediaModule], controllers: [PublicationController], providers: [PublicationService] })
export class PublicationModule {}
