import ChatIcon from "@mui/icons-material/ForumOutlined";
import MenuIcon from "@mui/icons-material/Menu";
import AppBar from "@mui/material/AppBar";
import IconButton from "@mui/material/IconButton";
import Toolbar from "@mui/material/Toolbar";
import Typography from "@mui/material/Typography";
import { useMe } from "../auth/authContext";
import { AccountMenu } from "./AccountMenu";
import { SignOutButton } from "./SignOutButton";

/**
 * Shows the company, the signed-in staff member's account menu and sign-out
 * on top.
 */
export function TopBar({ onOpenNav }: { onOpenNav(): void }) {
  const me = useMe();

  return (
    <AppBar position="static">
      <Toolbar sx={{ gap: 1.5 }}>
        <IconButton
          edge="start"
          onClick={onOpenNav}
          aria-label="Open navigation"
          sx={{ display: { md: "none" } }}
        >
          <MenuIcon />
        </IconButton>
        <ChatIcon color="primary" aria-hidden />
        <Typography
          variant="h3"
          component="p"
          title={me.company.name}
          sx={{
            flex: 1,
            minWidth: 0,
            // Up to two lines, so narrow screens still show most of the name.
            display: "-webkit-box",
            WebkitBoxOrient: "vertical",
            WebkitLineClamp: 2,
            overflow: "hidden",
            overflowWrap: "break-word",
          }}
        >
          {me.company.name}
        </Typography>
        <AccountMenu />
        <SignOutButton />
      </Toolbar>
    </AppBar>
  );
}
