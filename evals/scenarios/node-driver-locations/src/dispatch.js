'use strict';

const { distanceM } = require('./geo');
const { tracks, lastPosition } = require('./tracks');

const CITY_SPEED_MPS = 8;
const MAX_CANDIDATES = 5;

function pickupEta(track, pickup) {
  const here = lastPosition(track);
  const metres = distanceM(here, pickup);
  const speed = Math.max(track.speedMps, CITY_SPEED_MPS / 2);
  return { driverId: track.driverId, metres: Math.round(metres), seconds: Math.round(metres / speed) };
}

function nearestDrivers(pickup, radiusM = 4000) {
  const candidates = [];
  for (const track of tracks.values()) {
    if (track.status !== 'available' || track.pings.length === 0) continue;
    const here = lastPosition(track);
    if (Math.abs(here.lat - pickup.lat) > 0.05 || Math.abs(here.lng - pickup.lng) > 0.08) continue;
    const eta = pickupEta(track, pickup);
    if (eta.metres <= radiusM) candidates.push(eta);
  }
  candidates.sort((a, b) => a.seconds - b.seconds);
  return candidates.slice(0, MAX_CANDIDATES);
}

module.exports = { nearestDrivers };
