import SendIcon from "@mui/icons-material/Send";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import TextField from "@mui/material/TextField";
import { useEffect, useRef, type FormEvent, type KeyboardEvent } from "react";
import type { SendResult } from "../../../common/api";
import { inboxApi } from "../../api/smsInbox";
import { useSubmit } from "../../hooks/useSubmit";
import { AttachButton } from "./composer/AttachButton";
import { AttachmentChips } from "./composer/AttachmentChips";
import { DraftHelperText, hasDraftError } from "./composer/DraftHelperText";
import { DraftNotices } from "./composer/DraftNotices";
import { useDraft } from "./composer/useDraft";

interface ReplyBoxProps {
  conversationId: string;
  onSent(result: SendResult): void;
  /** Turns the composer off, such as when the customer opted out. */
  disabled?: boolean;
}

const hint = "Enter to send, Shift+Enter for a new line.";

/** Renders the reply composer. Enter sends and Shift+Enter adds a line. */
export function ReplyBox({ conversationId, onSent, disabled }: ReplyBoxProps) {
  const draft = useDraft();
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const { run, pending, error } = useSubmit();
  const canSend = draft.ready && !pending && !disabled;
  const wasPending = useRef(false);

  // The field is disabled while sending, which drops focus; give it back.
  useEffect(() => {
    if (wasPending.current && !pending) inputRef.current?.focus();
    wasPending.current = pending;
  }, [pending]);

  const send = () => {
    if (!canSend) return;

    void run(async () => {
      const request = draft.content();
      const key = draft.keyFor({ conversationId, ...request });
      onSent(await inboxApi.reply(conversationId, request, key));
      draft.reset();
    });
  };

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    send();
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Enter while an input method is composing (such as Japanese) confirms
    // the composition; it must not send.
    if (
      event.key !== "Enter" ||
      event.shiftKey ||
      event.nativeEvent.isComposing
    ) {
      return;
    }

    event.preventDefault();
    send();
  };

  const errorMessage = error?.message;
  const locked = pending || disabled;

  return (
    <Box component="form" onSubmit={handleSubmit} noValidate>
      <DraftNotices draft={draft} />
      <AttachmentChips
        items={draft.attachments.items}
        onRemove={draft.attachments.remove}
        disabled={locked}
      />
      <Box sx={{ display: "flex", gap: 1, alignItems: "flex-start", mt: 1 }}>
        <Box sx={{ pt: 1 }}>
          <AttachButton
            onFiles={draft.attachments.add}
            disabled={locked || draft.attachments.full}
          />
        </Box>
        <TextField
          label="Reply"
          multiline
          minRows={1}
          maxRows={8}
          value={draft.body}
          onChange={(event) => draft.setBody(event.target.value)}
          onKeyDown={handleKeyDown}
          disabled={locked}
          inputRef={inputRef}
          error={hasDraftError(draft, errorMessage)}
          helperText={
            <DraftHelperText
              draft={draft}
              hint={disabled ? undefined : hint}
              error={errorMessage}
            />
          }
        />
        <Button
          type="submit"
          variant="contained"
          endIcon={<SendIcon />}
          loading={pending}
          disabled={!canSend}
          sx={{ height: 56, flexShrink: 0, px: 3 }}
        >
          Send
        </Button>
      </Box>
    </Box>
  );
}
