import { Module } from '@nestjs/common';
import { EpisodesController, SeriesController } from './series.controller';
import { SeriesService } from './series.service';

@Module({ controllers: [SeriesController, EpisodesController], providers: [SeriesService] })
export class SeriesModule {}
