import DoneAllIcon from "@mui/icons-material/DoneAll";
import DoneIcon from "@mui/icons-material/Done";
import ErrorIcon from "@mui/icons-material/ErrorOutlined";
import ScheduleIcon from "@mui/icons-material/Schedule";
import SendIcon from "@mui/icons-material/SendOutlined";
import Box from "@mui/material/Box";
import type { ReactNode } from "react";

interface StatusView {
  label: string;
  icon: ReactNode;
  /** Tooltip text that explains the status. */
  detail: string;
  failed?: boolean;
}

const small = { fontSize: 14 } as const;

// Twilio's outbound message statuses (Message resource, API 2010-04-01).
const views: Record<string, StatusView> = {
  scheduled: {
    label: "Scheduled",
    icon: <ScheduleIcon sx={small} />,
    detail: "Twilio sends this text at its scheduled time.",
  },
  accepted: {
    label: "Queued",
    icon: <ScheduleIcon sx={small} />,
    detail: "Waiting to be sent.",
  },
  queued: {
    label: "Queued",
    icon: <ScheduleIcon sx={small} />,
    detail: "Waiting to be sent.",
  },
  sending: {
    label: "Sending",
    icon: <SendIcon sx={small} />,
    detail: "Twilio is handing the text to the carrier.",
  },
  sent: {
    label: "Sent",
    icon: <DoneIcon sx={small} />,
    detail: "The carrier accepted the text; delivery is not confirmed yet.",
  },
  delivered: {
    label: "Delivered",
    icon: <DoneAllIcon sx={small} />,
    detail: "The carrier confirmed delivery to the phone.",
  },
  read: {
    label: "Read",
    icon: <DoneAllIcon sx={small} />,
    detail: "The customer opened the message.",
  },
  undelivered: {
    label: "Undelivered",
    icon: <ErrorIcon sx={small} />,
    detail: "The carrier could not deliver the text to the phone.",
    failed: true,
  },
  failed: {
    label: "Failed",
    icon: <ErrorIcon sx={small} />,
    detail: "The text was not sent.",
    failed: true,
  },
  canceled: {
    label: "Canceled",
    icon: <ErrorIcon sx={small} />,
    detail: "The scheduled text was canceled before sending.",
    failed: true,
  },
};

/** Checks whether an outbound message failed to reach the customer. */
export function isFailedStatus(status: string): boolean {
  return views[status]?.failed === true;
}

function statusColour(view: StatusView | undefined, status: string) {
  if (view?.failed) return "error.main";

  return status === "delivered" || status === "read"
    ? "success.main"
    : undefined;
}

/** Shown for a queued text whose last attempt failed. */
const retryingView: StatusView = {
  label: "Retrying",
  icon: <ScheduleIcon sx={small} />,
  detail: "An attempt to send the text failed; the server tries again.",
};

/**
 * Shows an outbound message's delivery status as a word and an icon.
 * `retrying` marks a queued text whose last attempt failed.
 */
export function DeliveryStatus({
  status,
  retrying = false,
}: {
  status: string;
  retrying?: boolean;
}) {
  const view = retrying ? retryingView : views[status];

  return (
    <Box
      component="span"
      title={view?.detail}
      sx={{
        display: "inline-flex",
        alignItems: "center",
        gap: 0.25,
        color: statusColour(view, status),
        fontWeight: view?.failed ? 600 : undefined,
      }}
    >
      · {view?.icon}
      {view?.label ?? status}
    </Box>
  );
}
