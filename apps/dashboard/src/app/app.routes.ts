import { Routes } from '@angular/router';
import { loggedIn } from './auth/auth.guard';

export const routes: Routes = [
  { path: 'login', loadComponent: () => import('./auth/login').then((m) => m.Login), title: 'Inloggen' },
  {
    path: 'staff',
    canActivate: [loggedIn],
    loadComponent: () => import('./shell/shell').then((m) => m.Shell),
    children: [
      { path: '', loadComponent: () => import('./home/home').then((m) => m.Home) },
      { path: 'year-plan', loadChildren: () => import('./year-plan/year-plan.routes').then((m) => m.YEAR_PLAN_ROUTES) },
      { path: 'broadcasts', loadChildren: () => import('./broadcasts/broadcasts.routes').then((m) => m.BROADCAST_ROUTES) },
      { path: 'series', loadChildren: () => import('./series/series.routes').then((m) => m.SERIES_ROUTES) },
      { path: 'admin', loadChildren: () => import('./admin/admin.routes').then((m) => m.ADMIN_ROUTES) },
      { path: 'episodes', loadChildren: () => import('./upload/upload.routes').then((m) => m.UPLOAD_ROUTES) },
      { path: 'media', loadChildren: () => import('./processing/processing.routes').then((m) => m.PROCESSING_ROUTES) },
      { path: 'review', loadChildren: () => import('./review/review.routes').then((m) => m.REVIEW_ROUTES) },
      { path: 'broadcasts/:id/live', loadChildren: () => import('./live/live.routes').then((m) => m.LIVE_ROUTES) },
    ],
  },
  { path: '', loadChildren: () => import('./portal/portal.routes').then((m) => m.PORTAL_ROUTES) },
  { path: '**', loadComponent: () => import('./shell/not-found').then((m) => m.NotFound) },
];
