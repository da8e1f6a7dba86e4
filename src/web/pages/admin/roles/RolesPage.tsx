import AddIcon from "@mui/icons-material/Add";
import Button from "@mui/material/Button";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemText from "@mui/material/ListItemText";
import Stack from "@mui/material/Stack";
import { useCallback, useState } from "react";
import type { PermissionOption, Role } from "../../../../common/admin-api";
import { rolesApi } from "../../../api/admin";
import { useAuth } from "../../../app/auth/authContext";
import { ApiContent } from "../../../components/ApiContent";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { PageContainer } from "../../../components/PageContainer";
import { PageHeader } from "../../../components/PageHeader";
import { SectionCard } from "../../../components/SectionCard";
import { useApi } from "../../../hooks/useApi";
import { useDocumentTitle } from "../../../hooks/useDocumentTitle";
import { useSubmit } from "../../../hooks/useSubmit";
import { RoleFormDialog } from "./RoleFormDialog";

type Editing = Role | "new" | null;

function describePermissions(role: Role, options: PermissionOption[]) {
  if (role.permissions.length === 0) return "No permissions: view only";

  return role.permissions
    .map((key) => options.find((option) => option.key === key)?.label ?? key)
    .join(", ");
}

function memberText(count: number) {
  return count === 1 ? "1 staff member" : `${count} staff members`;
}

/** Lists roles with their permissions and lets managers edit them. */
export function RolesPage() {
  useDocumentTitle("Roles");
  const { reload: reloadAuth } = useAuth();
  const roles = useApi(useCallback(() => rolesApi.list(), []));
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<Role | null>(null);
  const removal = useSubmit();

  const handleSaved = () => {
    setEditing(null);
    void roles.reload();
    // The signed-in manager's own permissions may have changed.
    void reloadAuth();
  };

  const handleDelete = (role: Role) =>
    void removal.run(async () => {
      await rolesApi.remove(role.id);
      setDeleting(null);
      await roles.reload();
    });

  const closeDelete = () => {
    setDeleting(null);
    removal.clearError();
  };

  return (
    <PageContainer>
      <PageHeader
        title="Roles"
        description="A role is a set of permissions. Each staff member has one role."
        actions={
          <Button
            variant="contained"
            startIcon={<AddIcon />}
            onClick={() => setEditing("new")}
            disabled={roles.data === null}
          >
            Create role
          </Button>
        }
      />
      <ApiContent result={roles}>
        {(data) => (
          <SectionCard title="Roles">
            <List aria-label="Roles" disablePadding>
              {data.roles.map((role) => (
                <ListItem
                  key={role.id}
                  divider
                  sx={{ px: 0 }}
                  secondaryAction={
                    <Stack direction="row" spacing={0.5}>
                      <Button
                        size="small"
                        onClick={() => setEditing(role)}
                        aria-label={`Edit ${role.name}`}
                      >
                        Edit
                      </Button>
                      <Button
                        size="small"
                        color="error"
                        onClick={() => setDeleting(role)}
                        aria-label={`Delete ${role.name}`}
                      >
                        Delete
                      </Button>
                    </Stack>
                  }
                >
                  <ListItemText
                    primary={`${role.name} · ${memberText(role.memberCount)}`}
                    secondary={describePermissions(role, data.permissions)}
                    sx={{ pr: 18 }}
                  />
                </ListItem>
              ))}
            </List>
            {editing !== null && (
              <RoleFormDialog
                role={editing === "new" ? null : editing}
                options={data.permissions}
                onClose={() => setEditing(null)}
                onSaved={handleSaved}
              />
            )}
          </SectionCard>
        )}
      </ApiContent>
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete the role ${deleting?.name ?? ""}?`}
        confirmLabel="Delete"
        pending={removal.pending}
        error={removal.error}
        onConfirm={() => deleting && handleDelete(deleting)}
        onClose={closeDelete}
      >
        A role can be deleted only when no staff member holds it.
      </ConfirmDialog>
    </PageContainer>
  );
}
