/** 32 random hex digits (crypto.getRandomValues also works on a plain-http intranet host, randomUUID does not). */
export function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The body as the server hashes it: keys sorted, undefined members left out. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/**
 * One Idempotency-Key per submission (SPEC §5). The server answers the same key with the same body
 * with its first response, and the same key with another body with 409 IDEMPOTENCY_KEY_REUSED. So:
 * a key is made when the form opens; sending the same values again (a double click, a retry after
 * a network error or a refusal) reuses it; other values, or a new payment after a success, get a
 * new one. A refused request leaves no key behind on the server, so its retry is judged afresh.
 */
export class IdempotentSubmission {
  private key: string;
  private sent: string | null = null;

  constructor(private readonly makeKey: () => string = randomKey) {
    this.key = makeKey();
  }

  /** The key to send `body` with. */
  keyFor(body: unknown): string {
    const c = canonical(body);
    if (this.sent !== null && this.sent !== c) this.key = this.makeKey();
    this.sent = c;
    return this.key;
  }

  /** The payment was recorded: whatever is sent next is another payment. */
  succeeded(): void {
    this.key = this.makeKey();
    this.sent = null;
  }
}
