import {
  SEARCH_MAX_LENGTH,
  SEARCH_MIN_LENGTH,
} from "../../../../common/search-api.js";
import { errors } from "../../../errors.js";

/** A search request, reduced to the patterns each index takes. */
export interface SearchTerms {
  /** The text with runs of whitespace collapsed to one space. */
  text: string;
  /** The digits of `text` when it reads as a phone number, else null. */
  digits: string | null;
}

// Characters people type in phone numbers: +1 (415) 555-0100, 415.555.0100.
const PHONE_TEXT = /^[\d\s()+.-]+$/;

/** Normalises `q`, or throws 400 when it is too short to search. */
export function parseSearchTerms(query: string): SearchTerms {
  const text = query.trim().replace(/\s+/g, " ");
  const length = Array.from(text).length;
  if (length < SEARCH_MIN_LENGTH) {
    throw errors.searchTooShort(SEARCH_MIN_LENGTH);
  }
  if (length > SEARCH_MAX_LENGTH) {
    throw errors.validation(
      `q: search text is ${length} characters long; the maximum is ${SEARCH_MAX_LENGTH}.`,
      "q",
    );
  }

  const digits = PHONE_TEXT.test(text) ? text.replace(/\D/g, "") : "";

  return {
    text,
    digits: digits.length >= SEARCH_MIN_LENGTH ? digits : null,
  };
}

/** Quotes text as one FTS5 phrase, in which the trigram tokenizer matches
 * any substring; `"` is doubled, and nothing else is special inside. */
export function ftsPhrase(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** Builds an ILIKE pattern that matches `text` literally anywhere. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
