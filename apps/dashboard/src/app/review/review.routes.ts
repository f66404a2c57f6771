import { Routes } from '@angular/router';

export const REVIEW_ROUTES: Routes = [
  { path: '', loadComponent: () => import('./review-queue').then((m) => m.ReviewQueue), title: 'Beoordelen' },
  { path: ':id', loadComponent: () => import('./review-episode').then((m) => m.ReviewEpisode), title: 'Aflevering beoordelen' },
];
