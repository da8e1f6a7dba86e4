import Box from "@mui/material/Box";
import { formatLimitError, formatTextStats } from "./segments";
import type { Draft } from "./useDraft";

interface DraftHelperTextProps {
  draft: Draft;
  /** Shown on the left unless there is an error. */
  hint?: string;
  /** The send request's error, such as the server's message. */
  error?: string;
}

/**
 * Shows the line under a message field: the error or a hint on the left,
 * and the character and segment count on the right.
 */
export function DraftHelperText({ draft, hint, error }: DraftHelperTextProps) {
  const message = formatLimitError(draft.stats) ?? error ?? hint;
  const count = formatTextStats(draft.stats, draft.attachments.items.length);

  return (
    <Box
      component="span"
      sx={{ display: "flex", flexWrap: "wrap", columnGap: 2 }}
    >
      <span>{message}</span>
      {/* A long error takes the whole line and moves the count below it. */}
      <Box
        component="span"
        sx={{ ml: "auto", fontVariantNumeric: "tabular-nums" }}
      >
        {count}
      </Box>
    </Box>
  );
}

/** Checks whether the field under the helper text should show as invalid. */
export function hasDraftError(draft: Draft, error?: string): boolean {
  return draft.stats.overLimit || error !== undefined;
}
