import CssBaseline from "@mui/material/CssBaseline";
import { ThemeProvider } from "@mui/material/styles";
import { AuthProvider } from "./auth/AuthProvider";
import { AppRoutes } from "./AppRoutes";
import { RouterProvider } from "./router/RouterProvider";
import { theme } from "./theme";

export function App() {
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <RouterProvider>
        <AuthProvider>
          <AppRoutes />
        </AuthProvider>
      </RouterProvider>
    </ThemeProvider>
  );
}
