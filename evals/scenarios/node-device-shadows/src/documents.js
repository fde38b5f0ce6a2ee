'use strict';

const MODES = ['heat', 'cool', 'auto', 'off'];
const HISTORY = 240;

function seeded(seed) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function schedule(random) {
  const days = {};
  for (const day of ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']) {
    days[day] = [6, 9, 17, 22].map((hour) => ({ hour, setpoint: 17 + Math.round(random() * 60) / 10 }));
  }
  return days;
}

// A shadow: reported and desired state, the device's configuration, and its recent readings.
function newShadow(deviceId, random) {
  const readings = [];
  for (let i = 0; i < HISTORY; i += 1) {
    readings.push({ at: 1767000000000 + i * 30000, temperature: 18 + random() * 6, humidity: 35 + random() * 20, duty: random() });
  }
  return {
    deviceId,
    version: 1,
    reported: { mode: MODES[Math.floor(random() * 4)], setpoint: 20.5, temperature: 21.2, humidity: 44, firmware: '3.18.2', online: true },
    desired: { mode: 'auto', setpoint: 21, schedule: schedule(random) },
    config: { units: 'C', hysteresis: 0.4, boostMinutes: 30, sensors: ['internal', 'remote-1'], calibration: { internal: -0.3, 'remote-1': 0.1 } },
    readings,
    updatedAt: 1767000000000,
  };
}

function buildFleet(count = 1500) {
  const random = seeded(17);
  const fleet = new Map();
  for (let i = 0; i < count; i += 1) {
    const deviceId = `th-${(40000 + i).toString(36)}`;
    fleet.set(deviceId, newShadow(deviceId, random));
  }
  return fleet;
}

module.exports = { buildFleet, HISTORY };
