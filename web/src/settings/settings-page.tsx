import type { Permission } from '../../../src/core/access/permission.ts';
import { can, useMe } from '../auth/auth-context.tsx';
import { Tabs } from '../components/tabs.tsx';
import { useQueryState } from '../lib/use-query-state.ts';
import { CurrenciesTab } from './currencies-tab.tsx';
import { SalesProcessesTab } from './sales-processes-tab.tsx';
import { TokensTab } from './tokens-tab.tsx';
import { UsersTab } from './users-tab.tsx';
import { WorkspaceTab } from './workspace-tab.tsx';

const TABS: readonly { readonly id: string; readonly label: string; readonly permission: Permission }[] = [
  { id: 'workspace', label: 'Workspace', permission: 'settings.read' },
  { id: 'currencies', label: 'Currencies & rates', permission: 'settings.read' },
  { id: 'processes', label: 'Sales processes & stages', permission: 'settings.read' },
  { id: 'users', label: 'Users & roles', permission: 'users.manage' },
  { id: 'tokens', label: 'API tokens', permission: 'tokens.own' },
];

const DEFAULTS = { tab: 'workspace' } as const;

export function SettingsPage() {
  const me = useMe();
  const [state, update] = useQueryState(DEFAULTS);
  const tabs = TABS.filter((tab) => can(me, tab.permission));
  const selected = tabs.find((tab) => tab.id === state.tab)?.id ?? tabs[0]?.id ?? 'workspace';

  return (
    <section className="page">
      <h1>Settings</h1>
      <Tabs label="Settings" tabs={tabs} selected={selected} onSelect={(tab) => update({ tab }, { replace: true })}>
        {selected === 'workspace' && <WorkspaceTab />}
        {selected === 'currencies' && <CurrenciesTab />}
        {selected === 'processes' && <SalesProcessesTab />}
        {selected === 'users' && <UsersTab />}
        {selected === 'tokens' && <TokensTab />}
      </Tabs>
    </section>
  );
}
