import { Routes } from '@angular/router';

export const PROCESSING_ROUTES: Routes = [
  { path: ':id', loadComponent: () => import('./processing').then((m) => m.Processing), title: 'Verwerking' },
];
