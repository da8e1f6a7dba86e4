/**
 * Copies text to the clipboard. The Clipboard API needs a secure context
 * (https or localhost), so plain-http installs fall back to a hidden
 * textarea and `execCommand("copy")`. Resolves to whether copying worked.
 */
export async function copyText(text: string): Promise<boolean> {
  if (window.isSecureContext && navigator.clipboard) {
    try {
      await navigator.clipboard.writeText(text);

      return true;
    } catch {
      // Permission denied or not focused; the fallback may still work.
    }
  }

  return copyWithTextarea(text);
}

function copyWithTextarea(text: string): boolean {
  const focused = document.activeElement;
  const textarea = document.createElement("textarea");
  textarea.value = text;
  textarea.setAttribute("readonly", "");
  textarea.style.position = "fixed";
  textarea.style.opacity = "0";
  document.body.appendChild(textarea);
  textarea.select();
  try {
    // Deprecated but still the only synchronous copy outside secure contexts.
    return document.execCommand("copy");
  } catch {
    return false;
  } finally {
    textarea.remove();
    if (focused instanceof HTMLElement) focused.focus();
  }
}
