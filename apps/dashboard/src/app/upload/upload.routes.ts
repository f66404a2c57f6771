import { Routes } from '@angular/router';

export const UPLOAD_ROUTES: Routes = [
  { path: ':id/upload', loadComponent: () => import('./upload').then((m) => m.Upload), title: 'Opname uploaden' },
];
