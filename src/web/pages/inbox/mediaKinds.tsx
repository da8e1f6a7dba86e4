import AudioFileIcon from "@mui/icons-material/AudioFileOutlined";
import ContactPageIcon from "@mui/icons-material/ContactPageOutlined";
import DescriptionIcon from "@mui/icons-material/DescriptionOutlined";
import ImageIcon from "@mui/icons-material/ImageOutlined";
import InsertDriveFileIcon from "@mui/icons-material/InsertDriveFileOutlined";
import PictureAsPdfIcon from "@mui/icons-material/PictureAsPdfOutlined";
import VideoFileIcon from "@mui/icons-material/VideoFileOutlined";
import type { SvgIconProps } from "@mui/material/SvgIcon";
import type { ComponentType } from "react";

interface MediaKind {
  label: string;
  Icon: ComponentType<SvgIconProps>;
}

/** Image types every current browser can draw inline. */
const inlineImageTypes = new Set([
  "image/jpeg",
  "image/png",
  "image/gif",
  "image/webp",
]);

/** Checks whether an attachment can be shown as an `<img>`. */
export function isInlineImage(contentType: string): boolean {
  return inlineImageTypes.has(contentType.toLowerCase());
}

/** Returns a word and an icon for an attachment's content type. */
export function mediaKind(contentType: string): MediaKind {
  const type = contentType.toLowerCase();
  if (type.startsWith("image/")) return { label: "Image", Icon: ImageIcon };
  if (type.startsWith("audio/")) {
    return { label: "Audio", Icon: AudioFileIcon };
  }
  if (type.startsWith("video/")) {
    return { label: "Video", Icon: VideoFileIcon };
  }
  if (type === "application/pdf") {
    return { label: "PDF", Icon: PictureAsPdfIcon };
  }
  if (type === "text/vcard" || type === "text/x-vcard") {
    return { label: "Contact card", Icon: ContactPageIcon };
  }
  if (type.startsWith("text/")) {
    return { label: "Text file", Icon: DescriptionIcon };
  }

  return { label: "File", Icon: InsertDriveFileIcon };
}
