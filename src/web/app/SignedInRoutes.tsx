import type { ReactNode } from "react";
import { InboxPage } from "../pages/inbox/InboxPage";
import { NotFoundPage } from "../pages/not-found/NotFoundPage";
import { permissions } from "./auth/permissions";
import { HomeRedirect } from "./HomeRedirect";
import {
  AuditLogPage,
  CustomersPage,
  LocationsPage,
  PluginsPage,
  RolesPage,
  SettingsPage,
  SignedInInviteNotice,
  SmsSetupPage,
  StaffPage,
} from "./lazy/pages";
import { readNextPath } from "./nextPath";
import { RequirePermission } from "./RequirePermission";
import { matchPath, type RouteParams } from "./router/matchPath";
import { Redirect } from "./router/Redirect";
import { useRouter } from "./router/routerContext";

interface Route {
  pattern: string;
  render(params: RouteParams): ReactNode;
}

const manage = (page: ReactNode) => (
  <RequirePermission permission={permissions.manageCompany}>
    {page}
  </RequirePermission>
);

const routes: Route[] = [
  { pattern: "/", render: () => <HomeRedirect /> },
  { pattern: "/inbox", render: () => <InboxPage conversationId={null} /> },
  {
    pattern: "/inbox/:conversationId",
    render: ({ conversationId }) => (
      <InboxPage conversationId={conversationId ?? null} />
    ),
  },
  { pattern: "/settings", render: () => manage(<SettingsPage />) },
  // Every staff member may look customers up; changes need Manage company.
  { pattern: "/customers", render: () => <CustomersPage /> },
  { pattern: "/plugins", render: () => manage(<PluginsPage />) },
  { pattern: "/staff", render: () => manage(<StaffPage />) },
  { pattern: "/roles", render: () => manage(<RolesPage />) },
  { pattern: "/locations", render: () => manage(<LocationsPage />) },
  { pattern: "/audit", render: () => manage(<AuditLogPage />) },
  { pattern: "/invite/:token", render: () => <SignedInInviteNotice /> },
  {
    pattern: "/plugins/sms-chat/setup",
    render: () => manage(<SmsSetupPage />),
  },
];

/**
 * Pages of the signed-in app, matched by path. The inbox is in the main
 * chunk; the other pages load on first visit, inside the PageBoundary that
 * AppRoutes puts around this component.
 */
export function SignedInRoutes() {
  const { pathname, search } = useRouter();

  if (pathname === "/login" || pathname === "/setup") {
    return <Redirect to={readNextPath(search)} />;
  }
  for (const route of routes) {
    const params = matchPath(route.pattern, pathname);
    if (params) return route.render(params);
  }

  return <NotFoundPage />;
}
