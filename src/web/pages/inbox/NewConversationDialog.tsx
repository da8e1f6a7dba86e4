import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import { useId, useState, type FormEvent } from "react";
import type { ConversationSummary, InboxNumber } from "../../../common/api";
import { formatPhoneNumber } from "../../../common/phone";
import { fieldError } from "../../api/ApiError";
import { inboxApi } from "../../api/smsInbox";
import { FormErrorAlert } from "../../components/FormErrorAlert";
import { useSubmit } from "../../hooks/useSubmit";

const fields = ["to", "from", "body"] as const;

interface NewConversationDialogProps {
  numbers: InboxNumber[];
  onClose(): void;
  onStarted(conversation: ConversationSummary): void;
}

const toHelp =
  "The customer's phone number. " +
  "Local numbers are read in your company's country.";

/** Texts a customer first: "To", "From" when there is a choice, "Message". */
export function NewConversationDialog(props: NewConversationDialogProps) {
  const { numbers, onClose, onStarted } = props;
  const titleId = useId();
  const [to, setTo] = useState("");
  const [from, setFrom] = useState(numbers[0]?.phoneNumber ?? "");
  const [body, setBody] = useState("");
  const { run, pending, error } = useSubmit();
  const chooseFrom = numbers.length > 1;

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run(async () => {
      const request = { to: to.trim(), body, ...(chooseFrom ? { from } : {}) };
      const result = await inboxApi.startConversation(request);
      onStarted(result.conversation);
    });
  };

  return (
    <Dialog
      open
      onClose={pending ? undefined : onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={handleSubmit} noValidate>
        <DialogTitle id={titleId}>New conversation</DialogTitle>
        <DialogContent>
          <Stack spacing={2.5} sx={{ pt: 1 }}>
            <FormErrorAlert error={error} fields={fields} />
            <TextField
              label="To"
              type="tel"
              autoFocus
              required
              value={to}
              onChange={(event) => setTo(event.target.value)}
              autoComplete="off"
              error={fieldError(error, "to") !== undefined}
              helperText={fieldError(error, "to") ?? toHelp}
            />
            {chooseFrom && (
              <TextField
                select
                label="From"
                value={from}
                onChange={(event) => setFrom(event.target.value)}
                error={fieldError(error, "from") !== undefined}
                helperText={fieldError(error, "from")}
                slotProps={{ select: { native: true } }}
              >
                {numbers.map((number) => (
                  <option key={number.id} value={number.phoneNumber}>
                    {formatPhoneNumber(number.phoneNumber)}
                    {number.isDefault ? " (default)" : ""}
                  </option>
                ))}
              </TextField>
            )}
            <TextField
              label="Message"
              multiline
              minRows={3}
              required
              value={body}
              onChange={(event) => setBody(event.target.value)}
              error={fieldError(error, "body") !== undefined}
              helperText={fieldError(error, "body")}
            />
          </Stack>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button
            type="submit"
            variant="contained"
            loading={pending}
            disabled={to.trim() === "" || body.trim() === ""}
          >
            Send
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
