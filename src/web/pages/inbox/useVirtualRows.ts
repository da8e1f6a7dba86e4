import { useVirtualizer, type VirtualItem } from "@tanstack/react-virtual";
import {
  useCallback,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type RefObject,
} from "react";

/**
 * Height of a conversation row before one is measured, in CSS pixels: two
 * text lines and the row's vertical padding at the default theme.
 */
const INITIAL_ROW_HEIGHT = 73;
/** Rows rendered beyond each edge of the viewport. */
const OVERSCAN_ROWS = 10;

interface VirtualRowsOptions<T> {
  items: T[];
  keyOf: (item: T) => string;
  /** The element that scrolls. */
  scrollRef: RefObject<HTMLElement | null>;
  /** The list element whose children are the rendered rows, in order. */
  listRef: RefObject<HTMLElement | null>;
}

interface VisibleRow {
  key: string;
  index: number;
  start: number;
}

/**
 * Renders only the rows near the viewport of a long list whose row elements
 * belong to another component. The rows are laid out in normal flow between
 * top and bottom padding, and each rendered child of `listRef` is measured.
 * When rows are inserted above the viewport, the scroll position moves with
 * them, so the rows on screen stay put. Arrow keys, Home and End move the
 * focus between rows, scrolling unrendered ones into view.
 */
export function useVirtualRows<T>(options: VirtualRowsOptions<T>) {
  const { items, keyOf, scrollRef, listRef } = options;
  const [scrollMargin, setScrollMargin] = useState(0);
  const [rowHeight, setRowHeight] = useState(INITIAL_ROW_HEIGHT);
  const getItemKey = useCallback(
    (index: number) => {
      const item = items[index];

      return item === undefined ? index : keyOf(item);
    },
    [items, keyOf],
  );
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    getItemKey,
    overscan: OVERSCAN_ROWS,
    scrollMargin,
  });
  const rows = virtualizer.getVirtualItems();
  const visibleRef = useRef<VisibleRow[]>([]);
  const pendingFocusRef = useRef<number | null>(null);

  // The row components own their elements, so the index the virtualizer
  // reads is set here, on each rendered child in order. The first row's
  // height becomes the estimate for all, because the virtualizer copies its
  // size cache on every row whose size differs from the estimate, which
  // costs time in proportion to the rows loaded.
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;

    // Only new rows and rows at a new index are measured. The virtualizer
    // watches measured rows with a ResizeObserver, and skipping the others
    // saves a forced layout on frames that add no row.
    let measured = false;
    rows.forEach((row, position) => {
      const element = list.children[position];
      const index = String(row.index);
      if (
        !(element instanceof HTMLElement) ||
        element.dataset.index === index
      ) {
        return;
      }

      element.dataset.index = index;
      virtualizer.measureElement(element);
      measured = true;
    });
    if (!measured) return;

    setScrollMargin(list.offsetTop);
    const first = list.children[0];
    if (first instanceof HTMLElement) {
      const height = Math.round(first.getBoundingClientRect().height);
      if (height > 0) setRowHeight(height);
    }
  });

  // A new estimate only applies once the sizes measured against the old one
  // are dropped.
  useLayoutEffect(() => {
    virtualizer.measure();
  }, [virtualizer, rowHeight]);

  // Keeps the rows on screen in place when rows arrive above them. A row
  // that moved up (new activity) is no anchor, because it left its place.
  useLayoutEffect(() => {
    const scroller = scrollRef.current;
    if (!scroller || scroller.scrollTop <= 0) return;

    const indexByKey = new Map<string, number>();
    items.forEach((item, index) => indexByKey.set(keyOf(item), index));
    for (const anchor of visibleRef.current) {
      const index = indexByKey.get(anchor.key);
      if (index === undefined || index < anchor.index) continue;

      const moved = virtualizer.measurementsCache[index];
      if (moved && moved.start !== anchor.start) {
        scroller.scrollTop += moved.start - anchor.start;
      }

      return;
    }
    // Only a change of the rows themselves calls for a correction, so the
    // effect leaves out the virtualizer and keyOf.
  }, [items]);

  useLayoutEffect(() => {
    const scroller = scrollRef.current;
    const top = scroller?.scrollTop ?? 0;
    visibleRef.current = rows
      .filter((row) => row.end > top + scrollMargin)
      .map((row) => ({
        key: String(row.key),
        index: row.index,
        start: row.start,
      }));
  });

  // A row moved to by keyboard is focused once it is rendered.
  useLayoutEffect(() => {
    const index = pendingFocusRef.current;
    if (index === null) return;

    if (focusRow(listRef.current, index)) pendingFocusRef.current = null;
  });

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const target = event.target as Element;
    const row = target.closest<HTMLElement>("[data-index]");
    if (!row || !listRef.current?.contains(row)) return;

    const current = Number(row.dataset.index);
    const next = nextIndex(event.key, current, items.length);
    if (next === null) return;

    event.preventDefault();
    virtualizer.scrollToIndex(next, { align: "auto" });
    if (!focusRow(listRef.current, next)) pendingFocusRef.current = next;
  };

  return {
    rows,
    paddingTop: paddingBefore(rows, scrollMargin),
    paddingBottom: paddingAfter(rows, virtualizer.getTotalSize(), scrollMargin),
    lastRenderedIndex: rows.at(-1)?.index ?? -1,
    onKeyDown,
  };
}

function nextIndex(key: string, current: number, count: number) {
  switch (key) {
    case "ArrowDown":
      return Math.min(current + 1, count - 1);
    case "ArrowUp":
      return Math.max(current - 1, 0);
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return null;
  }
}

/** Focuses the first focusable element of row `index`, if it is rendered. */
function focusRow(list: HTMLElement | null, index: number): boolean {
  const focusable = list?.querySelector<HTMLElement>(
    `[data-index="${index}"] a, [data-index="${index}"] button`,
  );
  focusable?.focus({ preventScroll: true });

  return focusable !== null && focusable !== undefined;
}

function paddingBefore(rows: VirtualItem[], scrollMargin: number): number {
  const first = rows[0];

  return first ? first.start - scrollMargin : 0;
}

function paddingAfter(
  rows: VirtualItem[],
  totalSize: number,
  scrollMargin: number,
): number {
  const last = rows.at(-1);

  return last ? Math.max(0, totalSize - (last.end - scrollMargin)) : 0;
}
