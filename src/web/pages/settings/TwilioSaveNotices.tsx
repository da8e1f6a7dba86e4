import Alert from "@mui/material/Alert";
import { useEffect, useRef } from "react";

/**
 * Shows what saving the connection did to plugin data, such as a previous
 * default number kept in the inbox. Renders nothing without notices, and
 * scrolls new notices into view, because the form can be taller than the
 * window and the notices sit below its Save button.
 */
export function TwilioSaveNotices({ notices }: { notices: string[] }) {
  const alert = useRef<HTMLDivElement>(null);
  const shown = notices.join("\n");

  useEffect(() => {
    if (shown === "") return;

    alert.current?.scrollIntoView({ block: "nearest" });
  }, [shown]);

  if (notices.length === 0) return null;

  return (
    <Alert ref={alert} severity="info" role="status" aria-label="What changed">
      {notices.map((notice) => (
        <p key={notice} style={{ margin: "0 0 0.5em" }}>
          {notice}
        </p>
      ))}
    </Alert>
  );
}
