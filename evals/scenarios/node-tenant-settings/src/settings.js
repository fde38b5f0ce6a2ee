'use strict';

const crypto = require('node:crypto');
const { mergeAll } = require('./merge');
const { buildLayers } = require('./layers');

const layers = buildLayers();

function etag(tenantId, revision, section) {
  return crypto.createHash('sha1').update(`${tenantId}:${revision}:${section}`).digest('base64url');
}

function effectiveSettings(tenant) {
  return mergeAll([layers.defaults, layers.plans[tenant.plan], layers.regions[tenant.region], tenant.overrides]);
}

// GET /v1/tenants/:id/settings/:section
function getSection(request) {
  const tenant = layers.tenants.get(request.tenantId);
  if (!tenant) return { status: 404 };
  const tag = etag(request.tenantId, tenant.revision, request.section);
  if (request.ifNoneMatch === tag) return { status: 304 };
  const settings = effectiveSettings(tenant);
  const body = settings[request.section];
  if (!body) return { status: 404 };
  return { status: 200, etag: tag, body };
}

function tenantIds() {
  return [...layers.tenants.keys()];
}

module.exports = { getSection, tenantIds };
