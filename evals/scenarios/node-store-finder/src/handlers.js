'use strict';

const { nearby } = require('./geo');
const { today } = require('./hours');

// GET /v2/stores – the whole directory for the apps' offline copy.
function storeDirectory(directory, req) {
  const body = JSON.stringify({
    version: directory.version,
    generatedAt: directory.loadedAt,
    count: directory.stores.length,
    stores: directory.stores,
  });
  const etag = `"${directory.version}"`;
  if (req.headers['if-none-match'] === etag) {
    return { status: 304, headers: { etag } };
  }
  return {
    status: 200,
    headers: { etag, 'content-type': 'application/json', 'cache-control': 'no-cache' },
    body,
  };
}

// GET /v2/stores/nearby?lat=&lng=&radius=
function storesNearby(directory, req, now) {
  const point = { lat: Number(req.query.lat), lng: Number(req.query.lng) };
  if (!Number.isFinite(point.lat) || !Number.isFinite(point.lng)) return { status: 400, body: '{"error":"lat and lng are required"}' };
  const radius = Math.min(Number(req.query.radius) || 10, 50);
  const hits = nearby(directory.stores, point, radius, 10).map(({ store, km }) => ({
    id: store.id,
    name: store.name,
    address: store.address,
    km: Math.round(km * 10) / 10,
    hours: today(store, now),
  }));
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ stores: hits }) };
}

function handle(directory, req, now = new Date()) {
  if (req.path === '/v2/stores') return storeDirectory(directory, req);
  if (req.path === '/v2/stores/nearby') return storesNearby(directory, req, now);
  return { status: 404, body: '{"error":"not found"}' };
}

module.exports = { handle };
