import {
  SEARCH_MAX_LENGTH,
  SEARCH_MIN_LENGTH,
} from "../../../../common/search-api.js";
import { phoneSearchDigits } from "../../../../common/phone-search.js";
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

/** Returns whether `query` is written like (part of) a phone number. */
export function readsAsPhoneNumber(query: string): boolean {
  return PHONE_TEXT.test(query.trim());
}

/**
 * Normalises `q`, or throws 400 when it is too short to search. With the
 * company's `country`, a number searches without the dialling prefixes
 * that its stored E.164 form lacks, so "020 7946" in GB finds
 * +44 20 7946 0958 (see phoneSearchDigits). Without a country it
 * searches by its digits as typed.
 */
export function parseSearchTerms(
  query: string,
  country: string | null = null,
): SearchTerms {
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

  const digits = PHONE_TEXT.test(text) ? phoneDigits(text, country) : "";

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

function phoneDigits(text: string, country: string | null): string {
  const dialled = country === null ? null : phoneSearchDigits(text, country);

  return dialled ?? text.replace(/\D/g, "");
}
