import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import FormControlLabel from "@mui/material/FormControlLabel";
import MenuItem from "@mui/material/MenuItem";
import Radio from "@mui/material/Radio";
import RadioGroup from "@mui/material/RadioGroup";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import { useId, useState, type FormEvent } from "react";
import type {
  CreatedStaff,
  Role,
  StaffMember,
} from "../../../../common/admin-api";
import type { Location } from "../../../../common/api";
import { fieldError } from "../../../api/ApiError";
import { staffApi } from "../../../api/admin";
import { permissions } from "../../../app/auth/permissions";
import { FormErrorAlert } from "../../../components/FormErrorAlert";
import { useSubmit } from "../../../hooks/useSubmit";
import { initialLocationIds } from "./initialLocations";
import { LocationCheckboxes } from "./LocationCheckboxes";

const fields = ["name", "email", "roleId", "locationIds", "password"] as const;

interface StaffFormDialogProps {
  /** The staff member to edit, or null to add one. */
  member: StaffMember | null;
  roles: Role[];
  locations: Location[];
  onClose(): void;
  onSaved(created: CreatedStaff | null): void;
}

/** Picks the first role without "Manage company", so adding is safe by default. */
function defaultRoleId(roles: Role[]): string {
  const limited = roles.find(
    (role) => !role.permissions.includes(permissions.manageCompany),
  );

  return (limited ?? roles[0])?.id ?? "";
}

/** Adds a staff member (with a password or an invite link) or edits one. */
export function StaffFormDialog(props: StaffFormDialogProps) {
  const { member, roles, locations } = props;
  const titleId = useId();
  const [name, setName] = useState(member?.name ?? "");
  const [email, setEmail] = useState(member?.email ?? "");
  const [roleId, setRoleId] = useState(
    () => member?.role.id ?? defaultRoleId(roles),
  );
  const [locationIds, setLocationIds] = useState<string[]>(() =>
    initialLocationIds(member, locations),
  );
  const [access, setAccess] = useState<"invite" | "password">("invite");
  const [password, setPassword] = useState("");
  const { run, pending, error } = useSubmit();
  let submitLabel = "Add";
  if (member) submitLabel = "Save";
  else if (access === "invite") submitLabel = "Create invite";

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run(async () => {
      if (member) {
        await staffApi.update(member.id, { name, roleId, locationIds });
        props.onSaved(null);
        return;
      }

      const created = await staffApi.create({
        name,
        email,
        roleId,
        locationIds,
        ...(access === "password" ? { password } : {}),
      });
      props.onSaved(created);
    });
  };

  return (
    <Dialog
      open
      onClose={pending ? undefined : props.onClose}
      aria-labelledby={titleId}
      fullWidth
    >
      <form onSubmit={handleSubmit} noValidate>
        <DialogTitle id={titleId}>
          {member ? `Edit ${member.name}` : "Add staff member"}
        </DialogTitle>
        <DialogContent>
          <Stack spacing={2.5} sx={{ pt: 1 }}>
            <FormErrorAlert error={error} fields={fields} />
            <TextField
              label="Name"
              required
              autoFocus
              value={name}
              onChange={(event) => setName(event.target.value)}
              error={fieldError(error, "name") !== undefined}
              helperText={fieldError(error, "name")}
            />
            <TextField
              label="Email"
              type="email"
              required
              disabled={member !== null}
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              error={fieldError(error, "email") !== undefined}
              helperText={
                fieldError(error, "email") ??
                (member ? "Staff members sign in with this email." : undefined)
              }
            />
            <TextField
              select
              label="Role"
              required
              value={roleId}
              onChange={(event) => setRoleId(event.target.value)}
              error={fieldError(error, "roleId") !== undefined}
              helperText={fieldError(error, "roleId")}
            >
              {roles.map((role) => (
                <MenuItem key={role.id} value={role.id}>
                  {role.name}
                </MenuItem>
              ))}
            </TextField>
            <LocationCheckboxes
              locations={locations}
              selected={locationIds}
              onChange={setLocationIds}
              error={fieldError(error, "locationIds")}
            />
            {!member && (
              <>
                <RadioGroup
                  aria-label="How they get access"
                  value={access}
                  onChange={(event) =>
                    setAccess(
                      event.target.value === "password" ? "password" : "invite",
                    )
                  }
                >
                  <FormControlLabel
                    value="invite"
                    control={<Radio />}
                    label="Create an invite link; they choose their own password"
                  />
                  <FormControlLabel
                    value="password"
                    control={<Radio />}
                    label="Set a password for them now"
                  />
                </RadioGroup>
                {access === "password" && (
                  <TextField
                    label="Password"
                    type="password"
                    autoComplete="new-password"
                    required
                    value={password}
                    onChange={(event) => setPassword(event.target.value)}
                    error={fieldError(error, "password") !== undefined}
                    helperText={
                      fieldError(error, "password") ?? "At least 10 characters."
                    }
                  />
                )}
              </>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" variant="contained" loading={pending}>
            {submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
