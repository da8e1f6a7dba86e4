import { SegmentedMessage } from "sms-segments-calculator";
import { describeCharacters } from "./characterNames";

/** Twilio's limit on a message body (error 21617 above it). */
export const MAX_BODY_CHARACTERS = 1600;

export type SmsEncoding = "GSM-7" | "UCS-2";

export interface TextStats {
  /**
   * UTF-16 code units of the trimmed body, the measure the server checks
   * the 1,600 limit with. An emoji counts as 2.
   */
  characters: number;
  encoding: SmsEncoding;
  /** Segments Twilio bills for the text; 0 for an empty body. */
  segments: number;
  /** Distinct characters that force UCS-2, in order of first use. */
  nonGsmCharacters: string[];
  overLimit: boolean;
}

const numberFormat = new Intl.NumberFormat("en-US");

/**
 * Measures a message body the way Twilio splits it into segments: GSM-7
 * unless a character is outside the GSM 03.38 alphabet, 160 characters in
 * one segment or 153 per part, and 70 or 67 for UCS-2. The server trims
 * the body before sending, so the trimmed body is measured.
 */
export function measureText(body: string): TextStats {
  const text = body.trim();
  const message = new SegmentedMessage(text);

  return {
    characters: text.length,
    encoding: message.encodingName,
    segments: text === "" ? 0 : message.segmentsCount,
    nonGsmCharacters: [...new Set(message.getNonGsmCharacters())],
    overLimit: text.length > MAX_BODY_CHARACTERS,
  };
}

function plural(count: number, singular: string): string {
  const noun = count === 1 ? singular : `${singular}s`;

  return `${numberFormat.format(count)} ${noun}`;
}

/**
 * Formats the counter under the composer: "43 characters · 1 segment
 * (GSM-7)". A text with attachments goes out as one MMS, which Twilio does
 * not split into segments.
 */
export function formatTextStats(stats: TextStats, attachments = 0): string {
  const characters = plural(stats.characters, "character");
  if (attachments > 0) {
    return `${characters} · MMS with ${plural(attachments, "attachment")}`;
  }

  if (stats.segments === 0) return characters;

  return `${characters} · ${plural(stats.segments, "segment")} (${stats.encoding})`;
}

/**
 * Explains which characters switch the text to UCS-2 and what that costs,
 * or returns null for GSM-7 text.
 */
export function formatUcs2Warning(stats: TextStats): string | null {
  if (stats.encoding !== "UCS-2" || stats.nonGsmCharacters.length === 0) {
    return null;
  }

  const named = describeCharacters(stats.nonGsmCharacters);
  const verb = stats.nonGsmCharacters.length === 1 ? "switches" : "switch";
  const perSegment =
    stats.segments > 1
      ? "67 characters per segment instead of 153"
      : "70 characters per segment instead of 160";

  return `${named} ${verb} this text to UCS-2: ${perSegment}.`;
}

/** Explains the 1,600-character limit once the text is over it. */
export function formatLimitError(stats: TextStats): string | null {
  if (!stats.overLimit) return null;

  const excess = stats.characters - MAX_BODY_CHARACTERS;

  return (
    `This text is ${plural(stats.characters, "character")} long, and Twilio ` +
    `accepts at most ${numberFormat.format(MAX_BODY_CHARACTERS)}. Remove ` +
    `${plural(excess, "character")} or send the rest as another text.`
  );
}
