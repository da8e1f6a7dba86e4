const messagePattern = /<Message(?:\s[^>]*)?>([\s\S]*?)<\/Message>/g;
const mediaPattern = /<Media(?:\s[^>]*)?>[\s\S]*?<\/Media>/g;
const bodyPattern = /<Body(?:\s[^>]*)?>([\s\S]*?)<\/Body>/;

/**
 * Returns the texts of the <Message> verbs in a TwiML response. A message
 * written with a nested <Body> uses that; its <Media> elements are ignored.
 */
export function readTwimlMessages(twiml: string): string[] {
  const texts: string[] = [];
  for (const match of twiml.matchAll(messagePattern)) {
    const content = (match[1] ?? "").replace(mediaPattern, "");
    const text = bodyPattern.exec(content)?.[1] ?? content;
    const decoded = decodeXmlText(text.replace(/<[^>]*>/g, "")).trim();
    if (decoded !== "") texts.push(decoded);
  }

  return texts;
}

/** Returns whether Twilio would read a response with this type as TwiML. */
export function isTwimlContentType(contentType: string | null): boolean {
  const type = contentType?.split(";")[0]?.trim().toLowerCase();

  return type === "text/xml" || type === "application/xml";
}

const namedEntities: Record<string, string> = {
  amp: "&",
  apos: "'",
  gt: ">",
  lt: "<",
  quot: '"',
};

function decodeXmlText(text: string): string {
  return text.replace(
    /&(#x[0-9a-f]+|#\d+|[a-z]+);/gi,
    (entity, name: string) => {
      if (name.startsWith("#x") || name.startsWith("#X")) {
        return String.fromCodePoint(parseInt(name.slice(2), 16));
      }
      if (name.startsWith("#"))
        return String.fromCodePoint(Number(name.slice(1)));

      return namedEntities[name] ?? entity;
    },
  );
}
