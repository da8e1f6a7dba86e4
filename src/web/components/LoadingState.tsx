import Box from "@mui/material/Box";
import CircularProgress from "@mui/material/CircularProgress";

/** Shows a centred spinner for content that is still loading. */
export function LoadingState({ label = "Loading" }: { label?: string }) {
  return (
    <Box
      role="status"
      sx={{ display: "flex", justifyContent: "center", py: 6, flex: 1 }}
    >
      <CircularProgress aria-label={label} />
    </Box>
  );
}
