import DoneAllIcon from "@mui/icons-material/DoneAll";
import DoneIcon from "@mui/icons-material/Done";
import ErrorIcon from "@mui/icons-material/ErrorOutlined";
import ScheduleIcon from "@mui/icons-material/Schedule";
import Box from "@mui/material/Box";
import type { ReactNode } from "react";

interface StatusView {
  label: string;
  icon: ReactNode;
  failed?: boolean;
}

const small = { fontSize: 14 } as const;

// Twilio's message statuses (Message resource, API 2010-04-01).
const views: Record<string, StatusView> = {
  scheduled: { label: "Scheduled", icon: <ScheduleIcon sx={small} /> },
  accepted: { label: "Queued", icon: <ScheduleIcon sx={small} /> },
  queued: { label: "Queued", icon: <ScheduleIcon sx={small} /> },
  sending: { label: "Sending", icon: <ScheduleIcon sx={small} /> },
  sent: { label: "Sent", icon: <DoneIcon sx={small} /> },
  delivered: { label: "Delivered", icon: <DoneAllIcon sx={small} /> },
  read: { label: "Read", icon: <DoneAllIcon sx={small} /> },
  undelivered: {
    label: "Not delivered",
    icon: <ErrorIcon sx={small} />,
    failed: true,
  },
  failed: { label: "Failed", icon: <ErrorIcon sx={small} />, failed: true },
  canceled: { label: "Canceled", icon: <ErrorIcon sx={small} />, failed: true },
};

/** Checks whether an outbound message failed to reach the customer. */
export function isFailedStatus(status: string): boolean {
  return views[status]?.failed === true;
}

/** Shows an outbound message's delivery status as a word and an icon. */
export function DeliveryStatus({ status }: { status: string }) {
  const view = views[status] ?? { label: status, icon: null };

  return (
    <Box
      component="span"
      sx={{
        display: "inline-flex",
        alignItems: "center",
        gap: 0.25,
        color: view.failed
          ? "error.main"
          : status === "delivered"
            ? "success.main"
            : undefined,
      }}
    >
      · {view.icon}
      {view.label}
    </Box>
  );
}
