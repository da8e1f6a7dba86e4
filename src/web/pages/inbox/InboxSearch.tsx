import ClearIcon from "@mui/icons-material/Clear";
import SearchIcon from "@mui/icons-material/Search";
import Box from "@mui/material/Box";
import IconButton from "@mui/material/IconButton";
import InputAdornment from "@mui/material/InputAdornment";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import {
  SEARCH_MAX_LENGTH,
  SEARCH_MIN_LENGTH,
} from "../../../common/search-api";
import type { useInboxSearch } from "./useInboxSearch";

interface InboxSearchProps {
  search: ReturnType<typeof useInboxSearch>;
}

/**
 * Renders the search box above the conversation list, which searches
 * customer numbers in any format, customer names and message text.
 */
export function InboxSearch({ search }: InboxSearchProps) {
  const noMatches = search.resultsText !== null && search.resultCount === 0;

  return (
    <Box sx={{ px: 2, pb: 1.5 }}>
      <TextField
        fullWidth
        size="small"
        placeholder="Search name, number or text"
        value={search.text}
        onChange={(event) => search.setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape") search.setText("");
        }}
        helperText={
          search.tooShort
            ? `Type at least ${SEARCH_MIN_LENGTH} characters to search.`
            : undefined
        }
        slotProps={{
          htmlInput: {
            "aria-label": "Search conversations",
            maxLength: SEARCH_MAX_LENGTH,
          },
          input: {
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon fontSize="small" />
              </InputAdornment>
            ),
            endAdornment: search.text ? (
              <InputAdornment position="end">
                <IconButton
                  size="small"
                  edge="end"
                  aria-label="Clear search"
                  onClick={() => search.setText("")}
                >
                  <ClearIcon fontSize="small" />
                </IconButton>
              </InputAdornment>
            ) : undefined,
          },
        }}
      />
      {noMatches && (
        <Typography
          variant="body2"
          color="text.secondary"
          sx={{ mt: 1 }}
          role="status"
        >
          No conversations match “{search.resultsText}”.
        </Typography>
      )}
    </Box>
  );
}
