import { Routes } from '@angular/router';

export const BROADCAST_ROUTES: Routes = [
  { path: '', loadComponent: () => import('./broadcast-list').then((m) => m.BroadcastList), title: 'Uitzendingen' },
  { path: 'new', loadComponent: () => import('./broadcast-form').then((m) => m.BroadcastForm), title: 'Nieuwe uitzending' },
  { path: ':id', loadComponent: () => import('./broadcast-detail').then((m) => m.BroadcastDetail), title: 'Uitzending' },
  { path: ':id/edit', loadComponent: () => import('./broadcast-form').then((m) => m.BroadcastForm), title: 'Uitzending wijzigen' },
];
