import { twilioErrors } from "./errors.js";
import { firstValue, type FormFields } from "./form-body.js";

export interface PageRequest {
  pageSize: number;
  page: number;
  pageToken: string | undefined;
}

const defaultPageSize = 50;
const maxPageSize = 1000;

export function readPageRequest(query: FormFields): PageRequest {
  const pageSize = readInteger(query, "PageSize", defaultPageSize);
  if (pageSize < 1 || pageSize > maxPageSize) {
    throw twilioErrors.invalidListParameter("PageSize", String(pageSize));
  }

  return {
    pageSize,
    page: readInteger(query, "Page", 0),
    pageToken: firstValue(query, "PageToken"),
  };
}

function readInteger(query: FormFields, name: string, fallback: number) {
  const text = firstValue(query, name);
  if (text === undefined) return fallback;

  if (!/^\d+$/.test(text)) throw twilioErrors.invalidListParameter(name, text);

  return Number(text);
}

/**
 * Returns one page of `items` and Twilio's paging keys. Page tokens are
 * cursors: "PA<sid>" starts after that SID and "PB<sid>" ends before it, so
 * records added while a client pages do not shift later pages. All URIs are
 * relative, so twilio-node resolves them against its own base URL.
 */
export function buildPage<T extends { sid: string }>(
  items: T[],
  request: PageRequest,
  path: string,
  filters: [string, string][],
) {
  const [from, to] = pageBounds(items, request);
  const pageItems = items.slice(from, to);
  const uri = (page: number, token?: string) => {
    const query = new URLSearchParams(filters);
    query.set("PageSize", String(request.pageSize));
    query.set("Page", String(page));
    if (token) query.set("PageToken", token);

    return `${path}?${query.toString()}`;
  };
  const first = pageItems[0];
  const last = pageItems[pageItems.length - 1];
  const start = request.page * request.pageSize;

  return {
    items: pageItems,
    meta: {
      end: pageItems.length > 0 ? start + pageItems.length - 1 : start,
      first_page_uri: uri(0),
      next_page_uri:
        last && to < items.length
          ? uri(request.page + 1, `PA${last.sid}`)
          : null,
      page: request.page,
      page_size: request.pageSize,
      previous_page_uri:
        first && from > 0 ? uri(request.page - 1, `PB${first.sid}`) : null,
      start,
      uri: uri(request.page, request.pageToken),
    },
  };
}

function pageBounds<T extends { sid: string }>(
  items: T[],
  request: PageRequest,
): [number, number] {
  const { pageSize, pageToken } = request;
  if (pageToken === undefined) {
    const from = request.page * pageSize;

    return [from, from + pageSize];
  }

  const index = items.findIndex((item) => item.sid === pageToken.slice(2));
  if (index < 0 || !/^P[AB]/.test(pageToken)) {
    throw twilioErrors.invalidListParameter("PageToken", pageToken);
  }

  return pageToken.startsWith("PA")
    ? [index + 1, index + 1 + pageSize]
    : [Math.max(0, index - pageSize), index];
}
