import { sql, type RawBuilder } from "kysely";
import type { Db } from "../../../db/database.js";
import { isPostgres } from "../../../db/dialect.js";
import type { KeysetPosition } from "../pagination/keyset-cursor.js";
import {
  containsPattern,
  ftsPhrase,
  type SearchTerms,
} from "./search-terms.js";

/**
 * Returns the ids of up to `limit` matching conversations, newest activity
 * first, after `before` when given. The matches drive the join, so the cost
 * follows the number of matches rather than the size of the inbox. On
 * SQLite a CROSS JOIN fixes that join order; PostgreSQL has no such form
 * and chooses by its statistics.
 */
export async function findMatchingConversationIds(
  db: Db,
  options: {
    companyId: string;
    terms: SearchTerms;
    before: KeysetPosition | null;
    limit: number;
  },
): Promise<string[]> {
  const { companyId, before } = options;
  const matches = matchingConversationIds(db, companyId, options.terms);
  const after = before
    ? sql`AND (c.last_message_at < ${before.at}
          OR (c.last_message_at = ${before.at} AND c.id < ${before.id}))`
    : sql``;
  const { rows } = await sql<{ id: string }>`
    SELECT c.id FROM ${matches} AS m
    ${isPostgres(db) ? sql`JOIN` : sql`CROSS JOIN`} conversations AS c ON c.id = m.id
    WHERE c.company_id = ${companyId} ${after}
    ORDER BY c.last_message_at DESC, c.id DESC
    LIMIT ${options.limit}
  `.execute(db);

  return rows.map((row) => row.id);
}

/**
 * Builds a parenthesised subquery of the ids of the company's conversations
 * that match the search. A conversation matches by its customer number's
 * digits, by the name of the customer staff chose (or, when none was
 * chosen, of any customer with its number), or by the text of a message.
 * Every branch is filtered by company and served by a trigram index: FTS5
 * tables on SQLite and pg_trgm GIN indexes on PostgreSQL (migration 0010).
 */
function matchingConversationIds(
  db: Db,
  companyId: string,
  terms: SearchTerms,
): RawBuilder<string> {
  return isPostgres(db)
    ? postgresMatches(companyId, terms)
    : sqliteMatches(companyId, terms);
}

function sqliteMatches(
  companyId: string,
  terms: SearchTerms,
): RawBuilder<string> {
  const phrase = ftsPhrase(terms.text);
  const branches = [
    sql`SELECT conversation_id AS id FROM message_search
        WHERE message_search.body MATCH ${phrase} AND company_id = ${companyId}`,
    sql`SELECT cv.id FROM customer_search cs
        JOIN conversations cv ON cv.customer_id = cs.customer_id
        WHERE cs.name MATCH ${phrase} AND cs.company_id = ${companyId}`,
    sql`SELECT cv.id FROM customer_search cs
        JOIN customers cu ON cu.id = cs.customer_id
        JOIN conversations cv ON cv.company_id = cu.company_id
          AND cv.customer_number = cu.phone_e164
          AND cv.customer_id IS NULL
        WHERE cs.name MATCH ${phrase} AND cs.company_id = ${companyId}`,
  ];
  if (terms.digits !== null) {
    branches.push(
      sql`SELECT conversation_id AS id FROM conversation_search
          WHERE conversation_search.customer_number MATCH ${ftsPhrase(terms.digits)}
            AND company_id = ${companyId}`,
    );
  }

  return sql<string>`(${sql.join(branches, sql` UNION `)})`;
}

function postgresMatches(
  companyId: string,
  terms: SearchTerms,
): RawBuilder<string> {
  const pattern = containsPattern(terms.text);
  const branches = [
    sql`SELECT m.conversation_id AS id FROM messages m
        WHERE m.company_id = ${companyId} AND m.body ILIKE ${pattern}`,
    sql`SELECT cv.id FROM customers cu
        JOIN conversations cv ON cv.customer_id = cu.id
        WHERE cu.company_id = ${companyId} AND cu.name ILIKE ${pattern}`,
    sql`SELECT cv.id FROM customers cu
        JOIN conversations cv ON cv.company_id = cu.company_id
          AND cv.customer_number = cu.phone_e164
          AND cv.customer_id IS NULL
        WHERE cu.company_id = ${companyId} AND cu.name ILIKE ${pattern}`,
  ];
  if (terms.digits !== null) {
    branches.push(
      sql`SELECT id FROM conversations
          WHERE company_id = ${companyId}
            AND customer_number LIKE ${containsPattern(terms.digits)}`,
    );
  }

  return sql<string>`(${sql.join(branches, sql` UNION `)})`;
}
