import Box from "@mui/material/Box";
import type { ReactNode } from "react";

/** Centres a page in a column of readable width. */
export function PageContainer({ children }: { children: ReactNode }) {
  return (
    <Box
      sx={{
        width: "100%",
        maxWidth: 880,
        mx: "auto",
        px: { xs: 2, md: 4 },
        py: { xs: 3, md: 4 },
      }}
    >
      {children}
    </Box>
  );
}
