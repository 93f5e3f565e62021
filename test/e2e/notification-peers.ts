import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

/**
 * The real peers the notification suites send to: an SMTP server (smtp-server) that parses and keeps
 * each mail it accepts — or holds its answer to DATA, for a sender killed mid-send — and a local HTTP
 * server standing in for the group robot, which can fail the first calls.
 */

export interface ReceivedMail {
  from: string;
  to: string[];
  headers: Record<string, string>;
  subject: string;
  messageId: string;
  delivery: string;
  text: string;
}

/** RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`) as text. */
function decodeWords(v: string): string {
  return v.replace(/\?=\s+=\?/g, '?==?').replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset: string, enc: string, data: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
  );
}

/** A single-part text mail as nodemailer writes it: headers (unfolded, decoded) and the decoded body. */
export function parseMail(raw: string): { headers: Record<string, string>; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = decodeWords(line.slice(i + 1).trim());
  }
  const body = raw.slice(split + 4);
  const enc = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const text =
    enc === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : enc === 'quoted-printable'
        ? Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')
        : body;
  return { headers, text: text.replace(/\r\n/g, '\n') };
}

export class MailPeer {
  /** Mails answered 250: the sender was told they were taken. */
  readonly accepted: ReceivedMail[] = [];
  /** Mails whose DATA was received but never answered (hold mode). */
  readonly held: ReceivedMail[] = [];
  /** While true, the answer to DATA is withheld (a sender waiting on it can be killed). */
  hold = false;
  private server!: SMTPServer;
  port = 0;

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const { headers, text } = parseMail(Buffer.concat(chunks).toString('utf8'));
          const mail: ReceivedMail = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            headers,
            subject: headers.subject ?? '',
            messageId: headers['message-id'] ?? '',
            delivery: headers['x-zhize-delivery'] ?? '',
            text,
          };
          if (this.hold) {
            this.held.push(mail);
            return; // no answer: the client waits until it gives up or dies
          }
          this.accepted.push(mail);
          callback(null);
        });
      },
    });
    this.server.on('error', () => undefined); // a client killed mid-session is no error of the peer's
    await new Promise<void>((res) => this.server.listen(0, '127.0.0.1', () => res()));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  close(): Promise<void> {
    return new Promise((res) => this.server.close(() => res()));
  }
}

export interface RobotCall {
  at: number;
  headers: IncomingHttpHeaders;
  body: any;
  status: number;
}

export class RobotPeer {
  readonly calls: RobotCall[] = [];
  /** Answer 500 to this many calls first (then 200 `{errcode: 0}`). */
  failFirst = 0;
  /** Answer 500 to every call while true. */
  failAll = false;
  private server!: Server;
  port = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const failing = this.failAll || this.calls.length < this.failFirst;
        const status = failing ? 500 : 200;
        let body: unknown = null;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          body = null;
        }
        this.calls.push({ at: Date.now(), headers: req.headers, body, status });
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(failing ? '{"errcode":-1,"errmsg":"system busy"}' : '{"errcode":0,"errmsg":"ok"}');
      });
    });
    await new Promise<void>((res) => this.server.listen(0, '127.0.0.1', () => res()));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** The robot's URL; the key stands in for the secret a real robot URL carries. */
  get url(): string {
    return `http://127.0.0.1:${this.port}/cgi-bin/webhook/send?key=robot-secret-key`;
  }

  /** The calls that carried delivery `id`. */
  callsFor(id: string): RobotCall[] {
    return this.calls.filter((c) => c.headers['x-zhize-delivery'] === id);
  }

  close(): Promise<void> {
    return new Promise((res) => {
      this.server.closeAllConnections();
      this.server.close(() => res());
    });
  }
}
