import Typography from "@mui/material/Typography";
import type { Message } from "../../../common/api";

/** Why an outbound message failed: Twilio's error code and message. */
export function MessageError({ message }: { message: Message }) {
  const code = message.errorCode === null ? "" : `Error ${message.errorCode}: `;
  const text = message.errorMessage ?? "Twilio did not say why.";

  return (
    <Typography
      variant="caption"
      color="error"
      sx={{
        mt: 0.25,
        px: 0.5,
        maxWidth: { xs: "85%", md: "70%" },
        textAlign: "right",
      }}
    >
      {code}
      {text}
    </Typography>
  );
}
