'use strict';

const crypto = require('node:crypto');

const KINDS = new Set(['water', 'glass', 'theft', 'storm', 'vehicle']);
let sequence = 0;

function validateClaim(claim) {
  const problems = [];
  if (!/^P-\d{8}$/.test(claim.policy || '')) problems.push('policy: expected P- and 8 digits');
  if (!KINDS.has(claim.kind)) problems.push(`kind: unknown ${claim.kind}`);
  if (!claim.description || claim.description.length < 20) problems.push('description: too short');
  if ((claim.photos || []).length > 6) problems.push('photos: at most 6');
  return problems;
}

function fileClaim(claim) {
  sequence += 1;
  const photos = claim.photos.map((photo) => ({
    name: photo.name,
    bytes: Math.floor((photo.data.length * 3) / 4),
    sha256: crypto.createHash('sha256').update(photo.data).digest('hex'),
  }));
  return { claimId: `CL-2026-${String(sequence).padStart(7, '0')}`, policy: claim.policy, kind: claim.kind, photos, status: 'received' };
}

module.exports = { validateClaim, fileClaim };
