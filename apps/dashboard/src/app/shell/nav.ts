import { Role } from '../auth/auth.service';
import { MessageKey } from '../i18n/messages';

/** The staff areas, who sees them, and where they live. Each feature adds its entry here. */
export interface NavItem {
  label: MessageKey;
  description: MessageKey;
  path: string;
  roles: Role[];
}

export const NAV: NavItem[] = [
  { label: 'nav.yearPlan', description: 'card.yearPlan', path: '/staff/year-plan', roles: ['planner', 'producer'] },
  { label: 'nav.broadcasts', description: 'card.broadcasts', path: '/staff/broadcasts', roles: ['planner', 'producer'] },
  { label: 'nav.series', description: 'card.series', path: '/staff/series', roles: ['planner', 'producer', 'editor'] },
  { label: 'nav.admin', description: 'card.admin', path: '/staff/admin', roles: ['admin', 'planner'] },
  { label: 'nav.review', description: 'card.review', path: '/staff/review', roles: ['editor'] },
];

/** What each role is for, shown on the overview so a first-time user knows where to start. */
export const ROLE_CARDS: { role: Role; description: MessageKey }[] = [
  { role: 'planner', description: 'card.yearPlan' },
  { role: 'planner', description: 'card.broadcasts' },
  { role: 'producer', description: 'card.series' },
  { role: 'editor', description: 'card.review' },
  { role: 'admin', description: 'card.admin' },
];
