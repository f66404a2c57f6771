import { Routes } from '@angular/router';
import { loggedIn } from './auth/auth.guard';

export const routes: Routes = [
  { path: 'login', loadComponent: () => import('./auth/login').then((m) => m.Login), title: 'Inloggen' },
  {
    path: 'staff',
    canActivate: [loggedIn],
    loadComponent: () => import('./shell/shell').then((m) => m.Shell),
    children: [{ path: '', loadComponent: () => import('./home/home').then((m) => m.Home) }],
  },
  { path: '', pathMatch: 'full', redirectTo: 'staff' },
  { path: '**', loadComponent: () => import('./shell/not-found').then((m) => m.NotFound) },
];
