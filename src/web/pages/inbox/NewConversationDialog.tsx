import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import { useId, useState, type FormEvent } from "react";
import type {
  ConversationSummary,
  Customer,
  InboxNumber,
} from "../../../common/api";
import { fieldError } from "../../api/ApiError";
import { inboxApi } from "../../api/smsInbox";
import { FormErrorAlert } from "../../components/FormErrorAlert";
import { inboxNumberLabel } from "../../format/inboxNumber";
import { useSubmit } from "../../hooks/useSubmit";
import { AttachButton } from "./composer/AttachButton";
import { AttachmentChips } from "./composer/AttachmentChips";
import { DraftHelperText, hasDraftError } from "./composer/DraftHelperText";
import { DraftNotices } from "./composer/DraftNotices";
import { useDraft } from "./composer/useDraft";
import { RecipientField } from "./RecipientField";

const fields = ["to", "from", "body", "mediaIds"] as const;

interface NewConversationDialogProps {
  numbers: InboxNumber[];
  onClose(): void;
  onStarted(conversation: ConversationSummary): void;
}

/** Texts a customer first: "To", "From" when there is a choice, "Message". */
export function NewConversationDialog(props: NewConversationDialogProps) {
  const { numbers, onClose, onStarted } = props;
  const titleId = useId();
  const [to, setTo] = useState("");
  const [picked, setPicked] = useState<Customer | null>(null);
  const [from, setFrom] = useState(numbers[0]?.phoneNumber ?? "");
  const draft = useDraft();
  const { run, pending, error } = useSubmit();
  // Fields changed since the last failed send, whose errors no longer apply.
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const errorOf = (field: string) =>
    edited.has(field) ? undefined : fieldError(error, field);
  const markEdited = (field: string) =>
    setEdited((fields) =>
      fields.has(field) ? fields : new Set(fields).add(field),
    );
  const chooseFrom = numbers.length > 1;
  const bodyError = errorOf("body") ?? errorOf("mediaIds");

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setEdited(new Set());
    void run(async () => {
      const request = {
        to: to.trim(),
        ...(chooseFrom ? { from } : {}),
        ...draft.content(),
      };
      const key = draft.keyFor(request);
      const result = await inboxApi.startConversation(request, key);
      draft.reset();
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
            <RecipientField
              value={to}
              picked={picked}
              onChange={(value, customer) => {
                setTo(value);
                setPicked(customer);
                markEdited("to");
              }}
              error={errorOf("to")}
            />
            {chooseFrom && (
              <TextField
                select
                label="From"
                value={from}
                onChange={(event) => {
                  setFrom(event.target.value);
                  markEdited("from");
                }}
                error={errorOf("from") !== undefined}
                helperText={errorOf("from")}
                slotProps={{ select: { native: true } }}
              >
                {numbers.map((number) => (
                  <option key={number.id} value={number.phoneNumber}>
                    {inboxNumberLabel(number)}
                    {number.isDefault ? " (default)" : ""}
                  </option>
                ))}
              </TextField>
            )}
            <Box>
              <DraftNotices draft={draft} />
              <TextField
                label="Message"
                multiline
                minRows={3}
                value={draft.body}
                onChange={(event) => {
                  draft.setBody(event.target.value);
                  markEdited("body");
                }}
                error={hasDraftError(draft, bodyError)}
                helperText={<DraftHelperText draft={draft} error={bodyError} />}
              />
            </Box>
            <AttachmentChips
              items={draft.attachments.items}
              onRemove={draft.attachments.remove}
              disabled={pending}
            />
          </Stack>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <AttachButton
            onFiles={draft.attachments.add}
            disabled={pending || draft.attachments.full}
          />
          <Box sx={{ flex: 1 }} />
          <Button onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button
            type="submit"
            variant="contained"
            loading={pending}
            disabled={to.trim() === "" || !draft.ready}
          >
            Send
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
