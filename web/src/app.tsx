import { Navigate, Route, Routes } from 'react-router';
import { AuditLogPage } from './admin/audit-log-page.tsx';
import { UsersPage } from './admin/users-page.tsx';
import { AnalyticsRoutes } from './analytics/analytics-routes.tsx';
import { useMe } from './auth/auth-context.tsx';
import { RequireAuth, RequirePermission } from './auth/require-auth.tsx';
import { SignInPage } from './auth/sign-in-page.tsx';
import { ImportPage } from './imports/import-page.tsx';
import { PeoplePage } from './people/people-page.tsx';
import { AccountDetailPage } from './pipeline/account-detail-page.tsx';
import { AccountsPage } from './pipeline/accounts-page.tsx';
import { OpportunitiesPage } from './pipeline/opportunities-page.tsx';
import { OpportunityDetailPage } from './pipeline/opportunity-detail-page.tsx';
import { SettingsPage } from './settings/settings-page.tsx';
import { AppShell } from './shell/app-shell.tsx';
import { homePath } from './shell/navigation.tsx';
import { NotFoundPage } from './shell/not-found-page.tsx';
import { PlannedAreaPage } from './shell/planned-area-page.tsx';

function Home() {
  const me = useMe();
  return <Navigate to={homePath(me.permissions)} replace />;
}

/** Every page and the permission it needs; the navigation hides what a user cannot open. */
export function App() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route
        element={
          <RequireAuth>
            <AppShell />
          </RequireAuth>
        }
      >
        <Route index element={<Home />} />
        <Route path="analytics/*" element={<RequirePermission permission="pipeline.read"><AnalyticsRoutes /></RequirePermission>} />
        <Route path="forecasts" element={<PlannedAreaPage area="forecasts" />} />
        <Route path="compensation" element={<PlannedAreaPage area="compensation" />} />
        <Route path="territories" element={<PlannedAreaPage area="territories" />} />
        <Route path="enablement" element={<PlannedAreaPage area="enablement" />} />
        <Route path="opportunities" element={<RequirePermission permission="pipeline.read"><OpportunitiesPage /></RequirePermission>} />
        <Route path="opportunities/:id" element={<RequirePermission permission="pipeline.read"><OpportunityDetailPage /></RequirePermission>} />
        <Route path="accounts" element={<RequirePermission permission="pipeline.read"><AccountsPage /></RequirePermission>} />
        <Route path="accounts/:id" element={<RequirePermission permission="pipeline.read"><AccountDetailPage /></RequirePermission>} />
        <Route path="people" element={<RequirePermission permission="people.read"><PeoplePage /></RequirePermission>} />
        <Route path="import" element={<RequirePermission permission="import.run"><ImportPage /></RequirePermission>} />
        <Route path="admin/audit" element={<RequirePermission permission="audit.read"><AuditLogPage /></RequirePermission>} />
        <Route path="admin/users" element={<RequirePermission permission="users.manage"><UsersPage /></RequirePermission>} />
        <Route path="settings" element={<RequirePermission permission="settings.read"><SettingsPage /></RequirePermission>} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
