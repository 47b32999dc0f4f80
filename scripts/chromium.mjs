// The one Chromium every browser run here uses (Debian's; Playwright's download is not used):
// its path (CHROMIUM_PATH overrides) and the flags for a headless, offline, quiet instance.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
