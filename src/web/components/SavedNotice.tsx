import CheckCircleIcon from "@mui/icons-material/CheckCircleOutlined";
import Typography from "@mui/material/Typography";

/** Shows a short "Saved" confirmation beside a form's Save button. */
export function SavedNotice({ show }: { show: boolean }) {
  return (
    <Typography
      role="status"
      color="success.main"
      sx={{ display: "flex", alignItems: "center", gap: 0.5 }}
    >
      {show && (
        <>
          <CheckCircleIcon fontSize="small" aria-hidden /> Saved
        </>
      )}
    </Typography>
  );
}
