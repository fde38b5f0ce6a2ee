'use strict';

const { SECTIONS } = require('./layers');

// Synthetic settings calls: the clients poll a section at start-up and after each navigation;
// a few send the ETag they already hold.
function* settingsCalls(tenantIds, seed = 7) {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  for (;;) {
    const tenantId = random() < 0.02 ? 't-missing' : tenantIds[Math.floor(random() * tenantIds.length)];
    const section = SECTIONS[Math.floor(random() * SECTIONS.length)];
    yield { tenantId, section, ifNoneMatch: random() < 0.1 ? 'stale' : undefined };
  }
}

module.exports = { settingsCalls };
