// The browser tests drive Debian's Chromium. When it is missing, install it (as root, with apt-get, as
// CI runs); when it cannot be had, stop the test run here, loudly: the browser tests never skip.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function say(message) {
  process.stderr.write(`ensure-chromium: ${message}\n`);
}

if (!fs.existsSync(CHROMIUM)) {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    say(`${CHROMIUM} is missing and this is not root. Install it: sudo apt-get install -y chromium`);
    process.exit(1);
  }
  say(`${CHROMIUM} is missing: installing Debian's chromium package…`);
  const apt = (args) =>
    execFileSync('apt-get', args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  try {
    try {
      apt(['install', '-y', '--no-install-recommends', 'chromium']);
    } catch {
      apt(['update']);
      apt(['install', '-y', '--no-install-recommends', 'chromium']);
    }
  } catch (error) {
    say(`could not install chromium: ${error.message}`);
    process.exit(1);
  }
  if (!fs.existsSync(CHROMIUM)) {
    say(`chromium was installed but ${CHROMIUM} does not exist`);
    process.exit(1);
  }
}
const version = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).trim();
say(`using ${version} (${CHROMIUM})`);
