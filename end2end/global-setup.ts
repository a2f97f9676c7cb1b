import fs from 'node:fs';
import path from 'node:path';
import type { FullConfig } from '@playwright/test';

/**
 * Waits for the portal to answer on /healthz (the server may still be starting and seeding
 * the demo data), and makes sure the Maildir the SMTP test server writes into is complete.
 */
export default async function globalSetup(config: FullConfig): Promise<void> {
  const baseURL = process.env.E2E_BASE_URL ?? config.projects[0]?.use.baseURL;
  if (!baseURL) throw new Error('E2E_BASE_URL is not set.');

  // aiosmtpd's Mailbox handler opens a Maildir with Python's mailbox.Maildir, which only
  // creates the tmp/new/cur sub-directories when the Maildir directory itself does not
  // exist yet. scripts/test.sh creates the directory beforehand (mkdir -p "$work/mail"),
  // so without these sub-directories every delivery fails with FileNotFoundError and the
  // portal's outbox records a permanent SMTP error (500).
  const maildir = process.env.E2E_MAILDIR;
  if (maildir) {
    for (const sub of ['tmp', 'new', 'cur']) fs.mkdirSync(path.join(maildir, sub), { recursive: true });
  }

  const url = new URL('/healthz', baseURL).toString();
  const deadline = Date.now() + 60_000;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`The portal did not answer 200 on ${url} within 60 s (last: ${last}).`);
}
