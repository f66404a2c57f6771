import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Controller, Get, HttpException, HttpStatus } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/access.decorators';
import { RedisService } from '../common/redis.module';

const run = promisify(execFile);
type Check = 'up' | 'down';
interface Health {
  status: 'ok' | 'error';
  checks: { database: Check; redis: Check; ffmpeg: Check };
}

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly redis: RedisService,
  ) {}

  @Get()
  @Public()
  @ApiOkResponse({ description: '`{status:"ok", checks:{database:"up", redis:"up", ffmpeg:"up"}}`' })
  @ApiServiceUnavailableResponse({ description: 'One dependency is down; `checks` says which' })
  async check(): Promise<Health> {
    const attempts = () => [
      () => this.db.pingCheck('database').withTimeout(2000),
      () => this.indicators.check('redis').attempt(async () => void (await this.redis.client.ping())).withTimeout(2000),
      () =>
        this.indicators
          .check('ffmpeg')
          .attempt(async () => void (await Promise.all([run('ffmpeg', ['-version']), run('ffprobe', ['-version'])])))
          .withTimeout(3000)
          .cacheFor(60_000),
    ];
    let details: Record<string, { status: string }>;
    let ok = true;
    try {
      details = (await this.health.check(attempts())).details as typeof details;
    } catch (err) {
      ok = false;
      const body = (err as HttpException).getResponse?.() as { details?: typeof details } | undefined;
      if (!body?.details) throw err;
      details = body.details;
    }
    const state = (k: string): Check => (details[k]?.status === 'up' ? 'up' : 'down');
    const result: Health = { status: ok ? 'ok' : 'error', checks: { database: state('database'), redis: state('redis'), ffmpeg: state('ffmpeg') } };
    if (!ok) throw new HttpException(result, HttpStatus.SERVICE_UNAVAILABLE);
    return result;
  }
}
