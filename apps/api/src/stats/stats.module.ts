import { Module } from '@nestjs/common';
import { StatsController } from './stats.controller';
import { StatsService } from './stats.service';

/** Privacy-preserving view statistics: the patron beacon and the staff overview. */
@Module({ controllers: [StatsController], providers: [StatsService] })
export class StatsModule {}
