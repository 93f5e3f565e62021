import { createHash } from 'node:crypto';
import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';

/**
 * Login throttling keyed by client address and the username tried, so one attacker cannot lock
 * everyone out and one account cannot be guessed at from one address past the limit. The API's
 * login and the console's sign-in share one count (the key leaves out the route), so the two doors
 * together allow no more guesses than one. The count lives in Postgres (PostgresThrottlerStorage),
 * so every instance on the database adds to the same one.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, any>): Promise<string> {
    const username = typeof req.body?.username === 'string' ? req.body.username.toLowerCase().slice(0, 64) : '';
    return `${req.ip ?? ''}|${username}`;
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return createHash('sha256').update(`${throttlerName}-${tracker}`).digest('hex');
  }

  /** The standard Retry-After (seconds until the block ends) beside the library's Retry-After-login. */
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const { res } = this.getRequestResponse(context);
    this.setResponseHeader(res, 'Retry-After', Math.max(detail.timeToBlockExpire, 1));
    return super.throwThrottlingException(context, detail);
  }
}
