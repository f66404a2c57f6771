import { inject } from '@angular/core';
import { Router, Routes } from '@angular/router';
import { AuthService } from '../auth/auth.service';
import { ADMIN_SECTIONS } from './admin';

/** The first section this user may use. */
const firstSection = () => {
  const auth = inject(AuthService);
  return inject(Router).createUrlTree(['/staff/admin', ADMIN_SECTIONS.find((s) => auth.can(...s.roles))?.path ?? 'rooms']);
};

export const ADMIN_ROUTES: Routes = [
  {
    path: '',
    loadComponent: () => import('./admin').then((m) => m.Admin),
    children: [
      { path: '', pathMatch: 'full', canActivate: [firstSection], children: [] },
      { path: 'rooms', loadComponent: () => import('./admin-rooms').then((m) => m.AdminRooms), title: 'Beheer: zalen' },
      { path: 'equipment', loadComponent: () => import('./admin-equipment').then((m) => m.AdminEquipment), title: 'Beheer: apparatuur' },
      { path: 'checklists', loadComponent: () => import('./admin-checklists').then((m) => m.AdminChecklists), title: 'Beheer: draaiboeken' },
      { path: 'users', loadComponent: () => import('./admin-users').then((m) => m.AdminUsers), title: 'Beheer: gebruikers' },
      { path: 'weights', loadComponent: () => import('./admin-weights').then((m) => m.AdminWeights), title: 'Beheer: beoordeling' },
    ],
  },
];
