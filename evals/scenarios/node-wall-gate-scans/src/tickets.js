'use strict';

const ZONES = ['north', 'south', 'east', 'west', 'hospitality'];
const GATES = {
  north: ['N1', 'N2', 'N3'],
  south: ['S1', 'S2', 'S3'],
  east: ['E1', 'E2'],
  west: ['W1', 'W2'],
  hospitality: ['H1'],
};

function checkDigit(digits) {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) sum += Number(digits[i]) * (i % 2 ? 3 : 1);
  return String((10 - (sum % 10)) % 10);
}

function barcodeFor(n) {
  const digits = String(100000000 + n);
  return digits + checkDigit(digits);
}

// The tickets issued for one event, indexed by barcode.
function issueTickets(eventId, count, seed = 5) {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const tickets = new Map();
  for (let n = 0; n < count; n += 1) {
    const zone = ZONES[Math.floor(random() * (random() < 0.03 ? ZONES.length : ZONES.length - 1))];
    const barcode = barcodeFor(n);
    tickets.set(barcode, {
      barcode,
      eventId,
      zone,
      block: `${zone[0].toUpperCase()}${1 + Math.floor(random() * 30)}`,
      reentry: zone === 'hospitality' || random() < 0.1,
      revoked: random() < 0.004,
      holder: `fan-${Math.floor(random() * 1e6)}`,
    });
  }
  return tickets;
}

function validBarcode(barcode) {
  return /^\d{10}$/.test(barcode) && checkDigit(barcode.slice(0, 9)) === barcode[9];
}

module.exports = { issueTickets, validBarcode, barcodeFor, GATES, ZONES };
