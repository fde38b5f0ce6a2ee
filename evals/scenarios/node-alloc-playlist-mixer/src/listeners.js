'use strict';

const { rng } = require('./catalog');

// Synthetic listener profiles, as the profile store returns them.
function buildListeners(catalog, count = 400, seed = 31) {
  const random = rng(seed);
  const { tracks, artists, genres } = catalog;
  const listeners = [];
  for (let l = 0; l < count; l += 1) {
    const taste = {};
    for (let g = 0; g < 3; g += 1) taste[genres[Math.floor(random() * genres.length)]] = 0.4 + random();
    const blockedTracks = new Set();
    const blockedCount = 400 + Math.floor(random() * 1400);
    while (blockedTracks.size < blockedCount) blockedTracks.add(tracks[Math.floor(random() * tracks.length)].id);
    const hiddenArtists = new Set();
    const hiddenCount = 80 + Math.floor(random() * 300);
    while (hiddenArtists.size < hiddenCount) hiddenArtists.add(artists[Math.floor(random() * artists.length)].id);
    const recentlyPlayed = new Set();
    const playedCount = 300 + Math.floor(random() * 900);
    while (recentlyPlayed.size < playedCount) recentlyPlayed.add(tracks[Math.floor(random() * tracks.length)].id);
    listeners.push({
      id: `lst-${l}`,
      taste,
      allowExplicit: random() < 0.8,
      blockedTracks,
      hiddenArtists,
      recentlyPlayed,
    });
  }
  return listeners;
}

module.exports = { buildListeners };
