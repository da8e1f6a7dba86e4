import Box from "@mui/material/Box";
import Link from "@mui/material/Link";
import { useState } from "react";
import type { Message } from "../../../common/api";
import { isInlineImage, mediaKind } from "./mediaKinds";

type Media = Message["media"][number];

interface MediaItemProps {
  media: Media;
  /** Position label such as "Attachment 2 of 3", for link titles and alt text. */
  name: string;
}

/** Links to a file that is not shown inline, with an icon for its type. */
function FileLink({ media, name }: MediaItemProps) {
  const { label, Icon } = mediaKind(media.contentType);

  return (
    <Link
      href={media.url}
      download
      target="_blank"
      rel="noreferrer"
      color="inherit"
      title={`${name} (${media.contentType})`}
      sx={{ display: "inline-flex", alignItems: "center", gap: 0.75 }}
    >
      <Icon fontSize="small" aria-hidden />
      {label} · Download
    </Link>
  );
}

/** Shows an image inline, which opens full size in a new tab on click. */
function InlineImage({ media, name }: MediaItemProps) {
  const [failed, setFailed] = useState(false);
  // An expired or unreachable attachment still gets a link to try again.
  if (failed) return <FileLink media={media} name={name} />;

  return (
    <Link
      href={media.url}
      target="_blank"
      rel="noreferrer"
      sx={{ display: "block", lineHeight: 0 }}
    >
      <Box
        component="img"
        src={media.url}
        alt={`Image ${name.toLowerCase()}, opens full size`}
        loading="lazy"
        onError={() => setFailed(true)}
        sx={{
          display: "block",
          maxWidth: "100%",
          width: "auto",
          maxHeight: 240,
          borderRadius: 1.5,
          bgcolor: "action.hover",
        }}
      />
    </Link>
  );
}

/** Names an attachment whose type the server does not serve. */
function UnavailableFile({ media }: { media: Media }) {
  return (
    <Box component="span" sx={{ color: "text.secondary", fontSize: 14 }}>
      Attachment of type {media.contentType} is not shown, because this type is
      not allowed. Open the message in the Twilio Console to see it.
    </Box>
  );
}

/** Shows a message's attachments: images inline, other files as links. */
export function MessageMedia({ media }: { media: Message["media"] }) {
  if (media.length === 0) return null;

  return (
    <Box sx={{ display: "flex", flexDirection: "column", gap: 0.75, my: 0.5 }}>
      {media.map((item, index) => {
        const name = `Attachment ${index + 1} of ${media.length}`;
        if (!item.viewable)
          return <UnavailableFile key={item.url} media={item} />;

        return isInlineImage(item.contentType) ? (
          <InlineImage key={item.url} media={item} name={name} />
        ) : (
          <FileLink key={item.url} media={item} name={name} />
        );
      })}
    </Box>
  );
}
