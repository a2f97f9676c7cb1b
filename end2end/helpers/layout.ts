import { expect, type Page } from '@playwright/test';

/**
 * Checks what axe-core does not, on the page as it is now:
 * - a non-empty <title> and exactly one visible <h1>;
 * - every target a person taps at least 44×44 CSS px on the allocataire's pages, 24×24
 *   on staff pages (`body.staff`); links inside a sentence are exempt (WCAG 2.5.8), and a
 *   radio or checkbox is measured with its label, which is what a person taps;
 * - reflow (WCAG 1.4.10 and 1.4.4): no horizontal scrolling of the page at 320 px wide,
 *   nor at 640 px with the text at 200 %. Data tables scroll inside their own region.
 * Soft assertions: the journey goes on and the test fails at its end.
 */
export async function checkLayout(page: Page, state: string): Promise<void> {
  const url = page.url();
  const basics = await page.evaluate(() => ({
    title: document.title.trim(),
    h1: [...document.querySelectorAll('h1')].filter((h) => h.getClientRects().length > 0).length,
  }));
  expect.soft(basics.title, `a <title> on « ${state} » (${url})`).not.toBe('');
  expect.soft(basics.h1, `one visible <h1> on « ${state} » (${url})`).toBe(1);

  const small = await page.evaluate(() => {
    const min = document.body.classList.contains('staff') ? 24 : 44;
    const visible = (e: Element) => {
      const s = getComputedStyle(e);
      return e.getClientRects().length > 0 && s.visibility !== 'hidden';
    };
    const inSentence = (a: Element) => {
      const parent = a.parentElement;
      if (!parent || !['P', 'LI', 'TD', 'DD', 'SPAN', 'SMALL'].includes(parent.tagName)) return false;
      const own = (a.textContent ?? '').trim().length;
      return (parent.textContent ?? '').trim().length > own + 15;
    };
    const found: string[] = [];
    const targets = document.querySelectorAll(
      'a[href], button, select, summary, input:not([type="hidden"]), textarea',
    );
    for (const e of targets) {
      if (!visible(e)) continue;
      if (e.tagName === 'A' && inSentence(e)) continue;
      let box: Element = e;
      const input = e as HTMLInputElement;
      if (e.tagName === 'INPUT' && (input.type === 'radio' || input.type === 'checkbox')) {
        box = e.closest('label') ?? (input.id ? document.querySelector(`label[for="${input.id}"]`) : null) ?? e;
      }
      const r = box.getBoundingClientRect();
      const textField = ['INPUT', 'TEXTAREA', 'SELECT'].includes(box.tagName);
      if (r.height + 0.5 < min || (!textField && r.width + 0.5 < min)) {
        const name = (e.getAttribute('aria-label') ?? e.textContent ?? input.name ?? '').trim().slice(0, 40);
        found.push(`${e.tagName.toLowerCase()} « ${name} » ${Math.round(r.width)}×${Math.round(r.height)} (min ${min})`);
      }
    }
    return found;
  });
  expect.soft(small, `targets too small on « ${state} » (${url})`).toEqual([]);

  const viewport = page.viewportSize();
  if (!viewport) return;
  const overflow = () =>
    page.evaluate(() => {
      const doc = document.documentElement;
      if (doc.scrollWidth <= doc.clientWidth + 1) return '';
      // Name the widest element that sticks out, to say what to fix.
      let worst = '';
      let right = doc.clientWidth;
      for (const e of document.body.querySelectorAll('*')) {
        const r = e.getBoundingClientRect();
        if (r.right > right + 1) {
          right = r.right;
          worst = `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className ? '.' + String(e.className).split(' ').join('.') : ''}`;
        }
      }
      return `${doc.scrollWidth} px wide for ${doc.clientWidth} px (${worst} ends at ${Math.round(right)} px)`;
    });
  try {
    await page.setViewportSize({ width: 320, height: viewport.height });
    expect.soft(await overflow(), `reflow at 320 px on « ${state} » (${url})`).toBe('');
    await page.setViewportSize({ width: 640, height: viewport.height });
    await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%'));
    expect.soft(await overflow(), `reflow at 200 % text on « ${state} » (${url})`).toBe('');
  } finally {
    await page.evaluate(() => document.documentElement.style.removeProperty('font-size'));
    await page.setViewportSize(viewport);
  }
}
