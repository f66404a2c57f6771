import { Role } from '../auth/auth.service';
import { MessageKey } from '../i18n/messages';

/** The staff areas, who sees them, and where they live. Each feature adds its entry here. */
export interface NavItem {
  label: MessageKey;
  description: MessageKey;
  path: string;
  roles: Role[];
}

export const NAV: NavItem[] = [];

/** What each role is for, shown on the overview so a first-time user knows where to start. */
export const ROLE_CARDS: { role: Role; description: MessageKey }[] = [
  { role: 'planner', description: 'card.yearPlan' },
  { role: 'planner', description: 'card.broadcasts' },
  { role: 'producer', description: 'card.series' },
  { role: 'editor', description: 'card.review' },
  { role: 'admin', description: 'card.admin' },
];
