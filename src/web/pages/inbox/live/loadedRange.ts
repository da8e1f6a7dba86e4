/**
 * Drops live items older than every loaded item while older pages remain
 * unloaded. Such an item belongs on a page the list has not loaded, and
 * showing it alone would leave a gap before it. `timeOf` returns the ISO
 * 8601 time the list is ordered by.
 */
export function keepWithinLoaded<T>(
  live: T[],
  loaded: T[],
  hasOlderPages: boolean,
  timeOf: (item: T) => string,
): T[] {
  if (!hasOlderPages || loaded.length === 0) return live;

  const oldest = loaded.map(timeOf).reduce((a, b) => (a < b ? a : b));

  return live.filter((item) => timeOf(item) >= oldest);
}
