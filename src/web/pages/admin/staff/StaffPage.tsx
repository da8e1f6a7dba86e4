import PersonAddIcon from "@mui/icons-material/PersonAddOutlined";
import Button from "@mui/material/Button";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import { useCallback, useState } from "react";
import type { StaffMember } from "../../../../common/admin-api";
import { rolesApi, staffApi } from "../../../api/admin";
import { companyApi } from "../../../api/company";
import { useAuth, useMe } from "../../../app/auth/authContext";
import { ApiContent } from "../../../components/ApiContent";
import { PageContainer } from "../../../components/PageContainer";
import { PageHeader } from "../../../components/PageHeader";
import { SectionCard } from "../../../components/SectionCard";
import { useApi } from "../../../hooks/useApi";
import { useDocumentTitle } from "../../../hooks/useDocumentTitle";
import { InviteLinkDialog } from "./InviteLinkDialog";
import { StaffFormDialog } from "./StaffFormDialog";
import { StaffRow } from "./StaffRow";

async function loadStaffPage() {
  const [staff, roles, locations] = await Promise.all([
    staffApi.list(),
    rolesApi.list(),
    companyApi.locations(),
  ]);

  return {
    staff: staff.staff,
    roles: roles.roles,
    locations: locations.locations,
  };
}

/** "new" opens the add form; a staff member opens the edit form. */
type Editing = StaffMember | "new" | null;

/** Lists the company's staff and lets managers add, change and remove them. */
export function StaffPage() {
  useDocumentTitle("Staff");
  const me = useMe();
  const { reload: reloadAuth } = useAuth();
  const page = useApi(useCallback(loadStaffPage, []));
  const [editing, setEditing] = useState<Editing>(null);
  const [invite, setInvite] = useState<{ name: string; url: string } | null>(
    null,
  );
  const reload = () => void page.reload();

  const addButton = (
    <Button
      variant="contained"
      startIcon={<PersonAddIcon />}
      onClick={() => setEditing("new")}
      disabled={page.data === null}
    >
      Add staff member
    </Button>
  );

  return (
    <PageContainer>
      <PageHeader
        title="Staff"
        description="Who can sign in, their role and where they work."
        actions={addButton}
      />
      <ApiContent result={page}>
        {(data) => (
          <SectionCard title="Team">
            <TableContainer>
              <Table aria-label="Staff" size="small">
                <TableHead>
                  <TableRow>
                    <TableCell>Name</TableCell>
                    <TableCell>Role</TableCell>
                    <TableCell>Locations</TableCell>
                    <TableCell>Status</TableCell>
                    <TableCell align="right">Actions</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {data.staff.map((member) => (
                    <StaffRow
                      key={member.id}
                      member={member}
                      locations={data.locations}
                      isSelf={member.id === me.staff.id}
                      onEdit={() => setEditing(member)}
                      onInviteLink={(url) =>
                        setInvite({ name: member.name, url })
                      }
                      onChanged={reload}
                    />
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
            {editing !== null && (
              <StaffFormDialog
                member={editing === "new" ? null : editing}
                roles={data.roles}
                locations={data.locations}
                onClose={() => setEditing(null)}
                onSaved={(created) => {
                  // Reloads the session after managers change their own name
                  // or locations, so the top bar and navigation update.
                  if (editing !== "new" && editing.id === me.staff.id) {
                    void reloadAuth();
                  }
                  setEditing(null);
                  if (created?.inviteUrl) {
                    setInvite({
                      name: created.staff.name,
                      url: created.inviteUrl,
                    });
                  }
                  reload();
                }}
              />
            )}
          </SectionCard>
        )}
      </ApiContent>
      <InviteLinkDialog invite={invite} onClose={() => setInvite(null)} />
    </PageContainer>
  );
}
