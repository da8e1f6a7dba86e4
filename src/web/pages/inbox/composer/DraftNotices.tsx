import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import { hasPlainReplacement, plainCharacters } from "./plainCharacters";
import { formatUcs2Warning } from "./segments";
import type { Draft } from "./useDraft";

/**
 * Warnings above the message field: characters that switch the text to
 * UCS-2 (not shown for MMS, which has no segments), and failed uploads.
 */
export function DraftNotices({ draft }: { draft: Draft }) {
  const { attachments, stats } = draft;
  const ucs2Warning =
    attachments.items.length === 0 ? formatUcs2Warning(stats) : null;
  const canReplace = hasPlainReplacement(stats.nonGsmCharacters);

  if (!ucs2Warning && attachments.errors.length === 0) return null;

  return (
    <Stack spacing={1} sx={{ mb: 1.5 }}>
      {attachments.errors.length > 0 && (
        <Alert severity="error" onClose={attachments.dismissErrors}>
          {attachments.errors.map((error, index) => (
            <div key={index}>{error}</div>
          ))}
        </Alert>
      )}
      {ucs2Warning && (
        <Alert
          severity="warning"
          action={
            canReplace ? (
              <Button
                color="inherit"
                size="small"
                onClick={() => draft.setBody(plainCharacters(draft.body))}
              >
                Use plain characters
              </Button>
            ) : undefined
          }
        >
          {ucs2Warning}
        </Alert>
      )}
    </Stack>
  );
}
