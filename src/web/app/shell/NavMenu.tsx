import BadgeIcon from "@mui/icons-material/BadgeOutlined";
import ExtensionIcon from "@mui/icons-material/ExtensionOutlined";
import HistoryIcon from "@mui/icons-material/History";
import InboxIcon from "@mui/icons-material/InboxOutlined";
import KeyIcon from "@mui/icons-material/KeyOutlined";
import PeopleIcon from "@mui/icons-material/PeopleOutlined";
import PlaceIcon from "@mui/icons-material/PlaceOutlined";
import SettingsIcon from "@mui/icons-material/SettingsOutlined";
import List from "@mui/material/List";
import ListItemButton from "@mui/material/ListItemButton";
import ListItemIcon from "@mui/material/ListItemIcon";
import ListItemText from "@mui/material/ListItemText";
import type { ReactNode } from "react";
import { useMe } from "../auth/authContext";
import { hasPermission, permissions } from "../auth/permissions";
import { preloadPage } from "../lazy/pages";
import { usePlugins } from "../plugins/pluginsContext";
import { useRouter } from "../router/routerContext";
import { NavBadge } from "./NavBadge";
import { unreadBadgeText } from "./unreadText";
import { useUnreadTotal } from "./unreadTotalContext";

interface NavItem {
  label: string;
  href: string;
  icon: ReactNode;
  /** A count shown after the label, with its meaning for screen readers. */
  badge?: { text: string; label: string } | null;
}

function useNavItems(): NavItem[] {
  const me = useMe();
  const { inboxEnabled } = usePlugins();
  const canManage = hasPermission(me, permissions.manageCompany);
  const unread = useUnreadTotal();
  const unreadText = unreadBadgeText(unread);

  const items: NavItem[] = [];
  if (inboxEnabled) {
    items.push({
      label: "Inbox",
      href: "/inbox",
      icon: <InboxIcon />,
      badge:
        unreadText === null
          ? null
          : { text: unreadText, label: `${unread} unread` },
    });
  }
  // Every staff member may look customers up; changes need Manage company.
  items.push({ label: "Customers", href: "/customers", icon: <PeopleIcon /> });
  if (canManage) {
    items.push(
      { label: "Settings", href: "/settings", icon: <SettingsIcon /> },
      { label: "Plugins", href: "/plugins", icon: <ExtensionIcon /> },
      { label: "Staff", href: "/staff", icon: <BadgeIcon /> },
      { label: "Roles", href: "/roles", icon: <KeyIcon /> },
      { label: "Locations", href: "/locations", icon: <PlaceIcon /> },
      { label: "Audit log", href: "/audit", icon: <HistoryIcon /> },
    );
  }

  return items;
}

/** The main navigation; shows only the pages this staff member can open. */
export function NavMenu() {
  const { pathname } = useRouter();
  const items = useNavItems();

  return (
    <nav aria-label="Main">
      <List sx={{ px: 1.5 }}>
        {items.map((item) => {
          const current =
            pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <ListItemButton
              key={item.href}
              href={item.href}
              selected={current}
              aria-current={current ? "page" : undefined}
              onPointerEnter={() => preloadPage(item.href)}
              onFocus={() => preloadPage(item.href)}
              sx={{ borderRadius: 2, mb: 0.5 }}
            >
              <ListItemIcon sx={{ minWidth: 40 }}>{item.icon}</ListItemIcon>
              <ListItemText primary={item.label} />
              {item.badge && <NavBadge {...item.badge} />}
            </ListItemButton>
          );
        })}
      </List>
    </nav>
  );
}
