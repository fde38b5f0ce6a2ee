'use strict';

const { DAYS } = require('./hours');

const CITIES = [
  ['Berlin', 52.52, 13.405], ['Hamburg', 53.55, 9.993], ['Munich', 48.137, 11.575], ['Cologne', 50.937, 6.96],
  ['Vienna', 48.208, 16.373], ['Zurich', 47.377, 8.541], ['Prague', 50.075, 14.437], ['Warsaw', 52.229, 21.012],
];
const SERVICES = ['click-and-collect', 'returns', 'repairs', 'parcel-locker', 'pharmacy', 'bakery', 'car-park', 'ev-charging'];

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1103515245 + 12345) >>> 0;
    return s / 4294967296;
  };
}

function makeStore(i, r) {
  const [city, lat, lng] = CITIES[i % CITIES.length];
  const hours = {};
  for (const day of DAYS) {
    if (day === 'sun' && r() < 0.7) continue;
    hours[day] = { from: r() < 0.5 ? '08:00' : '09:00', to: day === 'sat' ? '18:00' : r() < 0.5 ? '20:00' : '22:00' };
  }
  return {
    id: `st-${String(i).padStart(5, '0')}`,
    name: `${city} ${['Markt', 'Center', 'Bahnhof', 'Altstadt', 'Nord', 'Süd'][i % 6]} ${Math.floor(i / 48) + 1}`,
    address: { street: `Hauptstraße ${1 + (i % 140)}`, postcode: String(10000 + ((i * 37) % 89999)), city },
    location: { lat: lat + (r() - 0.5) * 0.4, lng: lng + (r() - 0.5) * 0.6 },
    phone: `+49 30 ${1000000 + i * 13}`,
    hours,
    services: SERVICES.filter(() => r() < 0.4),
    departments: Array.from({ length: 4 + Math.floor(r() * 6) }, (_, k) => ({ code: `D${k}`, floor: k % 3, aisles: 2 + Math.floor(r() * 10) })),
  };
}

// The directory as imported from store operations; `version` changes on every import.
class Directory {
  constructor(size = 3500) {
    this.size = size;
    this.imports = 0;
    this.reload();
  }

  reload() {
    const r = rng(41 + this.imports);
    this.stores = Array.from({ length: this.size }, (_, i) => makeStore(i, r));
    this.imports += 1;
    this.version = `v${this.imports}-${this.stores.length}`;
    this.loadedAt = new Date().toISOString();
  }
}

module.exports = { Directory, CITIES };
