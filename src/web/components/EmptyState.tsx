import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import type { ReactNode } from "react";

interface EmptyStateProps {
  icon: ReactNode;
  title: string;
  children?: ReactNode;
}

/** Shows a centred message for a list or pane with nothing in it yet. */
export function EmptyState({ icon, title, children }: EmptyStateProps) {
  return (
    <Box
      sx={{
        flex: 1,
        display: "flex",
        flexDirection: "column",
        alignItems: "center",
        justifyContent: "center",
        textAlign: "center",
        gap: 1.5,
        p: 4,
        color: "text.secondary",
      }}
    >
      <Box sx={{ fontSize: 48, color: "primary.light", display: "flex" }}>
        {icon}
      </Box>
      <Typography variant="h2" component="p" sx={{ color: "text.primary" }}>
        {title}
      </Typography>
      {children && <Box sx={{ maxWidth: 420 }}>{children}</Box>}
    </Box>
  );
}
