/**
 * HTTP settings every HTTP connector accepts, with the HttpClient's defaults. Spread into a
 * connector's zod schema (`...HttpSettingsShape`) so the keys read the same across sources.
 */
import { z } from 'zod';

export const HttpSettingsShape = {
  timeoutMs: z.number().int().positive().default(30000).describe('Per-request timeout in milliseconds'),
  maxAttempts: z.number().int().min(1).max(20).default(5).describe('Attempts per request, the first included'),
  backoffMs: z.number().int().min(0).default(500).describe('Base of the exponential backoff with full jitter, ms'),
  maxDelayMs: z.number().int().min(0).default(60000).describe('Longest single wait between attempts (caps Retry-After), ms'),
};

export interface HttpSettings {
  timeoutMs: number;
  maxAttempts: number;
  backoffMs: number;
  maxDelayMs: number;
}
