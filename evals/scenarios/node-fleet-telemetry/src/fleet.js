'use strict';

// The fleet: refrigerated units (trailers, reefers, cold rooms) at the company's sites, and
// the latest reading each unit reported. The production registry is fed by the MQTT bridge.

const { seeded } = require('./random');

const KINDS = ['trailer', 'reefer', 'cold-room', 'freezer'];

class FleetRegistry {
  constructor({ sites = 30, units = 40000, seed = 99 } = {}) {
    this.rand = seeded(seed);
    this.siteIds = Array.from({ length: sites }, (_, i) => `site-${String(i + 1).padStart(3, '0')}`);
    this.units = new Map();
    this.latest = new Map();
    const start = Date.UTC(2026, 0, 15, 10, 0, 0);
    for (let i = 0; i < units; i += 1) {
      const unitId = `u${100000 + i}`;
      const unit = {
        unitId,
        siteId: this.siteIds[Math.floor(this.rand() * sites)],
        kind: KINDS[Math.floor(this.rand() * KINDS.length)],
        setpointF: this.rand() < 0.3 ? -5 : 36,
      };
      this.units.set(unitId, unit);
      this.latest.set(unitId, this.makeReading(unit, start - Math.floor(this.rand() * 1800000)));
    }
    this.unitIds = [...this.units.keys()];
  }

  makeReading(unit, at) {
    const drift = (this.rand() - 0.5) * 6 + (this.rand() < 0.02 ? 15 : 0);
    return {
      unitId: unit.unitId,
      siteId: unit.siteId,
      kind: unit.kind,
      at,
      tempF: unit.setpointF + drift,
      setpointF: unit.setpointF,
      doorOpen: this.rand() < 0.05,
      batteryPct: Math.round(40 + this.rand() * 60),
    };
  }

  record(reading) {
    this.latest.set(reading.unitId, reading);
  }
}

module.exports = { FleetRegistry };
