import Box from "@mui/material/Box";
import type { MessageDirection } from "../../../common/api";
import { formatPhoneNumber } from "../../../common/phone";
import type { BusinessNumberMark } from "./businessNumbers";

function describe(direction: MessageDirection, mark: BusinessNumberMark) {
  const number = formatPhoneNumber(mark.number);
  const used =
    direction === "outbound" ? `Sent from ${number}` : `Received on ${number}`;
  if (mark.previousNumber === null) return used;

  return `${used}. The message before used ${formatPhoneNumber(mark.previousNumber)}.`;
}

/**
 * Shows the company number a message used in its meta line, in bold where
 * the number differs from the message before.
 */
export function BusinessNumberLabel(props: {
  direction: MessageDirection;
  mark: BusinessNumberMark;
}) {
  const { direction, mark } = props;
  const changed = mark.previousNumber !== null;

  return (
    <Box
      component="span"
      title={describe(direction, mark)}
      sx={{
        whiteSpace: "nowrap",
        color: changed ? "text.primary" : undefined,
        fontWeight: changed ? 600 : undefined,
      }}
    >
      · via {formatPhoneNumber(mark.number)}
    </Box>
  );
}
