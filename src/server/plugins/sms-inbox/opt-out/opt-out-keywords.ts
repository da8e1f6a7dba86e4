/**
 * Twilio's default English keywords for long-code numbers. Twilio acts only
 * on a message that is the keyword alone, so "STOP please" is an ordinary
 * text (support.twilio.com article 223134027, "Twilio support for STOP,
 * BLOCK, and CANCEL").
 */
const OPT_OUT_KEYWORDS = new Set([
  "STOP",
  "STOPALL",
  "UNSUBSCRIBE",
  "CANCEL",
  "END",
  "QUIT",
  "REVOKE",
  "OPTOUT",
]);
const OPT_IN_KEYWORDS = new Set(["START", "YES", "UNSTOP"]);
const HELP_KEYWORDS = new Set(["HELP", "INFO"]);

/**
 * Maximum length of a keyword stored as the customer sent it. A longer body
 * matched by OptOutType stores the OptOutType instead.
 */
const MAX_KEYWORD_LENGTH = 32;

export type KeywordAction = "opt_out" | "opt_in" | "help";

export interface KeywordMatch {
  action: KeywordAction;
  /** The keyword, upper-cased, such as "STOPALL". */
  keyword: string;
}

/**
 * Classifies an incoming text as an opt-out, opt-in or help request, or
 * returns null for an ordinary text. Twilio's OptOutType (sent when
 * Advanced Opt-Out matched a keyword, including custom ones) takes
 * precedence over the body.
 */
export function matchOptOutKeyword(
  body: string,
  optOutType: string | null,
): KeywordMatch | null {
  const word = body.trim().toUpperCase();
  const fromType = actionForOptOutType(optOutType);
  if (fromType)
    return { action: fromType, keyword: keywordFor(word, optOutType) };

  const action = actionForWord(word);

  return action ? { action, keyword: word } : null;
}

function actionForWord(word: string): KeywordAction | null {
  if (OPT_OUT_KEYWORDS.has(word)) return "opt_out";

  if (OPT_IN_KEYWORDS.has(word)) return "opt_in";

  return HELP_KEYWORDS.has(word) ? "help" : null;
}

function actionForOptOutType(optOutType: string | null): KeywordAction | null {
  switch (optOutType?.toUpperCase()) {
    case "STOP":
      return "opt_out";
    case "START":
      return "opt_in";
    case "HELP":
      return "help";
    default:
      return null;
  }
}

/**
 * Returns the single word the customer sent, or Twilio's OptOutType when the
 * body is not one short word.
 */
function keywordFor(word: string, optOutType: string | null): string {
  const isOneWord = /^\S+$/.test(word) && word.length <= MAX_KEYWORD_LENGTH;

  return isOneWord ? word : (optOutType ?? "").toUpperCase();
}
