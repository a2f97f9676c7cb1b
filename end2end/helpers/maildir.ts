import fs from 'node:fs';
import path from 'node:path';

/**
 * Reading the e-mails the portal sent: the SMTP test server (aiosmtpd, Mailbox handler)
 * stores each message as one RFC 822 file in `$E2E_MAILDIR/new/`. A small MIME parser:
 * headers (unfolded, RFC 2047 encoded-words decoded), multipart bodies, and the
 * Content-Transfer-Encodings lettre uses (7bit, 8bit, quoted-printable, base64).
 */

export interface MailPart {
  /** Header names in lower case; values unfolded and decoded. */
  headers: Record<string, string>;
  /** The MIME type in lower case ("text/plain", "multipart/mixed"…). */
  mimeType: string;
  /** Content-Type parameters (charset, boundary, method…), names in lower case. */
  params: Record<string, string>;
  /** The decoded text of a leaf part ("" for a multipart). */
  text: string;
  /** The sub-parts of a multipart. */
  parts: MailPart[];
}

export interface Mail extends MailPart {
  file: string;
  /** When the file was written (the message arrived). */
  arrivedMs: number;
  subject: string;
  to: string;
  /** Every leaf part, depth first. */
  leaves: MailPart[];
}

export function maildir(): string {
  const dir = process.env.E2E_MAILDIR;
  if (!dir) throw new Error('E2E_MAILDIR is not set: the e-mails sent by the portal cannot be read.');
  return dir;
}

function splitHead(raw: string): [string, string] {
  const m = /\r?\n\r?\n/.exec(raw);
  if (!m) return [raw, ''];
  return [raw.slice(0, m.index), raw.slice(m.index + m[0].length)];
}

