'use strict';

// The dashboard's tile of one site: how many units reported in the window, their average and
// warmest temperature (Celsius), the units out of range and open doors.

const TOLERANCE_C = 2.5;

function toCelsius(fahrenheit) {
  return ((fahrenheit - 32) * 5) / 9;
}

function siteTile(registry, siteId, sinceMs) {
  const readings = Array.from(registry.latest.values())
    .map((reading) => ({
      ...reading,
      tempC: toCelsius(reading.tempF),
      setpointC: toCelsius(reading.setpointF),
    }))
    .map((reading) => ({ ...reading, deviationC: reading.tempC - reading.setpointC }))
    .filter((reading) => reading.siteId === siteId)
    .filter((reading) => reading.at >= sinceMs);
  const temps = readings.map((reading) => reading.tempC);
  const alarms = readings
    .filter((reading) => Math.abs(reading.deviationC) > TOLERANCE_C)
    .map((reading) => ({ unitId: reading.unitId, kind: reading.kind, deviationC: reading.deviationC }))
    .sort((a, b) => Math.abs(b.deviationC) - Math.abs(a.deviationC));
  return {
    siteId,
    reporting: readings.length,
    averageC: temps.length ? temps.reduce((sum, t) => sum + t, 0) / temps.length : null,
    warmestC: temps.length ? temps.reduce((max, t) => (t > max ? t : max), -Infinity) : null,
    doorsOpen: readings.filter((reading) => reading.doorOpen).length,
    lowBattery: readings.filter((reading) => reading.batteryPct < 50).length,
    alarms: alarms.slice(0, 10),
  };
}

function roundTile(tile) {
  const round = (value) => (value === null ? null : Math.round(value * 10) / 10);
  return {
    ...tile,
    averageC: round(tile.averageC),
    warmestC: round(tile.warmestC),
    alarms: tile.alarms.map((alarm) => ({ ...alarm, deviationC: round(alarm.deviationC) })),
  };
}

module.exports = { siteTile, roundTile };
