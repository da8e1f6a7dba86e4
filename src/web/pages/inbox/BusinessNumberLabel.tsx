import Box from "@mui/material/Box";
import type { MessageDirection } from "../../../common/api";
import {
  businessNumberText,
  describeBusinessNumber,
  type BusinessNumberMark,
} from "./businessNumbers";

/**
 * Shows the company number a message used in its meta line, with the
 * number's inbox name, in bold where the number differs from the message
 * before.
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
      title={describeBusinessNumber(direction, mark)}
      sx={{
        whiteSpace: "nowrap",
        color: changed ? "text.primary" : undefined,
        fontWeight: changed ? 600 : undefined,
      }}
    >
      · {businessNumberText(mark)}
    </Box>
  );
}
