'use strict';

const { recordPing, trackOf } = require('./tracks');

// What the drivers' app sends besides position pings.
function onStatus(msg) {
  const track = trackOf(msg.driverId);
  if (track.status !== msg.status) {
    track.status = msg.status;
    track.statusSince = msg.at;
  }
  return track;
}

function onHeartbeat(msg) {
  const track = trackOf(msg.driverId);
  track.lastSeen = msg.at;
  return track;
}

function onBattery(msg) {
  const track = trackOf(msg.driverId);
  track.battery = msg.battery;
  track.charging = Boolean(msg.charging);
  return track;
}

function onTrip(msg) {
  const track = trackOf(msg.driverId);
  track.trip = msg.event === 'dropoff' ? null : msg.tripId;
  return track;
}

function onAppInfo(msg) {
  const track = trackOf(msg.driverId);
  track.appVersion = msg.appVersion;
  return track;
}

const HANDLERS = {
  ping: recordPing,
  status: onStatus,
  heartbeat: onHeartbeat,
  battery: onBattery,
  trip: onTrip,
  app: onAppInfo,
};

function handleMessage(msg) {
  const handler = HANDLERS[msg.type];
  if (!handler) throw new Error(`unknown message type ${msg.type}`);
  return handler(msg);
}

module.exports = { handleMessage };
