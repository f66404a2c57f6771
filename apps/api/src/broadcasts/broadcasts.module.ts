import { Module } from '@nestjs/common';
import { SecretBox } from '../common/crypto';
import { BroadcastsController } from './broadcasts.controller';
import { BroadcastsService } from './broadcasts.service';
import { StreamKeysService } from './stream-keys.service';

@Module({ controllers: [BroadcastsController], providers: [BroadcastsService, StreamKeysService, SecretBox], exports: [StreamKeysService, BroadcastsService] })
export class BroadcastsModule {}
