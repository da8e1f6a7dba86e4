import EditIcon from "@mui/icons-material/EditOutlined";
import Button from "@mui/material/Button";
import { useState } from "react";
import type { ConversationSummary, InboxNumber } from "../../../common/api";
import { useRouter } from "../../app/router/routerContext";
import { NewConversationDialog } from "./NewConversationDialog";

interface NewConversationButtonProps {
  numbers: InboxNumber[];
  onStarted(conversation: ConversationSummary): void;
}

/** Opens the dialog that texts a new number, then opens that conversation. */
export function NewConversationButton(props: NewConversationButtonProps) {
  const [open, setOpen] = useState(false);
  const { navigate } = useRouter();

  const handleStarted = (conversation: ConversationSummary) => {
    setOpen(false);
    props.onStarted(conversation);
    navigate(`/inbox/${encodeURIComponent(conversation.id)}`);
  };

  return (
    <>
      <Button
        variant="contained"
        size="small"
        startIcon={<EditIcon />}
        onClick={() => setOpen(true)}
      >
        New conversation
      </Button>
      {open && (
        <NewConversationDialog
          numbers={props.numbers}
          onClose={() => setOpen(false)}
          onStarted={handleStarted}
        />
      )}
    </>
  );
}
