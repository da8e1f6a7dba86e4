/**
 * Grapheme segmenter, or null in engines without Intl.Segmenter (Node 20 and
 * current Chromium have it), where splitGraphemes falls back to code points.
 */
const graphemes =
  typeof Intl.Segmenter === "function"
    ? new Intl.Segmenter(undefined, { granularity: "grapheme" })
    : null;

function splitGraphemes(text: string): string[] {
  if (graphemes) {
    return Array.from(graphemes.segment(text), (part) => part.segment);
  }

  return Array.from(text);
}

/**
 * Upper-cases one grapheme, unless that makes it longer (German "ß" becomes
 * "SS"), so each word still gives exactly one character.
 */
function upperGrapheme(grapheme: string): string {
  const upper = grapheme.toUpperCase();

  return splitGraphemes(upper).length === 1 ? upper : grapheme;
}

/**
 * Returns the first grapheme of each of the first two words of a name,
 * upper-cased: "Ana María" gives "AM", "😀 Smile" gives "😀S" and a blank
 * name gives "".
 */
export function initials(name: string): string {
  const words = name
    .trim()
    .split(/\s+/)
    .filter((word) => word !== "");
  const letters = words
    .slice(0, 2)
    .map((word) => upperGrapheme(splitGraphemes(word)[0] ?? ""));

  return letters.join("");
}
