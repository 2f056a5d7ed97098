/**
 * Limits on one record that every connector accepts (spread into its zod schema, as the HTTP
 * settings are). A record past a limit is reported as that record's error, with its locator
 * and the limit it broke, and left out; the rest of its page or file is read as usual. The
 * limits exist because serialising, expanding and mapping recurse once per level of nesting.
 */
import { z } from 'zod';
import { jsonDepth } from '../core/nesting-depth.js';

/** Deepest nesting JSON.stringify and the mappers still handle comfortably on Node's default stack. */
const DEPTH_CEILING = 1000;

export const RecordLimitsShape = {
  maxRecordDepth: z
    .number()
    .int()
    .min(1)
    .max(DEPTH_CEILING)
    .default(100)
    .describe(`Deepest nesting of one record, in levels of JSON arrays/objects or XML elements (at most ${DEPTH_CEILING}); a deeper record is reported and skipped. Default 100`),
  maxRecordBytes: z
    .number()
    .int()
    .positive()
    .default(16 * 1024 * 1024)
    .describe('Largest record body, in bytes (UTF-8); a larger record is reported and skipped. Default 16777216 (16 MiB)'),
};

export interface RecordLimits {
  maxRecordDepth: number;
  maxRecordBytes: number;
}

export const DEFAULT_RECORD_LIMITS: RecordLimits = { maxRecordDepth: 100, maxRecordBytes: 16 * 1024 * 1024 };

/** Why a record breaks a limit (its depth, when known, and its body), or undefined. */
export function limitProblem(record: { depth?: number; body?: string }, limits: RecordLimits): string | undefined {
  if (record.depth !== undefined && record.depth > limits.maxRecordDepth) {
    return `nested more than ${limits.maxRecordDepth} levels deep (maxRecordDepth)`;
  }
  if (record.body !== undefined) {
    const bytes = Buffer.byteLength(record.body);
    if (bytes > limits.maxRecordBytes) return `${bytes} bytes, more than maxRecordBytes (${limits.maxRecordBytes})`;
  }
  return undefined;
}

/** A JSON value as a record body, or why it cannot be one; the depth is checked before serialising. */
export function jsonRecordBody(value: unknown, limits: RecordLimits): { body: string; problem?: undefined } | { problem: string; body?: undefined } {
  const tooDeep = limitProblem({ depth: jsonDepth(value, limits.maxRecordDepth) }, limits);
  if (tooDeep) return { problem: tooDeep };
  const body = JSON.stringify(value);
  const tooLarge = limitProblem({ body }, limits);
  return tooLarge ? { problem: tooLarge } : { body };
}
