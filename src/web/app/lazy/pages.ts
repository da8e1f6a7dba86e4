import { lazyPage } from "./lazyPage";

// Pages outside the inbox load on first visit, so the main chunk holds only
// what staff need to reach the inbox: sign-in, the app shell and the inbox.

export const AuditLogPage = lazyPage(
  () => import("../../pages/admin/audit/AuditLogPage"),
  (module) => module.AuditLogPage,
);
export const CustomersPage = lazyPage(
  () => import("../../pages/customers/CustomersPage"),
  (module) => module.CustomersPage,
);
export const InvitePage = lazyPage(
  () => import("../../pages/invite/InvitePage"),
  (module) => module.InvitePage,
);
export const LocationsPage = lazyPage(
  () => import("../../pages/admin/locations/LocationsPage"),
  (module) => module.LocationsPage,
);
export const PluginsPage = lazyPage(
  () => import("../../pages/plugins/PluginsPage"),
  (module) => module.PluginsPage,
);
export const RolesPage = lazyPage(
  () => import("../../pages/admin/roles/RolesPage"),
  (module) => module.RolesPage,
);
export const SettingsPage = lazyPage(
  () => import("../../pages/settings/SettingsPage"),
  (module) => module.SettingsPage,
);
export const SetupPage = lazyPage(
  () => import("../../pages/setup/SetupPage"),
  (module) => module.SetupPage,
);
export const SignedInInviteNotice = lazyPage(
  () => import("../../pages/invite/SignedInInviteNotice"),
  (module) => module.SignedInInviteNotice,
);
export const SmsSetupPage = lazyPage(
  () => import("../../pages/sms-setup/SmsSetupPage"),
  (module) => module.SmsSetupPage,
);
export const StaffPage = lazyPage(
  () => import("../../pages/admin/staff/StaffPage"),
  (module) => module.StaffPage,
);

/** Lazy pages by the navigation link that opens them. */
const pagesByHref: Readonly<Record<string, { preload(): Promise<unknown> }>> = {
  "/audit": AuditLogPage,
  "/customers": CustomersPage,
  "/locations": LocationsPage,
  "/plugins": PluginsPage,
  "/roles": RolesPage,
  "/settings": SettingsPage,
  "/staff": StaffPage,
};

/**
 * Starts downloading the page behind a navigation link, so it usually
 * shows without the loading state. After a failed download the page's
 * first render fetches again and shows the error if that fails too.
 */
export function preloadPage(href: string): void {
  pagesByHref[href]?.preload().catch(() => undefined);
}
