import Alert from "@mui/material/Alert";

/**
 * Shows what saving the connection did to plugin data, such as a previous
 * default number kept in the inbox. Renders nothing without notices.
 */
export function TwilioSaveNotices({ notices }: { notices: string[] }) {
  if (notices.length === 0) return null;

  return (
    <Alert severity="info" role="status" aria-label="What changed">
      {notices.map((notice) => (
        <p key={notice} style={{ margin: "0 0 0.5em" }}>
          {notice}
        </p>
      ))}
    </Alert>
  );
}
