import { Routes } from '@angular/router';

/** The public patron portal: no login, Dutch paths (the API's feeds, sitemap and oEmbed link to these: public/site-urls.ts). */
export const PORTAL_ROUTES: Routes = [
  { path: 'embed/:slug', loadComponent: () => import('./embed').then((m) => m.PortalEmbed) },
  {
    path: '',
    loadComponent: () => import('./layout').then((m) => m.PortalLayout),
    children: [
      { path: '', pathMatch: 'full', loadComponent: () => import('./home').then((m) => m.PortalHome) },
      { path: 'zoeken', loadComponent: () => import('./search').then((m) => m.PortalSearch) },
      { path: 'reeks/:slug', loadComponent: () => import('./series-page').then((m) => m.PortalSeries) },
      { path: 'video/:slug', loadComponent: () => import('./watch').then((m) => m.PortalWatch) },
      { path: 'live/:slug', loadComponent: () => import('./live').then((m) => m.PortalLive) },
    ],
  },
];
