/** Structured JSON logs (pino) with secrets redacted; fields carry sourceId, runId, recordId. */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(options: { level?: string; destination?: number } = {}): Logger {
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      base: { service: 'culture-lod-hub' },
      redact: { paths: ['*.password', '*.secret', '*.secretKey', '*.apiKey', '*.adminKey', '*.token', 'headers.authorization', 'headers["x-api-key"]'], censor: '***' },
    },
    pino.destination({ dest: options.destination ?? 2, sync: false }),
  );
}
