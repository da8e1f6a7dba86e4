import CheckIcon from "@mui/icons-material/Check";
import ContentCopyIcon from "@mui/icons-material/ContentCopy";
import Button from "@mui/material/Button";
import { useEffect, useState } from "react";
import { copyText } from "./copyText";

interface CopyButtonProps {
  text: string;
  /** Names the copied value for screen readers, such as "webhook URL". */
  valueName: string;
}

/** Copies `text` to the clipboard and shows "Copied" for a moment. */
export function CopyButton({ text, valueName }: CopyButtonProps) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (state === "idle") return;

    const timer = window.setTimeout(() => setState("idle"), 2500);
    return () => window.clearTimeout(timer);
  }, [state]);

  const handleClick = async () => {
    setState((await copyText(text)) ? "copied" : "failed");
  };

  const labels = { idle: "Copy", copied: "Copied", failed: "Copy failed" };

  return (
    <Button
      variant="outlined"
      onClick={() => void handleClick()}
      startIcon={state === "copied" ? <CheckIcon /> : <ContentCopyIcon />}
      color={state === "failed" ? "error" : "primary"}
      aria-label={`${labels[state]} ${valueName}`}
      aria-live="polite"
      sx={{ flexShrink: 0, minWidth: 110 }}
    >
      {labels[state]}
    </Button>
  );
}
