import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';

/**
 * axe-core runs with all its rules (WCAG 2.0 and 2.1 A and AA, which RGAA 4 follows, and
 * its best practices); only experimental rules are left out, as axe does by default.
 */

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;

/** Human-readable list of axe violations: rule id, impact, help, and each node's target and HTML. */
export function formatViolations(violations: AxeResults['violations']): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map(
          (n) =>
            `    - target: ${n.target.join(' ')}\n      html:   ${n.html}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`,
        )
        .join('\n');
      return `  ${v.id} [${v.impact ?? 'n/a'}] ${v.help} (${v.helpUrl})\n${nodes}`;
    })
    .join('\n');
}

/**
 * Runs axe-core on pages. With JavaScript, in the page itself. Without JavaScript, axe
 * cannot run in the page (Chromium's script-disabled mode stops its timers and promises,
 * so `analyze()` never returns): the page's current DOM is then copied, without its
 * scripts, into a JavaScript-enabled page of the same size, locale and style sheets, and
 * checked there. The copy is served from memory, so nothing is requested twice from the
 * portal (a second GET would consume the one-time notice or error of a form post).
 */
export class AxeRunner {
  private mirrorPage?: Page;
  private mirrorHtml = '';

  constructor(
    private readonly page: Page,
    private readonly javaScriptEnabled: boolean,
    private readonly browser: Browser,
    private readonly contextOptions: BrowserContextOptions,
  ) {}

  /** Checks the page; returns the page that was analysed (the copy, without JavaScript). */
  async check(state: string): Promise<Page> {
    // The page must be fully loaded (axe reads computed styles for colour contrast).
    await this.page.waitForLoadState('load');
    const analysed = this.javaScriptEnabled ? this.page : await this.copy();
    const results = await analyze(analysed);
    const url = this.page.url();
    const details = formatViolations(results.violations);
    if (results.violations.length > 0) {
      console.log(`axe: ${results.violations.length} violation(s) on « ${state} » (${url}):\n${details}`);
    }
    // Soft: the journey goes on, so that one run reports every page's problems; the
    // test still fails.
    expect
      .soft(
        results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`),
        `axe-core (all rules) on « ${state} » (${url}):\n${details}`,
      )
      .toEqual([]);
    return analysed;
  }

  private async copy(): Promise<Page> {
    const html = await this.page.content();
    this.mirrorHtml = html
      .replace(/<script\b[\s\S]*?<\/script>/gi, '')
      .replace(/<link\b[^>]*\brel="(?:modulepreload|preload)"[^>]*>/gi, '');
    const mirror = await this.mirror();
    await mirror.goto(this.page.url());
    return mirror;
  }

  private async mirror(): Promise<Page> {
    if (this.mirrorPage) return this.mirrorPage;
    const context = await this.browser.newContext({ ...this.contextOptions, javaScriptEnabled: true });
    const page = await context.newPage();
    await page.route('**/*', (route) => {
      const req = route.request();
      if (req.isNavigationRequest()) {
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: this.mirrorHtml });
      }
      // Style sheets and images come from the portal; no script may run in the copy.
      if (req.resourceType() === 'script' || req.url().endsWith('.wasm')) return route.abort();
      if (req.method() !== 'GET') return route.abort();
      return route.continue();
    });
    this.mirrorPage = page;
    return page;
  }

  async close(): Promise<void> {
    await this.mirrorPage?.context().close();
  }
}

function analyze(page: Page): Promise<AxeResults> {
  return new AxeBuilder({ page }).analyze();
}
