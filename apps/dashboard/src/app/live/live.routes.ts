import { Routes } from '@angular/router';

export const LIVE_ROUTES: Routes = [
  { path: '', loadComponent: () => import('./control-room').then((m) => m.ControlRoom), title: 'Regiekamer' },
];
