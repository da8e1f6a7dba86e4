import Button from "@mui/material/Button";
import Checkbox from "@mui/material/Checkbox";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import FormControlLabel from "@mui/material/FormControlLabel";
import FormGroup from "@mui/material/FormGroup";
import FormLabel from "@mui/material/FormLabel";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useId, useState, type FormEvent } from "react";
import type { PermissionOption, Role } from "../../../../common/admin-api";
import { fieldError } from "../../../api/ApiError";
import { rolesApi } from "../../../api/admin";
import { FormErrorAlert } from "../../../components/FormErrorAlert";
import { useSubmit } from "../../../hooks/useSubmit";

const fields = ["name"] as const;

interface RoleFormDialogProps {
  /** The role to edit, or null to create one. */
  role: Role | null;
  options: PermissionOption[];
  onClose(): void;
  onSaved(): void;
}

/** Groups permission options by the host or plugin that defines them. */
function groupOptions(options: PermissionOption[]) {
  const groups = new Map<string, PermissionOption[]>();
  for (const option of options) {
    groups.set(option.group, [...(groups.get(option.group) ?? []), option]);
  }

  return [...groups];
}

/**
 * Creates or edits a role. Permissions of the role that the form does not offer, such as those of an uninstalled plugin, are kept unchanged.
 */
export function RoleFormDialog(props: RoleFormDialogProps) {
  const { role, options } = props;
  const titleId = useId();
  const [name, setName] = useState(role?.name ?? "");
  const [selected, setSelected] = useState<string[]>(role?.permissions ?? []);
  const { run, pending, error } = useSubmit();

  const toggle = (key: string, checked: boolean) =>
    setSelected((current) =>
      checked ? [...current, key] : current.filter((other) => other !== key),
    );

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run(async () => {
      const body = { name, permissions: selected };
      if (role) await rolesApi.update(role.id, body);
      else await rolesApi.create(body);
      props.onSaved();
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
          {role ? `Edit ${role.name}` : "Create role"}
        </DialogTitle>
        <DialogContent>
          <Stack spacing={2.5} sx={{ pt: 1 }}>
            <FormErrorAlert error={error} fields={fields} />
            <TextField
              label="Role name"
              required
              autoFocus
              value={name}
              onChange={(event) => setName(event.target.value)}
              error={fieldError(error, "name") !== undefined}
              helperText={fieldError(error, "name")}
            />
            {groupOptions(options).map(([group, groupOptions]) => (
              <FormGroup key={group} aria-label={`${group} permissions`}>
                <FormLabel component="legend">{group}</FormLabel>
                {groupOptions.map((option) => (
                  <FormControlLabel
                    key={option.key}
                    sx={{ alignItems: "flex-start", mt: 1 }}
                    control={
                      <Checkbox
                        checked={selected.includes(option.key)}
                        onChange={(event) =>
                          toggle(option.key, event.target.checked)
                        }
                        sx={{ pt: 0 }}
                      />
                    }
                    label={
                      <>
                        <Typography>{option.label}</Typography>
                        <Typography variant="body2" color="text.secondary">
                          {option.description}
                        </Typography>
                      </>
                    }
                  />
                ))}
              </FormGroup>
            ))}
            <Typography variant="body2" color="text.secondary">
              Staff with this role get the change on their next click; nobody
              needs to sign in again.
            </Typography>
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" variant="contained" loading={pending}>
            {role ? "Save" : "Create role"}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
