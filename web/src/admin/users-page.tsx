import { UsersTab } from '../settings/users-tab.tsx';

/** Administration → Users: the same list and forms as the Settings tab, reached from the navigation. */
export function UsersPage() {
  return (
    <section className="page">
      <h1>Users</h1>
      <UsersTab />
    </section>
  );
}
