import Box from "@mui/material/Box";
import Drawer from "@mui/material/Drawer";
import { useEffect, useState, type ReactNode } from "react";
import { useRouter } from "../router/routerContext";
import { NavMenu } from "./NavMenu";
import { TopBar } from "./TopBar";
import { UnreadTotalProvider } from "./UnreadTotalProvider";

const navWidth = 232;

/** Lays out signed-in pages: top bar, navigation, and the page in `main`. */
export function AppShell({ children }: { children: ReactNode }) {
  const [mobileNavOpen, setMobileNavOpen] = useState(false);
  const { pathname } = useRouter();

  useEffect(() => setMobileNavOpen(false), [pathname]);

  const paperSx = { width: navWidth, boxSizing: "border-box", pt: 1 } as const;

  return (
    <UnreadTotalProvider>
      <Box sx={{ display: "flex", flexDirection: "column", height: "100dvh" }}>
        <TopBar onOpenNav={() => setMobileNavOpen(true)} />
        <Box sx={{ display: "flex", flex: 1, minHeight: 0 }}>
          <Drawer
            variant="permanent"
            sx={{ display: { xs: "none", md: "block" }, width: navWidth }}
            slotProps={{ paper: { sx: { ...paperSx, position: "static" } } }}
          >
            <NavMenu />
          </Drawer>
          <Drawer
            variant="temporary"
            open={mobileNavOpen}
            onClose={() => setMobileNavOpen(false)}
            sx={{ display: { md: "none" } }}
            slotProps={{ paper: { sx: paperSx } }}
          >
            <NavMenu />
          </Drawer>
          <Box
            component="main"
            sx={{ flex: 1, minWidth: 0, overflow: "auto", display: "flex" }}
          >
            {children}
          </Box>
        </Box>
      </Box>
    </UnreadTotalProvider>
  );
}
