import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, ensureEmbeddedJwtSecret, loadConfig } from '../config/configuration';
import { buildApp } from './app.factory';
import { DatabaseUnreachableError } from './database/database-handle';

/** After the drain and the jobs, this long is left for closing the pool and PGlite. */
const CLOSE_GRACE_MS = 10_000;

async function main(): Promise<void> {
  let config = loadConfig(process.env);
  if (!config.databaseUrl) config = ensureEmbeddedJwtSecret(config);
  const logger = new Logger('Zhize');
  const { app, close } = await buildApp(config);

  // SIGTERM (docker stop, a rolling deploy) and SIGINT (Ctrl-C): stop taking requests, let those
  // in flight and the running jobs finish, close the database, exit 0. A second signal, or a
  // shutdown that overruns its time, ends the process at once with 1.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      logger.warn(`再次收到 ${signal}，立即退出`);
      process.exit(1);
    }
    stopping = true;
    logger.log(`收到 ${signal}，正在停止服务：不再接受新请求，等待进行中的请求和定时任务结束…`);
    const overrun = setTimeout(() => {
      logger.error(`停止超时（${(config.shutdownTimeoutMs + CLOSE_GRACE_MS) / 1000} 秒），强制退出`);
      process.exit(1);
    }, config.shutdownTimeoutMs + CLOSE_GRACE_MS);
    overrun.unref();
    try {
      await close();
      logger.log('服务已停止');
      process.exit(0);
    } catch (err) {
      logger.error(`停止时出错: ${(err as Error).message}`);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const url = await app.getUrl();
  const shown = url.replace('[::1]', 'localhost').replace('0.0.0.0', 'localhost').replace('127.0.0.1', 'localhost');
  logger.log(`职责 CRM 已启动: ${shown}  数据库: ${config.databaseUrl ? 'PostgreSQL' : `嵌入式 PGlite (${config.dataDir})`}`);
  logger.log(`工作台: ${shown}/    API 文档: ${shown}/api/docs`);
}

/** Start-up failures are one clear line (no stack), as JSON when LOG_FORMAT=json. */
function fail(message: string): never {
  if ((process.env.LOG_FORMAT ?? '').trim().toLowerCase() === 'json') {
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'fatal', context: 'Zhize', message })}\n`);
  } else {
    console.error(message);
  }
  process.exit(1);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DatabaseUnreachableError) fail(err.message);
  const e = err as { code?: string; message?: string };
  const unreachable = ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', '3D000', '28P01'].includes(e.code ?? '');
  fail(unreachable ? `无法连接数据库 (${e.code}): ${e.message}` : `启动失败: ${e.message ?? String(err)}`);
});
