'use strict';

// Synthetic device reports: most repeat the state the device already reported (a heartbeat);
// some carry a new temperature or mode; a few come with a new reading for the history.
function* deviceReports(deviceIds, seed = 5) {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  let at = 1767100000000;
  for (;;) {
    at += 40;
    const deviceId = random() < 0.01 ? 'th-unknown' : deviceIds[Math.floor(random() * deviceIds.length)];
    const roll = random();
    const report = { deviceId, at, state: {} };
    if (roll < 0.2) report.state.temperature = Math.round((18 + random() * 6) * 10) / 10;
    else if (roll < 0.25) report.state.mode = ['heat', 'cool', 'auto', 'off'][Math.floor(random() * 4)];
    if (random() < 0.05) report.reading = { at, temperature: 18 + random() * 6, humidity: 35 + random() * 20, duty: random() };
    yield report;
  }
}

module.exports = { deviceReports };
