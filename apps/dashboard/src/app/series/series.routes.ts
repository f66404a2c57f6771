import { Routes } from '@angular/router';

export const SERIES_ROUTES: Routes = [
  { path: '', loadComponent: () => import('./series-list').then((m) => m.SeriesList), title: 'Videoreeksen' },
  { path: ':id', loadComponent: () => import('./series-board').then((m) => m.SeriesBoard), title: 'Videoreeks' },
];
