import { existsSync } from 'node:fs';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/**
 * Serves the built Angular dashboard and portal from the API's origin. Paths under /api stay the API's
 * (unknown ones get a JSON 404); any other GET that wants HTML gets index.html, so deep links work.
 */
export function serveDashboard(app: NestExpressApplication, dir: string): boolean {
  const root = path.resolve(dir);
  const index = path.join(root, 'index.html');
  if (!existsSync(index)) return false;
  app.useStaticAssets(root, { index: false, maxAge: '1h', setHeaders: (res, file) => {
    if (/-[A-Z0-9]{8}\.(js|css)$/.test(file)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  } });
  // Search engines find the published videos through the sitemap the public API keeps.
  app.use('/robots.txt', (req: Request, res: Response) => {
    res.type('text/plain').send(`User-agent: *\nDisallow: /staff\nDisallow: /api/\nAllow: /api/public/\nSitemap: ${req.protocol}://${req.get('host')}/api/public/sitemap.xml\n`);
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api') || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
