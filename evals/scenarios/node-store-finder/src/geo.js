'use strict';

const EARTH_KM = 6371;
const rad = (deg) => (deg * Math.PI) / 180;

function distanceKm(a, b) {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.sqrt(h));
}

// The `limit` closest stores within `radiusKm` of `point`.
function nearby(stores, point, radiusKm, limit) {
  const hits = [];
  for (const store of stores) {
    if (Math.abs(store.location.lat - point.lat) > radiusKm / 111) continue;
    const km = distanceKm(point, store.location);
    if (km <= radiusKm) hits.push({ store, km });
  }
  hits.sort((x, y) => x.km - y.km);
  return hits.slice(0, limit);
}

module.exports = { distanceKm, nearby };
