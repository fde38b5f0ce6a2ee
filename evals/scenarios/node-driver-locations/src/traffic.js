'use strict';

const CENTRE = { lat: 52.52, lng: 13.405 };
const CARRIERS = ['telekom', 'vodafone', 'o2'];
const RADIOS = ['lte', '5g', 'hspa'];
const VERSIONS = ['7.12.0', '7.12.1', '7.13.0'];
const OTHER = ['status', 'heartbeat', 'battery', 'trip', 'app'];

function rng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1103515245 + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

function simulatedFleet(size, seed = 9) {
  const rand = rng(seed);
  const drivers = Array.from({ length: size }, (_, i) => ({
    id: `D${10000 + i}`,
    lat: CENTRE.lat + (rand() - 0.5) * 0.2,
    lng: CENTRE.lng + (rand() - 0.5) * 0.3,
    dLat: (rand() - 0.5) * 0.0004,
    dLng: (rand() - 0.5) * 0.0006,
    carrier: CARRIERS[Math.floor(rand() * CARRIERS.length)],
    radio: RADIOS[Math.floor(rand() * RADIOS.length)],
    appVersion: VERSIONS[Math.floor(rand() * VERSIONS.length)],
    battery: 40 + Math.floor(rand() * 60),
    at: Date.now(),
  }));
  return {
    rand,
    nextMessages(count) {
      const messages = [];
      for (let i = 0; i < count; i += 1) {
        const d = drivers[Math.floor(rand() * drivers.length)];
        if (rand() < 0.15) {
          const type = OTHER[Math.floor(rand() * OTHER.length)];
          messages.push({
            type,
            driverId: d.id,
            at: d.at,
            status: rand() < 0.7 ? 'available' : 'on-trip',
            battery: d.battery,
            charging: rand() < 0.2,
            event: rand() < 0.5 ? 'pickup' : 'dropoff',
            tripId: `T${Math.floor(rand() * 1e6)}`,
            appVersion: d.appVersion,
          });
          continue;
        }
        d.lat += d.dLat;
        d.lng += d.dLng;
        d.at += 5000;
        messages.push({
          type: 'ping',
          driverId: d.id,
          lat: d.lat,
          lng: d.lng,
          at: d.at,
          accuracyM: 3 + Math.floor(rand() * 20),
          battery: d.battery,
          appVersion: d.appVersion,
          carrier: d.carrier,
          radio: d.radio,
          status: rand() < 0.7 ? 'available' : 'on-trip',
        });
      }
      return messages;
    },
    pickup() {
      return { lat: CENTRE.lat + (rand() - 0.5) * 0.15, lng: CENTRE.lng + (rand() - 0.5) * 0.2 };
    },
  };
}

module.exports = { simulatedFleet };
