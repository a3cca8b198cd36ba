// Builds the web pages into dist/ui when their sources changed (npm start and the tests do the same).
import { ensureUiBuilt, UI_DIR } from '../src/web/ui-build.js';

const outcome = await ensureUiBuilt();
process.stdout.write(`${outcome === 'built' ? 'built' : 'already up to date'}: ${UI_DIR}\n`);
