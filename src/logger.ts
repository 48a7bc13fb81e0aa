/** The one logger: structured JSON lines, pretty-printed when stdout is a terminal. */
import pino from 'pino';

const level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info');

export const logger = pino({
  level,
  base: { service: 'brussels-network-graph' },
  redact: { paths: ['req.headers.authorization', 'req.headers["x-api-key"]'], remove: true },
  ...(process.stdout.isTTY && process.env.NODE_ENV !== 'production' ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss' } } } : {}),
});

export type Logger = typeof logger;
