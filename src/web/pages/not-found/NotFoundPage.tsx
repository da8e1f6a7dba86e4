import SearchOffIcon from "@mui/icons-material/SearchOff";
import Button from "@mui/material/Button";
import { EmptyState } from "../../components/EmptyState";
import { useDocumentTitle } from "../../hooks/useDocumentTitle";

export function NotFoundPage() {
  useDocumentTitle("Page not found");

  return (
    <EmptyState
      icon={<SearchOffIcon fontSize="inherit" />}
      title="Page not found"
    >
      <p>There is no page at this address.</p>
      <Button href="/" variant="contained">
        Go to the start page
      </Button>
    </EmptyState>
  );
}