function bytesToText(bytes: Buffer, charset: string | undefined): string {
  const cs = (charset ?? 'utf-8').toLowerCase();
  if (cs === 'utf-8' || cs === 'utf8' || cs === 'us-ascii') return bytes.toString('utf8');
  try {
    return new TextDecoder(cs).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

/** Quoted-printable to bytes (the input is a "binary" string: one char per byte). */
function decodeQuotedPrintable(s: string): Buffer {
  const soft = s.replace(/=\r?\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const c = soft[i];
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      out.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      out.push(soft.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(out);
}

/** RFC 2047 encoded-words (=?utf-8?B?…?= / =?utf-8?Q?…?=) in a header value. */
function decodeWords(value: string): string {
  // Whitespace between two adjacent encoded-words is not part of the text.
  const joined = value.replace(/(=\?[^?]+\?[bBqQ]\?[^?]*\?=)\s+(?==\?)/g, '$1');
  return joined.replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_all, charset: string, enc: string, text: string) => {
    const bytes =
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64')
        : decodeQuotedPrintable(text.replace(/_/g, ' '));
    return bytesToText(bytes, charset);
  });
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const name = line.slice(0, i).trim().toLowerCase();
    // Header bytes are UTF-8 at most (lettre encodes the rest as encoded-words).
    const value = decodeWords(Buffer.from(line.slice(i + 1).trim(), 'latin1').toString('utf8'));
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return headers;
}

/** "text/calendar; charset=utf-8; method=PUBLISH" → type and parameters. */
function parseContentType(value: string | undefined): { mimeType: string; params: Record<string, string> } {
  const [type, ...rest] = (value ?? 'text/plain; charset=us-ascii').split(';');
  const params: Record<string, string> = {};
  for (const p of rest) {
    const i = p.indexOf('=');
    if (i < 0) continue;
    params[p.slice(0, i).trim().toLowerCase()] = p.slice(i + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  return { mimeType: type.trim().toLowerCase(), params };
}

/** Parses one entity; `raw` is a "binary" string (latin1: one char per byte). */
function parsePart(raw: string): MailPart {
  const [head, body] = splitHead(raw);
  const headers = parseHeaders(head);
  const { mimeType, params } = parseContentType(headers['content-type']);
  if (mimeType.startsWith('multipart/') && params.boundary) {
    const delimiter = `--${params.boundary}`;
    const parts: MailPart[] = [];
    const chunks = body.split(delimiter);
    // chunks[0] is the preamble; a chunk starting with "--" is the epilogue.
    for (const chunk of chunks.slice(1)) {
      if (chunk.startsWith('--')) break;
      parts.push(parsePart(chunk.replace(/^[ \t]*\r?\n/, '').replace(/\r?\n$/, '')));
    }
    return { headers, mimeType, params, text: '', parts };
  }
  const cte = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  let bytes: Buffer;
  if (cte === 'base64') bytes = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  else if (cte === 'quoted-printable') bytes = decodeQuotedPrintable(body);
  else bytes = Buffer.from(body, 'latin1');
  return { headers, mimeType, params, text: bytesToText(bytes, params.charset), parts: [] };
}

function leavesOf(p: MailPart): MailPart[] {
  return p.parts.length === 0 ? [p] : p.parts.flatMap(leavesOf);
}

export function parseMail(file: string): Mail {
  const raw = fs.readFileSync(file).toString('latin1');
  const root = parsePart(raw);
  return {
    ...root,
    file,
    arrivedMs: fs.statSync(file).mtimeMs,
    subject: root.headers.subject ?? '',
    to: root.headers.to ?? '',
    leaves: leavesOf(root),
  };
}

/** The plain-text body of a mail. */
export function plainText(mail: Mail): string {
  return mail.leaves.filter((p) => p.mimeType === 'text/plain').map((p) => p.text).join('\n');
}

/** The text/calendar part of a mail, if any. */
export function calendarPart(mail: Mail): MailPart | undefined {
  return mail.leaves.find((p) => p.mimeType === 'text/calendar');
}

function addressOf(to: string): string[] {
  return [...to.matchAll(/[^\s<>,"]+@[^\s<>,"]+/g)].map((m) => m[0].toLowerCase());
}

export function allMails(): Mail[] {
  const dir = path.join(maildir(), 'new');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => !f.startsWith('.'))
    .map((f) => parseMail(path.join(dir, f)));
}

export interface MailQuery {
  to: string;
  subject: string | RegExp;
  /** Epoch ms: only messages that arrived after this moment (taken just before the action). */
  after: number;
  /** Extra condition on the message. */
  where?: (m: Mail) => boolean;
  timeoutMs?: number;
}

/**
 * The newest message for this recipient and subject that arrived after `after`, waiting
 * for it (the portal's outbox worker delivers asynchronously).
 */
export async function waitForMail(q: MailQuery): Promise<Mail> {
  const deadline = Date.now() + (q.timeoutMs ?? 15_000);
  const to = q.to.toLowerCase();
  // File times come from the kernel's coarse clock: allow a few ms of skew.
  const after = q.after - 20;
  for (;;) {
    const found = allMails()
      .filter((m) => m.arrivedMs >= after)
      .filter((m) => addressOf(m.to).includes(to))
      .filter((m) => (typeof q.subject === 'string' ? m.subject === q.subject : q.subject.test(m.subject)))
      .filter((m) => (q.where ? q.where(m) : true))
      .sort((a, b) => b.arrivedMs - a.arrivedMs || b.file.localeCompare(a.file));
    if (found.length > 0) return found[0];
    if (Date.now() > deadline) {
      const seen = allMails()
        .map((m) => `  ${new Date(m.arrivedMs).toISOString()} to=${m.to} subject=${m.subject}`)
        .join('\n');
      throw new Error(
        `No e-mail to ${q.to} with subject ${String(q.subject)} arrived after ` +
          `${new Date(q.after).toISOString()} within ${(q.timeoutMs ?? 15_000) / 1000} s.\n` +
          `Messages in ${maildir()}/new:\n${seen || '  (none)'}`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The sign-in code of the newest "Votre code de connexion" e-mail sent after `after`. */
export async function latestSignInCode(to: string, after: number): Promise<string> {
  const mail = await waitForMail({ to, subject: 'Votre code de connexion', after });
  const m = /votre code de connexion est (\d{6})/.exec(plainText(mail));
  if (!m) throw new Error(`No 6-digit code in the e-mail ${mail.file}:\n${plainText(mail)}`);
  return m[1];
}

export interface IcsProperty {
  name: string;
  params: Record<string, string>;
  value: string;
}

/** The properties of an iCalendar text (lines unfolded), in order. */
export function icsProperties(ics: string): IcsProperty[] {
  return ics
    .replace(/\r?\n[ \t]/g, '')
    .split(/\r?\n/)
    .filter((l) => l.includes(':'))
    .map((line) => {
      // The value starts at the first colon that is not inside a quoted parameter.
      let i = 0;
      let quoted = false;
      for (; i < line.length; i++) {
        if (line[i] === '"') quoted = !quoted;
        if (line[i] === ':' && !quoted) break;
      }
      const [name, ...params] = line.slice(0, i).split(';');
      return {
        name: name.toUpperCase(),
        params: Object.fromEntries(params.map((p) => p.split('=') as [string, string])),
        value: line.slice(i + 1),
      };
    });
}

/** The value of the first property of that name (in the VEVENT for event properties). */
export function icsValue(ics: string, name: string): string | undefined {
  const props = icsProperties(ics);
  const start = props.findIndex((p) => p.name === 'BEGIN' && p.value === 'VEVENT');
  const scope = ['UID', 'SUMMARY', 'DTSTART', 'DTEND', 'SEQUENCE', 'STATUS', 'LOCATION', 'DESCRIPTION'].includes(
    name.toUpperCase(),
  ) && start >= 0
    ? props.slice(start)
    : props;
  return scope.find((p) => p.name === name.toUpperCase())?.value;
}

/** DTSTART's Europe/Paris calendar day as YYYY-MM-DD. */
export function icsStartDay(ics: string): string {
  const props = icsProperties(ics);
  const start = props.findIndex((p) => p.name === 'BEGIN' && p.value === 'VEVENT');
  const dt = props.slice(Math.max(start, 0)).find((p) => p.name === 'DTSTART');
  if (!dt) throw new Error(`No DTSTART in the calendar file:\n${ics}`);
  const m = /^(\d{4})(\d{2})(\d{2})T/.exec(dt.value);
  if (!m) throw new Error(`Unexpected DTSTART ${dt.value}`);
  if (dt.params.TZID && dt.params.TZID !== 'Europe/Paris') throw new Error(`DTSTART is not in Europe/Paris: ${dt.params.TZID}`);
  if (dt.value.endsWith('Z')) {
    // A UTC time: convert to the Paris day.
    const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${dt.value.slice(9, 11)}:${dt.value.slice(11, 13)}:00Z`);
    return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(d);
  }
  return `${m[1]}-${m[2]}-${m[3]}`;
}
