/**
 * Headless Chromium for the browser tests: Debian's /usr/bin/chromium driven by playwright-core
 * (which never downloads a browser of its own). Suites gate on chromiumNeed() (services.ts) and
 * skip with its message when the program is absent.
 */
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM } from './services.js';

/** No network a test did not ask for: no QUIC, updates, sync or background requests. */
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, args: ARGS });
