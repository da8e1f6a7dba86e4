import { sql, type RawBuilder, type SqlBool } from "kysely";
import type { Db } from "../../../db/database.js";
import { isPostgres } from "../../../db/dialect.js";
import type { KeysetPosition } from "../../../http/keyset-cursor.js";
import {
  containsPattern,
  ftsPhrase,
  type SearchTerms,
} from "./search-terms.js";

interface MatchOptions {
  companyId: string;
  terms: SearchTerms;
  before: KeysetPosition | null;
  limit: number;
}

/**
 * Builds the condition that keeps up to `limit` matching conversations of
 * the alias `c`, the newest activity first, after `before` when given.
 * On SQLite it is a subquery of rowids, so each row is read from the table
 * without a lookup in the index of ids. On PostgreSQL it is one of ids.
 * The matches drive the join, so the cost follows the number of matches
 * rather than the size of the inbox.
 */
export function matchingConversations(
  db: Db,
  options: MatchOptions,
): RawBuilder<SqlBool> {
  if (isPostgres(db)) {
    return sql<SqlBool>`${sql.ref("c.id")} IN (${postgresMatchQuery(options)})`;
  }

  return sql<SqlBool>`${sql.ref("c.rowid")} IN (${sqliteMatchQuery(options)})`;
}

/**
 * Keeps the rows of `alias` that sort after `before` in the inbox order,
 * as a condition that follows `keyword`. Without `before` it is empty.
 */
function afterPosition(
  keyword: "WHERE" | "AND",
  alias: string,
  before: KeysetPosition | null,
) {
  if (!before) return sql``;

  const at = sql.ref(`${alias}.last_message_at`);
  const id = sql.ref(`${alias}.id`);

  return sql`${sql.raw(keyword)} (${at} < ${before.at}
    OR (${at} = ${before.at} AND ${id} < ${before.id}))`;
}

/**
 * Selects the rowids of the matching conversations on SQLite. A
 * conversation matches by its customer number's digits, by the name of
 * the customer staff chose (or, when none was chosen, of any customer
 * with its number), or by the text of a message. Texts are served by an
 * FTS5 trigram table whose rowid is the key of `message_search_keys`,
 * which points at the conversation's key in `conversation_search_keys`
 * (migration 20261208_0001). Names are served by one whose rowid is the
 * key of `customer_name_keys` (migration 20261206_0001), and digits by
 * the suffix table of migration 0012. CROSS JOIN fixes the join order so
 * every branch starts from its index.
 *
 * Each branch selects the conversation's id and activity time, so the
 * matches are sorted and cut to the page without reading more rows. The
 * other branches add the rowid of the conversation row they read, and
 * the text branch, which reads no conversation row, leaves it NULL. Only
 * the page's conversations that no other branch found are then looked up
 * in the index of ids. Grouping removes the duplicates that UNION ALL
 * keeps.
 */
function sqliteMatchQuery(options: MatchOptions) {
  const { companyId, terms } = options;
  const phrase = ftsPhrase(terms.text);
  const branches = [
    sql`SELECT NULL AS rid, ck.conversation_id AS id, ck.last_message_at
        FROM message_body_search AS ms
        CROSS JOIN message_search_keys AS k ON k.key = ms.rowid
        CROSS JOIN conversation_search_keys AS ck
          ON ck.key = k.conversation_key
        WHERE ms.body MATCH ${phrase} AND ck.company_id = ${companyId}`,
    // The unary + keeps SQLite from walking the company's activity index
    // in place of the lookup by customer.
    sql`SELECT c.rowid AS rid, c.id, c.last_message_at
        FROM named_customers AS cu
        CROSS JOIN conversations AS c ON c.customer_id = cu.id
        WHERE +c.company_id = ${companyId}`,
    sql`SELECT c.rowid AS rid, c.id, c.last_message_at
        FROM named_customers AS cu
        CROSS JOIN conversations AS c ON c.company_id = cu.company_id
          AND c.customer_number = cu.phone_e164
          AND c.customer_id IS NULL`,
  ];
  if (terms.digits !== null) {
    const range = prefixRange(terms.digits);
    branches.push(
      sql`SELECT c.rowid AS rid, c.id, c.last_message_at
          FROM conversation_number_search AS ns
          CROSS JOIN conversations AS c ON c.id = ns.conversation_id
          WHERE ns.company_id = ${companyId}
            AND ns.suffix >= ${range.from} AND ns.suffix < ${range.to}
            AND c.company_id = ${companyId}`,
    );
  }

  // The name search runs once, for both ways a customer names a conversation.
  // The LIMIT is a literal: SQLite 3.53 reads a bound LIMIT's value while
  // preparing, so each new binding, which better-sqlite3 makes on every
  // call, prepares this statement again (0.04 to 0.1 ms per search).
  return sql`
    WITH named_customers AS MATERIALIZED (
      SELECT k.customer_id AS id, k.company_id, k.phone_e164
      FROM customer_name_search AS cs
      CROSS JOIN customer_name_keys AS k ON k.key = cs.rowid
      WHERE cs.name MATCH ${phrase} AND k.company_id = ${companyId}
    )
    SELECT coalesce(p.rid, (SELECT rowid FROM conversations WHERE id = p.id))
    FROM (
      SELECT max(m.rid) AS rid, m.id, m.last_message_at
      FROM (${sql.join(branches, sql` UNION ALL `)}) AS m
      ${afterPosition("WHERE", "m", options.before)}
      GROUP BY m.id, m.last_message_at
      ORDER BY m.last_message_at DESC, m.id DESC
      LIMIT ${sql.lit(options.limit)}
    ) AS p
  `;
}

/**
 * Returns the bounds of the strings that start with `prefix` in binary
 * order: from `prefix` up to, not including, `prefix` with its last
 * character raised by one.
 */
function prefixRange(prefix: string): { from: string; to: string } {
  const last = prefix.charCodeAt(prefix.length - 1);

  return {
    from: prefix,
    to: `${prefix.slice(0, -1)}${String.fromCharCode(last + 1)}`,
  };
}

/**
 * Joins the union of matching ids to the conversations and sorts there.
 * PostgreSQL chooses the join order by its statistics.
 */
function postgresMatchQuery(options: MatchOptions) {
  const { companyId } = options;
  const matches = postgresMatches(companyId, options.terms);

  return sql`
    SELECT c.id FROM ${matches} AS m
    JOIN conversations AS c ON c.id = m.id
    WHERE c.company_id = ${companyId} ${afterPosition("AND", "c", options.before)}
    ORDER BY c.last_message_at DESC, c.id DESC
    LIMIT ${options.limit}
  `;
}

/**
 * Builds a parenthesised subquery of the ids of the company's conversations
 * that match the search, with the same branches as on SQLite. Each is
 * filtered by company and served by a pg_trgm GIN index (migration 0010).
 */
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
