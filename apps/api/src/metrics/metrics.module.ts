import { HttpException, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { NextFunction, Request, Response } from 'express';
import { Jobs } from '@app/jobs';
import { MediaModule } from '../media/media.module';
import { AdminAccess, QUEUE_VIEW_PATH } from './admin-access';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

/**
 * Operating the queues: Prometheus metrics at /api/metrics and, for administrators, the queue view (Bull Board) at
 * /api/admin/queues, where jobs can be inspected, retried and removed.
 */
@Module({
  imports: [MediaModule],
  controllers: [MetricsController],
  providers: [MetricsService, AdminAccess],
})
export class MetricsModule implements OnModuleInit {
  constructor(
    private readonly http: HttpAdapterHost,
    private readonly jobs: Jobs,
    private readonly access: AdminAccess,
  ) {}

  onModuleInit(): void {
    const board = new ExpressAdapter().setBasePath(QUEUE_VIEW_PATH);
    // @bull-board/express bundles its own copy of @bull-board/api's typings, whose private fields differ by version.
    const serverAdapter = board as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'];
    createBullBoard({ queues: this.jobs.queues.map((q) => new BullMQAdapter(q)), serverAdapter });
    const adminOnly = (req: Request, res: Response, next: NextFunction) => {
      this.access.queueView(req.headers.authorization, req.headers.cookie).then(
        () => next(),
        (err: unknown) => {
          if (!(err instanceof HttpException)) return next(err);
          res.status(err.getStatus()).json(err.getResponse());
        },
      );
    };
    this.http.httpAdapter.getInstance().use(QUEUE_VIEW_PATH, adminOnly, board.getRouter());
  }
}
