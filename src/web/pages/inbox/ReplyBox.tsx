import SendIcon from "@mui/icons-material/Send";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import TextField from "@mui/material/TextField";
import {
  useEffect,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
} from "react";
import type { SendResult } from "../../../common/api";
import { inboxApi } from "../../api/smsInbox";
import { useSubmit } from "../../hooks/useSubmit";

interface ReplyBoxProps {
  conversationId: string;
  onSent(result: SendResult): void;
}

/** Renders the reply composer. Enter sends and Shift+Enter adds a line. */
export function ReplyBox({ conversationId, onSent }: ReplyBoxProps) {
  const [body, setBody] = useState("");
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const { run, pending, error } = useSubmit();
  const canSend = body.trim() !== "" && !pending;
  const wasPending = useRef(false);

  // The field is disabled while sending, which drops focus; give it back.
  useEffect(() => {
    if (wasPending.current && !pending) inputRef.current?.focus();
    wasPending.current = pending;
  }, [pending]);

  const send = () => {
    if (!canSend) return;

    void run(async () => {
      onSent(await inboxApi.reply(conversationId, { body }));
      setBody("");
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

  return (
    <Box
      component="form"
      onSubmit={handleSubmit}
      noValidate
      sx={{ display: "flex", gap: 1.5, alignItems: "flex-start" }}
    >
      <TextField
        label="Reply"
        multiline
        minRows={1}
        maxRows={8}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        onKeyDown={handleKeyDown}
        disabled={pending}
        inputRef={inputRef}
        error={error !== null}
        helperText={
          error?.message ?? "Enter to send, Shift+Enter for a new line."
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
  );
}
