import CloseIcon from "@mui/icons-material/Close";
import Avatar from "@mui/material/Avatar";
import Box from "@mui/material/Box";
import CircularProgress from "@mui/material/CircularProgress";
import IconButton from "@mui/material/IconButton";
import Typography from "@mui/material/Typography";
import { mediaKind } from "../mediaKinds";
import type { Attachment } from "./useAttachments";

function Thumbnail({ attachment }: { attachment: Attachment }) {
  if (attachment.upload === null) {
    return (
      <Box sx={{ width: 32, display: "flex", justifyContent: "center" }}>
        <CircularProgress
          size={18}
          aria-label={`Uploading ${attachment.name}`}
        />
      </Box>
    );
  }

  if (attachment.previewUrl) {
    return (
      <Avatar
        variant="rounded"
        src={attachment.previewUrl}
        alt=""
        sx={{ width: 32, height: 32 }}
      />
    );
  }

  const { Icon } = mediaKind(attachment.contentType);
  return (
    <Avatar
      variant="rounded"
      sx={{ width: 32, height: 32, bgcolor: "action.selected" }}
    >
      <Icon fontSize="small" color="action" />
    </Avatar>
  );
}

interface AttachmentChipsProps {
  items: Attachment[];
  onRemove(id: string): void;
  disabled?: boolean;
}

/** Lists a draft's attachments with thumbnails and remove buttons. */
export function AttachmentChips(props: AttachmentChipsProps) {
  const { items, onRemove, disabled } = props;
  if (items.length === 0) return null;

  return (
    <Box
      component="ul"
      aria-label="Attachments"
      sx={{ display: "flex", flexWrap: "wrap", gap: 1, m: 0, p: 0 }}
    >
      {items.map((attachment) => (
        <Box
          component="li"
          key={attachment.id}
          sx={{
            listStyle: "none",
            display: "flex",
            alignItems: "center",
            gap: 1,
            maxWidth: 260,
            py: 0.5,
            pl: 0.5,
            border: 1,
            borderColor: "divider",
            borderRadius: 2,
            bgcolor: "background.paper",
          }}
        >
          <Thumbnail attachment={attachment} />
          <Typography variant="body2" noWrap title={attachment.name}>
            {attachment.name}
          </Typography>
          <IconButton
            size="small"
            aria-label={`Remove ${attachment.name}`}
            onClick={() => onRemove(attachment.id)}
            disabled={disabled}
          >
            <CloseIcon fontSize="small" />
          </IconButton>
        </Box>
      ))}
    </Box>
  );
}
