import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, ensureEmbeddedJwtSecret, loadConfig } from '../config/configuration';
import { buildApp } from './app.factory';
import { DatabaseUnreachableError } from './database/database-handle';

async function main(): Promise<void> {
  let config = loadConfig(process.env);
  if (!config.databaseUrl) config = ensureEmbeddedJwtSecret(config);
  const logger = new Logger('Zhize');
  const { app, close } = await buildApp(config);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`收到 ${signal}，正在停止服务…`);
    try {
      await close();
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

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DatabaseUnreachableError) {
    console.error(err.message);
  } else {
    const e = err as { code?: string; message?: string };
    const unreachable = ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', '3D000', '28P01'].includes(e.code ?? '');
    console.error(unreachable ? `无法连接数据库 (${e.code}): ${e.message}` : `启动失败: ${e.message ?? String(err)}`);
  }
  process.exit(1);
});
