import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import Stack from "@mui/material/Stack";
import TableCell from "@mui/material/TableCell";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import { useState } from "react";
import type { StaffMember, StaffStatus } from "../../../../common/admin-api";
import type { Location } from "../../../../common/api";
import { staffApi } from "../../../api/admin";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { formatCalendarDate } from "../../../format/time";
import { useSubmit } from "../../../hooks/useSubmit";
import { StaffLocationsCell } from "./StaffLocationsCell";

interface StaffRowProps {
  member: StaffMember;
  locations: Location[];
  /** True for the signed-in staff member, who cannot lock themselves out. */
  isSelf: boolean;
  onEdit(): void;
  onInviteLink(url: string): void;
  onChanged(): void;
}

const statusChips: Record<
  StaffStatus,
  { label: string; color: "success" | "warning" | "default" }
> = {
  active: { label: "Active", color: "success" },
  invited: { label: "Invited", color: "warning" },
  deactivated: { label: "Deactivated", color: "default" },
};

type Confirming = "deactivate" | "remove" | null;

/** Shows one staff member with the actions a manager can take on them. */
export function StaffRow(props: StaffRowProps) {
  const { member, isSelf } = props;
  const [confirming, setConfirming] = useState<Confirming>(null);
  const { run, pending, error, clearError } = useSubmit();
  const chip = statusChips[member.status];
  const locationNames = props.locations
    .filter((location) => member.locationIds.includes(location.id))
    .map((location) => location.name);

  const act = (action: () => Promise<unknown>) =>
    void run(async () => {
      await action();
      setConfirming(null);
      props.onChanged();
    });

  const newInviteLink = () =>
    void run(async () => {
      const created = await staffApi.newInviteLink(member.id);
      if (created.inviteUrl) props.onInviteLink(created.inviteUrl);
      props.onChanged();
    });

  const closeDialog = () => {
    setConfirming(null);
    clearError();
  };

  return (
    <TableRow>
      <TableCell>
        <Typography sx={{ fontWeight: 600 }}>
          {member.name}
          {isSelf && " (you)"}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {member.email}
        </Typography>
      </TableCell>
      <TableCell>{member.role.name}</TableCell>
      <StaffLocationsCell names={locationNames} />
      <TableCell>
        <Chip label={chip.label} color={chip.color} size="small" />
        {member.status === "invited" && member.invitationExpiresAt && (
          <Typography variant="body2" color="text.secondary">
            Link valid until {formatCalendarDate(member.invitationExpiresAt)}
          </Typography>
        )}
      </TableCell>
      <TableCell align="right">
        <Stack
          direction="row"
          spacing={0.5}
          sx={{ justifyContent: "flex-end", flexWrap: "wrap" }}
        >
          <Button size="small" onClick={props.onEdit}>
            Edit
          </Button>
          {member.status === "invited" && (
            <Button size="small" onClick={newInviteLink} disabled={pending}>
              New invite link
            </Button>
          )}
          {member.status === "deactivated" ? (
            <Button
              size="small"
              onClick={() => act(() => staffApi.reactivate(member.id))}
              disabled={pending}
            >
              Reactivate
            </Button>
          ) : (
            !isSelf && (
              <Button
                size="small"
                onClick={() => setConfirming("deactivate")}
                aria-label={`Deactivate ${member.name}`}
              >
                Deactivate
              </Button>
            )
          )}
          {!isSelf && (
            <Button
              size="small"
              color="error"
              onClick={() => setConfirming("remove")}
              aria-label={`Remove ${member.name}`}
            >
              Remove
            </Button>
          )}
        </Stack>
        {confirming === null && <ErrorAlert error={error} sx={{ mt: 1 }} />}
        <ConfirmDialog
          open={confirming === "deactivate"}
          title={`Deactivate ${member.name}?`}
          confirmLabel="Deactivate"
          pending={pending}
          error={error}
          onConfirm={() => act(() => staffApi.deactivate(member.id))}
          onClose={closeDialog}
        >
          {member.name} is signed out at once and cannot sign in until you
          reactivate them. Their role, locations and messages stay as they are.
        </ConfirmDialog>
        <ConfirmDialog
          open={confirming === "remove"}
          title={`Remove ${member.name}?`}
          confirmLabel="Remove"
          pending={pending}
          error={error}
          onConfirm={() => act(() => staffApi.remove(member.id))}
          onClose={closeDialog}
        >
          {member.name} can never sign in again, and {member.email} becomes free
          for a new account. Texts they sent keep their name. This cannot be
          undone; to block access for a while, deactivate them instead.
        </ConfirmDialog>
      </TableCell>
    </TableRow>
  );
}
