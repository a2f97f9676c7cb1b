import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** WCAG 2.0 and 2.1, levels A and AA (RGAA 4 follows WCAG 2.1 AA). */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface AxeRun {
  state: string;
  url: string;
  violations: string[];
}

/** Human-readable list of axe violations: rule id, impact, help, and each node's target and HTML. */
export function formatViolations(violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `    - target: ${n.target.join(' ')}\n      html:   ${n.html}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`)
        .join('\n');
      return `  ${v.id} [${v.impact ?? 'n/a'}] ${v.help} (${v.helpUrl})\n${nodes}`;
    })
    .join('\n');
}

function analyze(page: Page) {
  return new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
}

/**
 * Without JavaScript (Chromium's Emulation.setScriptExecutionDisabled), axe-core's
 * asynchronous run never completes: its timers and promises do not run. Script execution
 * is allowed only while axe runs. The page's own scripts were skipped when the document
 * was parsed and are not run again, so axe sees the page exactly as it is without JS.
 */
async function withScriptsAllowed<T>(page: Page, run: () => Promise<T>): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: false });
    return await run();
  } finally {
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
    await cdp.detach();
  }
}

/**
 * Runs axe-core on the page as it is now and expects no violation. The check is soft: the
 * journey goes on (so that one run reports every page's problems) and the test still fails.
 */
export async function checkA11y(page: Page, state: string, opts: { javaScriptEnabled: boolean }): Promise<AxeRun> {
  // The page must be fully loaded (axe reads computed styles for colour contrast).
  await page.waitForLoadState('load');
  const results = opts.javaScriptEnabled ? await analyze(page) : await withScriptsAllowed(page, () => analyze(page));
  const details = formatViolations(results.violations);
  if (results.violations.length > 0) {
    console.log(`axe: ${results.violations.length} violation(s) on « ${state} » (${page.url()}):\n${details}`);
  }
  expect
    .soft(
      results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`),
      `axe-core (${AXE_TAGS.join(', ')}) on « ${state} » (${page.url()}):\n${details}`,
    )
    .toEqual([]);
  return { state, url: page.url(), violations: results.violations.map((v) => v.id) };
}
