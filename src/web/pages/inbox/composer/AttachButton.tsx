import AttachFileIcon from "@mui/icons-material/AttachFile";
import IconButton from "@mui/material/IconButton";
import { useRef, type ChangeEvent } from "react";

/**
 * Types offered in the file picker. It is a hint only: the server checks
 * every upload and names the supported types when it rejects one.
 */
const acceptedTypes = [
  "image/jpeg",
  "image/png",
  "image/gif",
  "audio/*",
  "video/*",
  "application/pdf",
  "text/vcard",
  "text/x-vcard",
  ".vcf",
  "text/plain",
].join(",");

interface AttachButtonProps {
  onFiles(files: File[]): void;
  disabled?: boolean;
}

/** Opens the file picker for attachments (MMS). */
export function AttachButton({ onFiles, disabled }: AttachButtonProps) {
  const inputRef = useRef<HTMLInputElement>(null);

  const handleChange = (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    // Cleared so that picking the same file again fires another change.
    event.target.value = "";
    if (files.length > 0) onFiles(files);
  };

  return (
    <>
      <input
        ref={inputRef}
        type="file"
        multiple
        hidden
        accept={acceptedTypes}
        onChange={handleChange}
      />
      <IconButton
        aria-label="Attach file"
        title="Attach file"
        onClick={() => inputRef.current?.click()}
        disabled={disabled}
      >
        <AttachFileIcon />
      </IconButton>
    </>
  );
}
