/**
 * Names of characters that commonly sneak into texts from word processors
 * and phones and force UCS-2. Invisible ones are shown by name only.
 */
const names: Record<string, { name: string; invisible?: boolean }> = {
  "\u2018": { name: "left single quote" },
  "\u2019": { name: "right single quote" },
  "\u201C": { name: "left double quote" },
  "\u201D": { name: "right double quote" },
  "\u2013": { name: "en dash" },
  "\u2014": { name: "em dash" },
  "\u2026": { name: "ellipsis" },
  "\u2022": { name: "bullet" },
  "`": { name: "backtick" },
  "\u00B4": { name: "acute accent" },
  "\t": { name: "tab", invisible: true },
  "\u00A0": { name: "non-breaking space", invisible: true },
  "\u2009": { name: "thin space", invisible: true },
  "\u202F": { name: "narrow non-breaking space", invisible: true },
  "\u200B": { name: "zero-width space", invisible: true },
  "\uFEFF": { name: "byte order mark", invisible: true },
};

/** Maximum number of characters a warning names before "and N more". */
const maxNamed = 4;

function codePoint(character: string): string {
  const value = character.codePointAt(0) ?? 0;

  return `U+${value.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Describes one character for staff: "’ (right single quote)". */
export function describeCharacter(character: string): string {
  const known = names[character];
  if (known?.invisible) return known.name;
  if (known) return `${character} (${known.name})`;
  // Emoji that phones draw in colour; "©" and "™" keep their code points.
  if (/\p{Emoji_Presentation}|\uFE0F/u.test(character)) {
    return `${character} (emoji)`;
  }

  return `${character} (${codePoint(character)})`;
}

/** Lists characters in a sentence: "’ (right single quote) and 😀 (emoji)". */
export function describeCharacters(characters: string[]): string {
  const parts = characters.slice(0, maxNamed).map(describeCharacter);
  const remaining = characters.length - parts.length;
  if (remaining > 0) parts.push(`${remaining} more`);
  if (parts.length === 1) return parts[0] ?? "";

  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}
