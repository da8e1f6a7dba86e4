import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import { useState, type FormEvent } from "react";
import type { InboxNumber } from "../../../common/api";
import { MAX_NUMBER_NAME_LENGTH } from "../../../common/number-name";
import { formatPhoneNumber } from "../../../common/phone";
import { fieldError } from "../../api/ApiError";
import { smsSetupApi } from "../../api/smsInbox";
import { useSubmit } from "../../hooks/useSubmit";

interface RenameNumberFormProps {
  number: InboxNumber;
  onSaved(number: InboxNumber): void;
  onCancel(): void;
}

const renameHelp = `Shown next to the number in the inbox. At most ${MAX_NUMBER_NAME_LENGTH} characters. Leave it empty for no name. The name on Twilio does not change.`;

/** Edits the name staff see next to an inbox number. */
export function RenameNumberForm(props: RenameNumberFormProps) {
  const { number } = props;
  const [name, setName] = useState(number.name ?? "");
  const { run, pending, error } = useSubmit();

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      props.onSaved(await smsSetupApi.renameNumber(number.id, { name }));
    });
  };

  return (
    <Stack
      component="form"
      direction="row"
      spacing={1}
      onSubmit={handleSubmit}
      sx={{ alignItems: "flex-start", mt: 1 }}
    >
      <TextField
        size="small"
        label="Name"
        value={name}
        autoFocus
        onChange={(event) => setName(event.target.value)}
        error={error !== null}
        helperText={fieldError(error, "name") ?? error?.message ?? renameHelp}
        slotProps={{
          htmlInput: {
            "aria-label": `Name of ${formatPhoneNumber(number.phoneNumber)}`,
          },
        }}
        sx={{ flexGrow: 1 }}
      />
      <Button type="submit" loading={pending}>
        Save
      </Button>
      <Button onClick={props.onCancel}>Cancel</Button>
    </Stack>
  );
}
