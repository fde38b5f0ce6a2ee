'use strict';

const PATHS = [
  '/account/{n}/orders/{n}', '/orders/{n}/invoice.pdf', '/api/v2/carts/{n}/items', '/search', '/product/{n}-{n}',
  '/static/app.{n}.js', '/checkout/{n}/confirm', '/api/v2/users/{n}/addresses/{n}',
];
const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'okhttp/4.12.0 acme-android/7.31.2 (build 73102; Pixel 8; Android 15)',
];

// Synthetic combined-log lines as the edge servers stream them (a replayed capture of 4,096 lines).
function capture(count, seed) {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const n = () => String(Math.floor(random() * 9000000) + 100000);
  const lines = [];
  for (let i = 0; i < count; i += 1) {
    const client = `${10 + Math.floor(random() * 200)}.${Math.floor(random() * 255)}.${Math.floor(random() * 255)}.${Math.floor(random() * 255)}`;
    const path = PATHS[Math.floor(random() * PATHS.length)].replace(/\{n\}/g, n);
    const query = random() < 0.6 ? `?session=${n()}${n()}&ref=mail-${n()}&phone=%2B49${n()}${n()}&utm_campaign=winter-${n()}` : '';
    const referer = random() < 0.5 ? `https://www.acme.example/account/${n()}/orders?page=${Math.floor(random() * 9)}&contact=%2B44${n()}` : '-';
    const agent = AGENTS[Math.floor(random() * AGENTS.length)];
    const status = random() < 0.95 ? 200 : 404;
    const minute = String(i % 60).padStart(2, '0');
    lines.push(`${client} - - [02/Dec/2026:10:${minute}:00 +0000] "GET ${path}${query} HTTP/1.1" ${status} ${Math.floor(random() * 90000)} "${referer}" "${agent}"`);
  }
  return lines;
}

function* accessLines(seed = 13) {
  const lines = capture(4096, seed);
  for (let i = 0; ; i += 1) yield lines[i % lines.length];
}

module.exports = { accessLines };
