import type { FastifyInstance } from "fastify";

/** Fetches /metrics from `app` and returns its text. */
export async function scrapeMetrics(
  app: FastifyInstance,
  headers: Record<string, string> = {},
): Promise<string> {
  const response = await app.inject({
    method: "GET",
    url: "/metrics",
    headers,
  });
  if (response.statusCode !== 200) {
    throw new Error(
      `/metrics returned ${response.statusCode}: ${response.body}`,
    );
  }

  return response.body;
}

/**
 * Returns the value of the sample `name` whose labels include `labels`,
 * summed over the matching samples, or 0 when no sample matches.
 */
export function sampleValue(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number {
  let total = 0;
  for (const line of text.split("\n")) {
    const sample = parseSample(line);
    if (!sample || sample.name !== name) continue;

    const matches = Object.entries(labels).every(
      ([key, value]) => sample.labels[key] === value,
    );
    if (matches) total += sample.value;
  }

  return total;
}

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses one sample line of the Prometheus text format. */
function parseSample(line: string): Sample | null {
  const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
  if (!match?.[1] || !match[3]) return null;

  const labels: Record<string, string> = {};
  for (const pair of (match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
    if (pair[1] !== undefined && pair[2] !== undefined) {
      labels[pair[1]] = pair[2];
    }
  }

  return { name: match[1], labels, value: Number(match[3]) };
}
