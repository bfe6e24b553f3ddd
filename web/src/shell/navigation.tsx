import { NavLink } from 'react-router';
import type { Permission } from '../../../src/core/access/permission.ts';

export interface NavLinkItem {
  readonly label: string;
  readonly to: string;
  /** Shown only to users holding it; no permission: shown to everyone signed in. */
  readonly permission?: Permission;
  /** An area still to come: its page says what it will hold. */
  readonly planned?: boolean;
}

export interface NavGroupItem {
  readonly label: string;
  readonly items: readonly NavLinkItem[];
}

export type NavEntry = NavLinkItem | NavGroupItem;

export const NAVIGATION: readonly NavEntry[] = [
  { label: 'Analytics', to: '/analytics', permission: 'pipeline.read' },
  { label: 'Forecasts', to: '/forecasts', permission: 'pipeline.read', planned: true },
  { label: 'Compensation', to: '/compensation', permission: 'pay.read', planned: true },
  { label: 'Territories & Quotas', to: '/territories', permission: 'pipeline.read', planned: true },
  { label: 'Enablement', to: '/enablement', planned: true },
  {
    label: 'Pipeline',
    items: [
      { label: 'Opportunities', to: '/opportunities', permission: 'pipeline.read' },
      { label: 'Accounts', to: '/accounts', permission: 'pipeline.read' },
    ],
  },
  { label: 'People', to: '/people', permission: 'people.read' },
  { label: 'Import', to: '/import', permission: 'import.run' },
  {
    label: 'Administration',
    items: [
      { label: 'Audit log', to: '/admin/audit', permission: 'audit.read' },
      { label: 'Users', to: '/admin/users', permission: 'users.manage' },
    ],
  },
  { label: 'Settings', to: '/settings', permission: 'settings.read' },
];

function isGroup(entry: NavEntry): entry is NavGroupItem {
  return 'items' in entry;
}

function allowed(item: NavLinkItem, permissions: readonly string[]): boolean {
  return item.permission === undefined || permissions.includes(item.permission);
}

/** The entries a user's permissions allow; a group with nothing left in it disappears. */
export function visibleNavigation(permissions: readonly string[], entries: readonly NavEntry[] = NAVIGATION): NavEntry[] {
  const visible: NavEntry[] = [];
  for (const entry of entries) {
    if (isGroup(entry)) {
      const items = entry.items.filter((item) => allowed(item, permissions));
      if (items.length > 0) visible.push({ label: entry.label, items });
    } else if (allowed(entry, permissions)) {
      visible.push(entry);
    }
  }
  return visible;
}

/** The first page a user may open, for "/" right after sign-in. */
export function homePath(permissions: readonly string[]): string {
  for (const entry of visibleNavigation(permissions)) {
    const link = isGroup(entry) ? entry.items[0] : entry;
    if (link !== undefined && link.planned !== true) return link.to;
  }
  return '/settings';
}

function Link({ item }: { readonly item: NavLinkItem }) {
  return (
    <NavLink to={item.to} className="nav-link">
      <span>{item.label}</span>
      {item.planned === true && <span className="nav-tag">Not built yet</span>}
    </NavLink>
  );
}

export function Navigation({ permissions }: { readonly permissions: readonly string[] }) {
  return (
    <nav className="app-nav" aria-label="Main">
      <ul>
        {visibleNavigation(permissions).map((entry) =>
          isGroup(entry) ? (
            <li key={entry.label} className="nav-group">
              <span className="nav-group-label" id={`nav-group-${entry.label}`}>
                {entry.label}
              </span>
              <ul aria-labelledby={`nav-group-${entry.label}`}>
                {entry.items.map((item) => (
                  <li key={item.to}>
                    <Link item={item} />
                  </li>
                ))}
              </ul>
            </li>
          ) : (
            <li key={entry.to}>
              <Link item={entry} />
            </li>
          ),
        )}
      </ul>
    </nav>
  );
}
