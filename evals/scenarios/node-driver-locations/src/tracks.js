'use strict';

const { distanceM, bearingDeg } = require('./geo');

const TRACK_LENGTH = 24; // pings kept per driver: about two minutes at 5 s
const SMOOTHING = 6;
const MAX_ACCURACY_M = 60;
const MAX_PLAUSIBLE_MPS = 70;
const LOW_BATTERY = 15;

const tracks = new Map();

function trackOf(driverId) {
  let track = tracks.get(driverId);
  if (!track) {
    track = { driverId, pings: [], speedMps: 0, heading: 0, status: 'offline' };
    tracks.set(driverId, track);
  }
  return track;
}

function keepRecent(track) {
  if (track.pings.length > TRACK_LENGTH) {
    track.pings.slice(track.pings.length - TRACK_LENGTH);
  }
}

function smooth(track) {
  const recent = track.pings.slice(-SMOOTHING);
  if (recent.length < 2) return;
  let metres = 0;
  for (let i = 1; i < recent.length; i += 1) metres += distanceM(recent[i - 1], recent[i]);
  const seconds = (recent[recent.length - 1].at - recent[0].at) / 1000 || 1;
  track.speedMps = metres / seconds;
  track.heading = bearingDeg(recent[0], recent[recent.length - 1]);
}

function recordPing(ping) {
  const track = trackOf(ping.driverId);
  const previous = track.pings[track.pings.length - 1];
  if (ping.accuracyM > MAX_ACCURACY_M) {
    track.rejected = (track.rejected || 0) + 1;
    return track;
  }
  if (previous && ping.at <= previous.at) {
    track.outOfOrder = (track.outOfOrder || 0) + 1;
    return track;
  }
  let jumpM = 0;
  if (previous) {
    jumpM = distanceM(previous, ping);
    const seconds = (ping.at - previous.at) / 1000 || 1;
    if (jumpM / seconds > MAX_PLAUSIBLE_MPS) {
      track.teleports = (track.teleports || 0) + 1;
      return track;
    }
  }
  track.pings.push({
    lat: ping.lat,
    lng: ping.lng,
    at: ping.at,
    accuracyM: ping.accuracyM,
    jumpM,
    battery: ping.battery,
    appVersion: ping.appVersion,
    network: `${ping.carrier}/${ping.radio}`,
  });
  if (ping.battery < LOW_BATTERY && !track.lowBatteryAt) track.lowBatteryAt = ping.at;
  else if (ping.battery >= LOW_BATTERY) track.lowBatteryAt = 0;
  if (track.status !== ping.status) {
    track.statusSince = ping.at;
    track.status = ping.status;
  }
  keepRecent(track);
  smooth(track);
  return track;
}

function lastPosition(track) {
  return track.pings[track.pings.length - 1];
}

module.exports = { recordPing, trackOf, lastPosition, tracks, TRACK_LENGTH };
