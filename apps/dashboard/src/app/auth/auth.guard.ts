import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { AuthService } from './auth.service';

/** Staff pages need a session; without one, go to the login page and come back afterwards. */
export const loggedIn: CanActivateFn = async (_route, state) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const toLogin = router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
  if (!auth.loggedIn()) return toLogin;
  try {
    await auth.loadMe();
    return true;
  } catch {
    auth.logout();
    return toLogin;
  }
};
