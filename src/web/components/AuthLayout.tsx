import ChatIcon from "@mui/icons-material/ForumOutlined";
import Box from "@mui/material/Box";
import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import Typography from "@mui/material/Typography";
import type { ReactNode } from "react";

interface AuthLayoutProps {
  title: string;
  description: string;
  children: ReactNode;
}

/** Centres the sign-in and first-run forms in a card. */
export function AuthLayout({ title, description, children }: AuthLayoutProps) {
  return (
    <Box
      component="main"
      sx={{
        minHeight: "100dvh",
        display: "flex",
        alignItems: "center",
        justifyContent: "center",
        p: 2,
        background:
          "radial-gradient(circle at 20% 0%, #dfe7ff 0, transparent 45%), #f4f6fb",
      }}
    >
      <Box sx={{ width: "100%", maxWidth: 440 }}>
        <Box
          sx={{ display: "flex", alignItems: "center", gap: 1, mb: 2, px: 1 }}
        >
          <ChatIcon color="primary" aria-hidden />
          <Typography sx={{ fontWeight: 700 }}>sms-inbox</Typography>
        </Box>
        <Card sx={{ boxShadow: "0 12px 40px rgba(30, 50, 100, 0.08)" }}>
          <CardContent sx={{ p: 4, "&:last-child": { pb: 4 } }}>
            <Typography variant="h1">{title}</Typography>
            <Typography color="text.secondary" sx={{ mt: 0.5, mb: 3 }}>
              {description}
            </Typography>
            {children}
          </CardContent>
        </Card>
      </Box>
    </Box>
  );
}
