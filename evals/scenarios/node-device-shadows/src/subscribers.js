'use strict';

// The apps subscribe per device; a subscriber gets the changed reported fields only.
const outbox = [];
let delivered = 0;

function delta(previous, shadow) {
  const changes = {};
  for (const [key, value] of Object.entries(shadow.reported)) {
    if (previous.reported[key] !== value) changes[key] = value;
  }
  return changes;
}

function notify(result) {
  if (!result.changed) return;
  const changes = delta(result.previous, result.shadow);
  if (Object.keys(changes).length === 0) return;
  outbox.push({ deviceId: result.shadow.deviceId, version: result.version, changes });
  if (outbox.length >= 64) {
    delivered += outbox.length;
    outbox.length = 0;
  }
}

function deliveredCount() {
  return delivered + outbox.length;
}

module.exports = { notify, deliveredCount };
