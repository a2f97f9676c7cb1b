import type { Page } from '@playwright/test';
import { expect, submitAndNavigate } from './fixtures';
import { latestSignInCode } from './maildir';

/** The demo allocataire (ALI Bobigny, référente Nadia Benali). */
export const ALLOCATAIRE = {
  numero: '1000001',
  email: 'allocataire1@exemple.org',
  firstName: 'Camille',
  referent: 'Nadia Benali',
};

export const STAFF_PASSWORD = 'Portail-ALI-2026';
export const NADIA = { email: 'nadia.benali@ali-bobigny.fr', name: 'Nadia Benali' };

type Check = (state: string) => Promise<void>;

export const labels = {
  identifier: 'Numéro allocataire, téléphone ou e-mail',
  code: 'Code reçu (6 chiffres)',
  staffEmail: 'Adresse e-mail professionnelle',
  password: 'Mot de passe',
};

/** Signs an allocataire in with the code e-mailed to `email` (each page checked). */
export async function signInAs(page: Page, a11y: { check: Check }, islands: { ready(): Promise<void> }, email: string): Promise<void> {
  await page.goto('/connexion');
  await islands.ready();
  await a11y.check(`sign-in page (${email})`);
  await page.getByLabel(labels.identifier).fill(email);
  const asked = Date.now();
  await submitAndNavigate(page, page.getByRole('button', { name: 'Recevoir un code' }));
  await expect(page).toHaveURL(/\/connexion\/code$/);
  await islands.ready();
  await a11y.check(`code page (${email})`);
  const code = await latestSignInCode(email, asked);
  await page.getByLabel(labels.code).fill(code);
  await submitAndNavigate(page, page.getByRole('button', { name: 'Me connecter' }));
  await expect(page).toHaveURL(/\/espace$/);
  await a11y.check(`Mon espace (${email})`);
}

/** The short way in, for journeys that are about something else (each page still checked). */
export async function signInAllocataire(page: Page, a11y: { check: Check }, islands: { ready(): Promise<void> }): Promise<void> {
  await signInAs(page, a11y, islands, ALLOCATAIRE.email);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Bonjour ${ALLOCATAIRE.firstName}`);
}

export async function signOut(page: Page, a11y: { check: Check }, expectedPath: RegExp): Promise<void> {
  await submitAndNavigate(page, page.getByRole('button', { name: 'Me déconnecter', exact: true }));
  await expect(page).toHaveURL(expectedPath);
  await expect(page.getByRole('status')).toContainText('Déconnexion réussie.');
  await a11y.check('signed out');
}

/** The appointment id in a /rdv/{id} URL. */
export function appointmentId(page: Page): number {
  const m = /\/rdv\/(\d+)(?:$|[/?#])/.exec(new URL(page.url()).pathname);
  if (!m) throw new Error(`Not an appointment page: ${page.url()}`);
  return Number(m[1]);
}

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** "lundi 23 novembre 2026" → "2026-11-23". */
export function isoFromFrenchDay(day: string): string {
  const m = /(\d{1,2}) (\S+) (\d{4})/.exec(day);
  const month = m ? MONTHS.indexOf(m[2]) + 1 : 0;
  if (!m || month === 0) throw new Error(`Not a French date: ${day}`);
  return `${m[3]}-${String(month).padStart(2, '0')}-${m[1].padStart(2, '0')}`;
}

/** "9 h" / "14 h 45" → "09:00" / "14:45". */
export function hhmmFromFrench(time: string): string {
  const m = /(\d{1,2}) h(?: (\d{2}))?/.exec(time);
  if (!m) throw new Error(`Not a French time: ${time}`);
  return `${m[1].padStart(2, '0')}:${m[2] ?? '00'}`;
}

/** Europe/Paris wall-clock time of an instant, "YYYY-MM-DD HH:MM" (sortable as text). */
export function parisWallClock(ms: number): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

export interface OfferedSlot {
  id: string;
  /** "YYYY-MM-DD HH:MM", Europe/Paris. */
  start: string;
  /** The start as the portal writes it ("9 h 45"). */
  startLabel: string;
  label: string;
}

/**
 * The slots of the slot picker (its first page of days), with their day. Each choice's
 * accessible name starts with its day ("mardi 24 novembre 2026, 9 h – 9 h 45 …"); when
 * only the référent's slots are shown, the group's legend names them once ("… avec
 * Nadia Benali"), so the label is completed with it here.
 */
export async function offeredSlots(page: Page): Promise<OfferedSlot[]> {
  const legend = ((await page.locator('fieldset.slots > legend').textContent()) ?? '').trim();
  const shared = legend.match(/ avec (.+)$/)?.[1];
  const rows = await page
    .locator('fieldset.slots input[name="slot_id"]')
    .evaluateAll((els) =>
      els.map((el) => ({ id: (el as HTMLInputElement).value, label: ((el as HTMLInputElement).labels?.[0]?.textContent ?? '').trim() })),
    );
  return rows.map((r) => {
    const comma = r.label.indexOf(', ');
    const day = isoFromFrenchDay(r.label.slice(0, comma));
    const rest = r.label.slice(comma + 2);
    const startLabel = rest.split(' – ')[0].trim();
    const label = shared ? `${rest} avec ${shared}` : rest;
    return { id: r.id, start: `${day} ${hhmmFromFrench(startLabel)}`, startLabel, label };
  });
}

/**
 * The first slot offered with this counsellor starting after `notBefore` (Paris wall
 * clock), other than `exclude`. Appointments less than 24 h away cannot be moved or
 * cancelled online, so the journeys pick slots beyond that.
 */
export async function pickSlot(page: Page, opts: { counsellor: string; notBefore: string; exclude?: string }): Promise<OfferedSlot> {
  const slots = await offeredSlots(page);
  const slot = slots.find((s) => s.label.includes(`avec ${opts.counsellor}`) && s.start >= opts.notBefore && s.id !== opts.exclude);
  if (!slot) {
    throw new Error(`No slot with ${opts.counsellor} from ${opts.notBefore}. Offered:\n${slots.map((s) => `  ${s.start} ${s.label}`).join('\n')}`);
  }
  return slot;
}

/** The radio button of a slot. */
export function slotRadio(page: Page, id: string) {
  return page.locator(`input[name="slot_id"][value="${id}"]`);
}

/** Staff sign-in (no detour through errors). */
export async function signInStaff(
  page: Page,
  a11y: { check: Check },
  islands: { ready(): Promise<void> },
  email: string = NADIA.email,
): Promise<void> {
  await page.goto('/pro/connexion');
  await islands.ready();
  await a11y.check('staff sign-in page');
  await page.getByLabel(labels.staffEmail).fill(email);
  await page.getByLabel(labels.password).fill(STAFF_PASSWORD);
  await submitAndNavigate(page, page.getByRole('button', { name: 'Me connecter' }));
  await expect(page).toHaveURL(/\/pro\/agenda$/);
  await a11y.check('agenda (today)');
}
