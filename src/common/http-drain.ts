import type { Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { AppError } from './app-error';
import { sendProblem } from './problem.filter';

/**
 * Stopping without dropping work (SIGTERM, SPEC §13). Once draining: the listener closes, so new
 * connections are refused; a request that still arrives on an open keep-alive connection is a
 * 503 problem (a proxy retries it on another instance); requests already in flight run to their
 * end, and every response says `Connection: close` so idle sockets go away.
 */
export class HttpDrain {
  private draining = false;
  private inFlight = 0;
  private waiters: Array<() => void> = [];

  attach(fastify: FastifyInstance): void {
    fastify.server.on('request', (_req, res) => {
      this.inFlight += 1;
      res.once('close', () => {
        this.inFlight -= 1;
        if (this.inFlight === 0) for (const wake of this.waiters.splice(0)) wake();
      });
    });
    fastify.addHook('onRequest', (req, reply, done) => {
      if (!this.draining) return done();
      void reply.header('connection', 'close');
      sendProblem(reply, req, new AppError(503, 'SHUTTING_DOWN', '服务暂不可用', '该实例正在停止，请稍后重试'));
    });
    fastify.addHook('onSend', async (_req, reply) => {
      if (this.draining) void reply.header('connection', 'close');
    });
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /**
   * Refuses new work and waits (at most `timeoutMs`) for the requests in flight. Returns how many
   * were still running when the time ran out (0: all finished); their sockets are then closed.
   */
  async drain(server: Server, timeoutMs: number): Promise<number> {
    this.draining = true;
    if (server.listening) server.close();
    server.closeIdleConnections();
    if (this.inFlight > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((wake) => this.waiters.push(wake)),
        new Promise<void>((wake) => (timer = setTimeout(wake, timeoutMs))),
      ]);
      clearTimeout(timer);
    }
    const abandoned = this.inFlight;
    server.closeAllConnections();
    return abandoned;
  }
}
