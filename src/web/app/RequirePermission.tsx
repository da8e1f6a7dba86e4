import LockIcon from "@mui/icons-material/LockOutlined";
import type { ReactNode } from "react";
import { EmptyState } from "../components/EmptyState";
import { useMe } from "./auth/authContext";
import { hasPermission, permissionLabels } from "./auth/permissions";

interface RequirePermissionProps {
  permission: string;
  children: ReactNode;
}

/** Shows the page only to staff whose role grants `permission`. */
export function RequirePermission(props: RequirePermissionProps) {
  const me = useMe();
  if (hasPermission(me, props.permission)) return props.children;

  const label = permissionLabels[props.permission] ?? props.permission;

  return (
    <EmptyState icon={<LockIcon fontSize="inherit" />} title="No access">
      This page needs the {label} permission. Ask a company owner to grant it to
      your role.
    </EmptyState>
  );
}
