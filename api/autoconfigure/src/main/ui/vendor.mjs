// Copies the dashboard's third-party assets from node_modules into the jar's resources, with their
// licence and a checksum file, so the served copy can be checked against the npm package.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const out = '../resources/io/forecast/ui/vendor';
mkdirSync(out, { recursive: true });
const files = [
  ['node_modules/uplot/dist/uPlot.iife.min.js', 'uPlot.iife.min.js'],
  ['node_modules/uplot/dist/uPlot.min.css', 'uPlot.min.css'],
  ['node_modules/uplot/LICENSE', 'LICENSE-uPlot.txt'],
];
const version = JSON.parse(readFileSync('node_modules/uplot/package.json', 'utf8')).version;
const sums = [`# uplot ${version} from the npm registry (npm ci && npm run vendor)`];
for (const [from, to] of files) {
  copyFileSync(from, `${out}/${to}`);
  sums.push(`${createHash('sha256').update(readFileSync(from)).digest('hex')}  ${to}`);
}
writeFileSync(`${out}/SHA256SUMS`, sums.join('\n') + '\n');
