import ExpandMoreIcon from "@mui/icons-material/ExpandMore";
import Accordion from "@mui/material/Accordion";
import AccordionDetails from "@mui/material/AccordionDetails";
import AccordionSummary from "@mui/material/AccordionSummary";
import Alert from "@mui/material/Alert";
import AlertTitle from "@mui/material/AlertTitle";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { CopyButton } from "../../components/CopyButton";
import { SectionCard } from "../../components/SectionCard";
import { formatFullTime } from "../../format/time";
import { EndPreviousTokenButton } from "./EndPreviousTokenButton";
import { RotateTokenButton } from "./RotateTokenButton";

interface WebhookSectionProps {
  webhookUrl: string;
  legacyWebhookUrl: string;
  /** The reason Twilio cannot reach the URL, with what to do, or null. */
  problem: string | null;
  /** Until when the URL with the token before the last rotation works. */
  previousTokenValidUntil: string | null;
  /** Called after the token was rotated or its predecessor was ended. */
  onTokenRotated(): void;
}

const tokenHelp =
  "The token at the end is unique to your company " +
  "and makes the URL hard to guess.";

/** Shows the URL to paste into each number's incoming-message webhook. */
export function WebhookSection(props: WebhookSectionProps) {
  return (
    <SectionCard
      title="Webhook"
      description={
        <>
          In the Twilio Console, open each inbox number (Phone Numbers → Manage
          → Active numbers) and set “A message comes in” to this URL with{" "}
          <strong>HTTP POST</strong>. Texts to a number without it never reach
          the inbox.
        </>
      }
    >
      {props.problem !== null && (
        <Alert severity="error" sx={{ mb: 2 }}>
          <AlertTitle>Twilio cannot reach this URL</AlertTitle>
          {props.problem}
        </Alert>
      )}
      <Stack direction="row" spacing={1.5} sx={{ alignItems: "flex-start" }}>
        <TextField
          label="Webhook URL"
          value={props.webhookUrl}
          slotProps={{ htmlInput: { readOnly: true, spellCheck: false } }}
          onFocus={(event) => event.target.select()}
          helperText={tokenHelp}
        />
        <CopyButton text={props.webhookUrl} valueName="webhook URL" />
        <RotateTokenButton
          onRotated={props.onTokenRotated}
          disabled={props.previousTokenValidUntil !== null}
        />
      </Stack>
      {props.previousTokenValidUntil !== null && (
        <Alert
          severity="warning"
          sx={{ mt: 2 }}
          action={<EndPreviousTokenButton onEnded={props.onTokenRotated} />}
        >
          The token was rotated. The previous URL keeps working until{" "}
          {formatFullTime(props.previousTokenValidUntil)}. Set the new URL on
          every number under Webhook status before then. The token can be
          rotated again after that time, or at once if you stop accepting the
          previous URL now.
        </Alert>
      )}
      <Accordion
        disableGutters
        variant="outlined"
        sx={{ mt: 2, "&::before": { display: "none" } }}
      >
        <AccordionSummary expandIcon={<ExpandMoreIcon />}>
          <Typography variant="body2">
            URL without a token, for older setups
          </Typography>
        </AccordionSummary>
        <AccordionDetails>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
            Numbers set up before webhook URLs had a token may still use this
            URL. It still works, and Twilio's request signature is checked on
            both URLs. Use the URL above for new numbers. Webhook status lists
            any number that still uses this one.
          </Typography>
          <Stack direction="row" spacing={1.5} sx={{ alignItems: "center" }}>
            <TextField
              label="Legacy webhook URL"
              size="small"
              value={props.legacyWebhookUrl}
              slotProps={{ htmlInput: { readOnly: true, spellCheck: false } }}
              onFocus={(event) => event.target.select()}
            />
            <CopyButton
              text={props.legacyWebhookUrl}
              valueName="legacy webhook URL"
            />
          </Stack>
        </AccordionDetails>
      </Accordion>
    </SectionCard>
  );
}
