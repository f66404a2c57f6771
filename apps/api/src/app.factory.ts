import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@app/config';
import { AppModule } from './app.module';
import { serveDashboard } from './common/dashboard';
import { validationPipe } from './common/validation';

/** Builds the API application (used by main.ts and by tests). */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), new ExpressAdapter(), {
    bufferLogs: true,
    abortOnError: false,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', 'loopback, uniquelocal');
  app.disable('x-powered-by');
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('urlencoded', { limit: '100kb', extended: false });
  const directives = {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    // hls.js hands caption tracks to the <video> element as data: URLs.
    'media-src': ["'self'", 'blob:', 'data:'],
    'worker-src': ["'self'", 'blob:'],
    'frame-ancestors': ["'self'"],
    // Libraries often run this on an intranet over plain HTTP: do not force https sub-requests.
    'upgrade-insecure-requests': null,
  };
  const strict = helmet({ contentSecurityPolicy: { directives } });
  // The embed player is meant to be framed by the library's own website (oEmbed): any site may frame it.
  const embeddable = helmet({ contentSecurityPolicy: { directives: { ...directives, 'frame-ancestors': ['*'] } }, frameguard: false });
  app.use((req: Request, res: Response, next: NextFunction) => (req.path.startsWith('/embed/') ? embeddable : strict)(req, res, next));
  app.setGlobalPrefix('api');
  app.useGlobalPipes(validationPipe);
  app.enableShutdownHooks();
  // A resumable upload chunk over slow library Wi-Fi may take longer than Node's default 5 minutes;
  // slow-header attacks are still cut off by headersTimeout.
  app.getHttpServer().requestTimeout = 0;

  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Library Streams API')
      .setDescription('Plan livestreams from the activity calendar, produce screencast series, publish to patrons.')
      .setVersion('0.1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });

  serveDashboard(app, config.DASHBOARD_DIR);
  return app;
}
