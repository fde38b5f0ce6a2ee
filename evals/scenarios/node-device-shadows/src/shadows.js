'use strict';

const { buildFleet, HISTORY } = require('./documents');

const fleet = buildFleet();

function withReport(shadow, report) {
  return {
    ...shadow,
    reported: { ...shadow.reported, ...report.state },
    readings: report.reading ? shadow.readings.slice(-(HISTORY - 1)).concat([report.reading]) : shadow.readings,
  };
}

function sameDocument(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

// PUT /v1/shadows/:deviceId/reported
function applyReport(report) {
  const shadow = fleet.get(report.deviceId);
  if (!shadow) return { status: 404 };
  const next = withReport(shadow, report);
  if (sameDocument(shadow, next)) return { status: 200, version: shadow.version, changed: false };
  next.version = shadow.version + 1;
  next.updatedAt = report.at;
  fleet.set(report.deviceId, next);
  return { status: 200, version: next.version, changed: true, shadow: next, previous: shadow };
}

function deviceIds() {
  return [...fleet.keys()];
}

module.exports = { applyReport, deviceIds };
