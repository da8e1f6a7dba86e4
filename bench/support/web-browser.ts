import type { Page } from "playwright-core";

const LIST = 'nav[aria-label="Conversations"]';
const ROW_LINK = `${LIST} li a`;

/** Signs in through the login form and waits for the inbox URL. */
export async function signIn(
  page: Page,
  baseUrl: string,
  credentials: { email: string; password: string },
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Email").fill(credentials.email);
  await page.getByLabel("Password").fill(credentials.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/inbox/);
}

/** Collects long tasks (50 ms or more) in `window.longTasks` from page start. */
export async function observeLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const tasks: number[] = [];
    Object.assign(window, { longTasks: tasks });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push(entry.duration);
    }).observe({ type: "longtask", buffered: true });
  });
}

export async function takeLongTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const tasks = (window as unknown as { longTasks: number[] }).longTasks;

    return tasks.splice(0, tasks.length);
  });
}

export interface FirstRow {
  /** From page.goto to the first row visible, measured in Node. */
  wallMs: number;
  /** performance.now() in the page when the first row was visible, which
   * counts from the navigation start. */
  sinceNavigationMs: number;
}

/** Opens the inbox and times the first conversation row becoming visible. */
export async function openInbox(
  page: Page,
  baseUrl: string,
): Promise<FirstRow> {
  const started = performance.now();
  await page.goto(`${baseUrl}/inbox`, { waitUntil: "commit" });
  await page.locator(ROW_LINK).first().waitFor({ state: "visible" });
  const wallMs = performance.now() - started;
  const sinceNavigationMs = await page.evaluate(() => performance.now());

  return { wallMs, sinceNavigationMs };
}

/** Counts the conversation rows in the DOM. */
export async function countRows(page: Page): Promise<number> {
  return page.locator(`${LIST} li`).count();
}

export interface ScrollRun {
  frames: number;
  frameMs: number[];
  maxRows: number;
  durationMs: number;
  reachedEnd: boolean;
}

/**
 * Scrolls the conversation list down by `stepPx` every animation frame
 * until its end, where no "Load more" button is left and the scroll height
 * stayed the same for `settleMs`, or until `timeoutMs`. Records each
 * frame's duration and the maximum rows in the DOM at any frame.
 */
export async function scrollToEnd(
  page: Page,
  options: { stepPx: number; settleMs: number; timeoutMs: number },
): Promise<ScrollRun> {
  // A string, because tsx wraps named functions in a helper that the page
  // does not have.
  const run = await page.evaluate(
    `(${SCROLL_SCRIPT})(${JSON.stringify({ list: LIST, ...options })})`,
  );

  return run as ScrollRun;
}

const SCROLL_SCRIPT = `({ list, stepPx, settleMs, timeoutMs }) =>
  new Promise((resolve, reject) => {
    const scroller = document.querySelector(list);
    if (!scroller) {
      reject(new Error("conversation list not found"));
      return;
    }
    const frameMs = [];
    const started = performance.now();
    let previous = started;
    let maxRows = 0;
    let lastHeight = -1;
    let heightSince = started;
    const frame = (time) => {
      frameMs.push(time - previous);
      previous = time;
      maxRows = Math.max(maxRows, scroller.querySelectorAll("li").length);
      scroller.scrollTop += stepPx;
      if (scroller.scrollHeight !== lastHeight) {
        lastHeight = scroller.scrollHeight;
        heightSince = time;
      }
      const atBottom =
        scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1;
      const moreLeft = [...scroller.querySelectorAll("button")].some((button) =>
        (button.textContent || "").includes("Load more"),
      );
      const settled = time - heightSince >= settleMs;
      const reachedEnd = atBottom && !moreLeft && settled;
      if (reachedEnd || time - started > timeoutMs) {
        resolve({ frames: frameMs.length, frameMs, maxRows, durationMs: time - started, reachedEnd });
        return;
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  })`;
