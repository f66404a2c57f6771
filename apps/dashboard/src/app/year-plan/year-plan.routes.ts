import { Routes } from '@angular/router';

export const YEAR_PLAN_ROUTES: Routes = [
  { path: '', loadComponent: () => import('./year-plan').then((m) => m.YearPlan), title: 'Jaarplanning' },
  { path: ':id', loadComponent: () => import('./activity-detail').then((m) => m.ActivityDetail), title: 'Activiteit' },
];
