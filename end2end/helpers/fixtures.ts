import { test as base, expect, type Locator, type Page, type Request } from '@playwright/test';
import { AxeRunner } from './a11y';
import { checkLayout } from './layout';

/**
 * The fixtures every spec uses:
 * - `a11y.check(state)`: axe-core (all rules) and the layout checks of `layout.ts` (title
 *   and h1, target sizes, reflow at 320 px and 200 % text) on the current page state. At
 *   the end of a test, every
 *   document the page navigated to must have been checked at least once (so no page of a
 *   journey escapes the accessibility check).
 * - `islands.ready()`: with JavaScript, waits until the FormCheck islands are hydrated and
 *   their submit listener is attached (no-op without JavaScript).
 * - `apiRequests`: every request the page sent to /api/ (server functions).
 * - `bookings`: appointment ids booked by the test; any still booked at the end is
 *   cancelled, so the next test can book again (one upcoming appointment per person).
 * - Page errors (uncaught exceptions, console errors) fail a JavaScript test unless it
 *   declares `test.use({ allowPageErrors: true })`.
 */

interface A11y {
  check(state: string): Promise<void>;
}

interface Islands {
  /** Whether JavaScript runs in this project. */
  readonly enabled: boolean;
  ready(): Promise<void>;
}

interface Bookings {
  add(id: number): void;
  done(id: number): void;
}

interface Fixtures {
  a11y: A11y;
  islands: Islands;
  apiRequests: Request[];
  bookings: Bookings;
  pageErrors: string[];
}

interface Options {
  allowPageErrors: boolean;
}

declare global {
  interface Window {
    __hydrateIsland?: unknown;
    /** Forms that got a "submit" listener (set by the init script below). */
    __e2eSubmitForms?: WeakSet<EventTarget>;
  }
}

export const test = base.extend<Fixtures & Options>({
  allowPageErrors: [false, { option: true }],

  page: async ({ page, javaScriptEnabled }, use) => {
    if (javaScriptEnabled) {
      // Records which forms get a submit listener: the FormCheck island attaches one once
      // its WASM is loaded and the island hydrated. Observation only: nothing changes.
      await page.addInitScript(() => {
        const seen = new WeakSet<EventTarget>();
        window.__e2eSubmitForms = seen;
        const add = EventTarget.prototype.addEventListener;
        EventTarget.prototype.addEventListener = function (
          this: EventTarget,
          type: string,
          listener: EventListenerOrEventListenerObject | null,
          options?: boolean | AddEventListenerOptions,
        ) {
          if (type === 'submit' && this instanceof HTMLFormElement) seen.add(this);
          return add.call(this, type, listener, options);
        };
      });
    }
    await use(page);
  },

  a11y: async (
    { page, javaScriptEnabled, browser, viewport, isMobile, hasTouch, deviceScaleFactor, locale, timezoneId },
    use,
    testInfo,
  ) => {
    const axe = new AxeRunner(page, javaScriptEnabled !== false, browser, {
      viewport,
      isMobile,
      hasTouch,
      deviceScaleFactor,
      locale,
      timezoneId,
    });
    // One entry per committed main-frame navigation (redirects count once, at their end).
    const navigations: { url: string; checked: boolean }[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations.push({ url: frame.url(), checked: false });
    });
    await use({
      async check(state: string) {
        const analysed = await axe.check(state);
        await checkLayout(analysed, state);
        const last = navigations[navigations.length - 1];
        if (last) last.checked = true;
      },
    });
    await axe.close();
    if (testInfo.status === 'passed') {
      const unchecked = navigations.filter((n) => !n.checked && n.url !== 'about:blank').map((n) => n.url);
      expect(unchecked, 'pages visited without an axe-core check').toEqual([]);
    }
  },

  islands: async ({ page, javaScriptEnabled }, use) => {
    await use({
      enabled: !!javaScriptEnabled,
      async ready() {
        if (!javaScriptEnabled) return;
        // The loader script defines window.__hydrateIsland once portail.js is imported…
        await page.waitForFunction(() => window.__hydrateIsland !== undefined, undefined, { timeout: 15_000 });
        // …but before the WASM is instantiated, so also wait until every form inside an
        // island has the island's submit listener.
        await page.waitForFunction(
          () => {
            const forms = [...document.querySelectorAll('leptos-island form')];
            return forms.every((f) => window.__e2eSubmitForms?.has(f));
          },
          undefined,
          { timeout: 15_000 },
        );
      },
    });
  },

  apiRequests: async ({ page }, use) => {
    const list: Request[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/api/')) list.push(r);
    });
    await use(list);
  },

  pageErrors: [
    async ({ page, javaScriptEnabled, allowPageErrors }, use, testInfo) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console.error: ${m.text()} (${m.location().url})`);
      });
      await use(errors);
      if (javaScriptEnabled && !allowPageErrors && testInfo.status === 'passed') {
        expect(errors, 'JavaScript errors in the page (CSP, WASM, hydration…)').toEqual([]);
      }
    },
    { auto: true },
  ],

  bookings: async ({ request, baseURL }, use) => {
    const open = new Set<number>();
    await use({ add: (id) => open.add(id), done: (id) => open.delete(id) });
    if (open.size === 0) return;
    // Safety net after a failure: the référente cancels what the test left booked. Server
    // functions called as a JSON client, in a separate cookie jar (whoever is signed in in
    // the page at the moment of the failure does not matter).
    const headers = { Origin: new URL(baseURL!).origin, Accept: 'application/json' };
    const signIn = await request.post('/api/pro/connexion', {
      form: { email: 'nadia.benali@ali-bobigny.fr', password: 'Portail-ALI-2026' },
      headers,
      failOnStatusCode: false,
    });
    for (const id of open) {
      const res = await request.post('/api/pro/rdv/annuler', {
        form: { appointment_id: String(id), reason: 'Nettoyage après un test en échec' },
        headers,
        failOnStatusCode: false,
      });
      console.log(`cleanup: staff sign-in HTTP ${signIn.status()}, cancelling appointment ${id} → HTTP ${res.status()}`);
    }
  },
});

export { expect };

/**
 * Submits a form by clicking `button` and waits for the document that answers the post (a
 * 303 redirect to the next page, or back to the form). Fails clearly when the server
 * answered the post itself instead (for example "Demande refusée" as text/plain).
 */
export async function submitAndNavigate(page: Page, button: Locator): Promise<void> {
  const navigated = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: 20_000 });
  await button.click();
  await navigated;
  await page.waitForLoadState('load');
  const url = new URL(page.url());
  if (url.pathname.startsWith('/api/')) {
    const body = (await page.locator('body').innerText().catch(() => '')).trim();
    throw new Error(`The form post to ${url.pathname} was not answered by a redirect: the browser shows « ${body} ».`);
  }
}

/** Today's date in Europe/Paris as YYYY-MM-DD, plus `days`. */
export function parisDate(days = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The weekday (0 = Sunday) of a YYYY-MM-DD date. */
export function weekday(isoDate: string): number {
  return new Date(`${isoDate}T12:00:00Z`).getUTCDay();
}

/** "lundi 14 décembre 2026", as the portal writes a day. */
export function frenchDay(isoDate: string): string {
  return new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(`${isoDate}T12:00:00Z`));
}
