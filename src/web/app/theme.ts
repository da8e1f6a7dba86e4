import { createTheme } from "@mui/material/styles";
import { RouterLink } from "./router/RouterLink";

const fontFamily = [
  "Inter",
  "system-ui",
  "-apple-system",
  '"Segoe UI"',
  "Roboto",
  '"Helvetica Neue"',
  "Arial",
  "sans-serif",
].join(",");

export const theme = createTheme({
  palette: {
    primary: { main: "#2f5bea" },
    secondary: { main: "#0f766e" },
    background: { default: "#f4f6fb", paper: "#ffffff" },
    text: { primary: "#1b2230", secondary: "#5b6476" },
    divider: "#e3e7ef",
  },
  shape: { borderRadius: 10 },
  typography: {
    fontFamily,
    h1: { fontSize: "1.6rem", fontWeight: 700 },
    h2: { fontSize: "1.2rem", fontWeight: 650 },
    h3: { fontSize: "1rem", fontWeight: 650 },
    button: { textTransform: "none", fontWeight: 600 },
  },
  components: {
    // Every `href` on a MUI link or button navigates inside the app.
    MuiButtonBase: { defaultProps: { LinkComponent: RouterLink } },
    MuiLink: { defaultProps: { component: RouterLink } },
    MuiButton: { defaultProps: { disableElevation: true } },
    MuiCard: { defaultProps: { variant: "outlined" } },
    MuiAppBar: {
      defaultProps: { elevation: 0, color: "inherit" },
      styleOverrides: {
        root: ({ theme: current }) => ({
          borderBottom: `1px solid ${current.palette.divider}`,
        }),
      },
    },
    MuiTextField: { defaultProps: { fullWidth: true } },
  },
});
