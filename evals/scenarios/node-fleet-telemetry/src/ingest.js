'use strict';

// Readings arriving from the MQTT bridge (here: a synthetic stream over the fleet).
function ingestBurst(registry, count, nowMs) {
  const { unitIds, units, rand } = registry;
  for (let i = 0; i < count; i += 1) {
    const unit = units.get(unitIds[Math.floor(rand() * unitIds.length)]);
    registry.record(registry.makeReading(unit, nowMs));
  }
}

module.exports = { ingestBurst };
