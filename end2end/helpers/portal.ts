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

/** The short way in, for journeys that are about something else (each page still checked). */
export async function signInAllocataire(page: Page, a11y: { check: Check }, islands: { ready(): Promise<void> }): Promise<void> {
  await page.goto('/connexion');
  await islands.ready();
  await a11y.check('sign-in page');
  await page.getByLabel(labels.identifier).fill(ALLOCATAIRE.email);
  const asked = Date.now();
  await submitAndNavigate(page, page.getByRole('button', { name: 'Recevoir un code' }));
  await expect(page).toHaveURL(/\/connexion\/code$/);
  await islands.ready();
  await a11y.check('code page');
  const code = await latestSignInCode(ALLOCATAIRE.email, asked);
  await page.getByLabel(labels.code).fill(code);
  await submitAndNavigate(page, page.getByRole('button', { name: 'Me connecter' }));
  await expect(page).toHaveURL(/\/espace$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Bonjour ${ALLOCATAIRE.firstName}`);
  await a11y.check('Mon espace');
}

export async function signOut(page: Page, a11y: { check: Check }, expectedPath: RegExp): Promise<void> {
  await submitAndNavigate(page, page.getByRole('button', { name: 'Me déconnecter' }));
  await expect(page).toHaveURL(expectedPath);
  await expect(page.getByRole('status')).toContainText('Vous êtes déconnecté·e.');
  await a11y.check('signed out');
}

/** The appointment id in a /rdv/{id} URL. */
export function appointmentId(page: Page): number {
  const m = /\/rdv\/(\d+)(?:$|[/?#])/.exec(new URL(page.url()).pathname);
  if (!m) throw new Error(`Not an appointment page: ${page.url()}`);
  return Number(m[1]);
}
