import { Module } from '@nestjs/common';
import { ActivitiesController, QualificationSettingsController } from './activities.controller';
import { ActivitiesService } from './activities.service';

@Module({ controllers: [ActivitiesController, QualificationSettingsController], providers: [ActivitiesService], exports: [ActivitiesService] })
export class ActivitiesModule {}
