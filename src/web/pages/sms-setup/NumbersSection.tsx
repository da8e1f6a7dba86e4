import Alert from "@mui/material/Alert";
import Divider from "@mui/material/Divider";
import List from "@mui/material/List";
import Typography from "@mui/material/Typography";
import { useState } from "react";
import type { InboxNumber } from "../../../common/api";
import { SectionCard } from "../../components/SectionCard";
import { AddNumberForm } from "./AddNumberForm";
import { NumberRow } from "./NumberRow";

interface NumbersSectionProps {
  numbers: InboxNumber[];
  /** Called after a number was added, renamed or removed. */
  onChange(): void;
}

const numbersHelp =
  "By default the inbox uses your company's connected number. " +
  "Add numbers from the same Twilio account to keep customer " +
  "conversations apart from automated texts.";

/** Lists the numbers the inbox texts on, with the form to add one. */
export function NumbersSection({ numbers, onChange }: NumbersSectionProps) {
  const [removalMessage, setRemovalMessage] = useState<string | null>(null);
  const defaultNumber =
    numbers.find((number) => number.isDefault)?.phoneNumber ?? null;

  return (
    <SectionCard title="Inbox numbers" description={numbersHelp}>
      {removalMessage && (
        <Alert
          severity="success"
          role="status"
          onClose={() => setRemovalMessage(null)}
          sx={{ mb: 2 }}
        >
          {removalMessage}
        </Alert>
      )}
      {numbers.length === 0 ? (
        <Typography color="text.secondary" sx={{ mb: 2 }}>
          No numbers yet. Connect Twilio in settings to use its default number.
        </Typography>
      ) : (
        <List aria-label="Inbox numbers" disablePadding sx={{ mb: 2 }}>
          {numbers.map((number) => (
            <NumberRow
              key={number.id}
              number={number}
              defaultNumber={defaultNumber}
              onRemoved={(result) => {
                setRemovalMessage(result.message);
                onChange();
              }}
              onRenamed={onChange}
            />
          ))}
        </List>
      )}
      <Divider sx={{ mb: 2.5 }} />
      <AddNumberForm existing={numbers} onAdded={onChange} />
    </SectionCard>
  );
}
