'use strict';

const EARTH_KM = 6371;
const ROAD_FACTOR = 1.35; // roads are longer than the straight line

function toRad(deg) {
  return (deg * Math.PI) / 180;
}

/** Estimated road distance in km between two { lat, lon } points. */
function roadKm(a, b) {
  const dLat = toRad(b.lat - a.lat);
  const dLon = toRad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.sqrt(h)) * ROAD_FACTOR;
}

/** Distances between every pair of points (points[0] is the store). */
function distanceMatrix(points) {
  const n = points.length;
  const m = [];
  for (let i = 0; i < n; i += 1) {
    const row = new Float64Array(n);
    for (let j = 0; j < n; j += 1) row[j] = i === j ? 0 : roadKm(points[i], points[j]);
    m.push(row);
  }
  return m;
}

module.exports = { roadKm, distanceMatrix };
