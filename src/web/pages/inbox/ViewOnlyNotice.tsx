import Alert from "@mui/material/Alert";

/** Tells view-only staff why there is no reply box and whom to ask. */
export function ViewOnlyNotice() {
  return (
    <Alert severity="info">
      You can view this inbox but not send. Ask an owner for the SMS Inbox
      (send) permission.
    </Alert>
  );
}
