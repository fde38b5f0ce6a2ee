'use strict';

const { contains, countBy, topN, seededShuffle } = require('./collections');

const MIX_LENGTH = 50;
const PER_ARTIST = 3;
const CANDIDATES_PER_GENRE = 260;

function candidates(listener, catalog, day) {
  const pool = [];
  for (const genre of Object.keys(listener.taste)) {
    const tracks = catalog.byGenre.get(genre) || [];
    const offset = (day * 97 + genre.length * 13) % Math.max(1, tracks.length);
    for (let i = 0; i < CANDIDATES_PER_GENRE && i < tracks.length; i += 1) {
      pool.push(tracks[(offset + i * 7) % tracks.length]);
    }
  }
  return pool;
}

function allowed(listener, track) {
  if (track.explicit && !listener.allowExplicit) return false;
  if (contains(listener.blockedTracks, track.id)) return false;
  if (contains(listener.hiddenArtists, track.artistId)) return false;
  if (contains(listener.recentlyPlayed, track.id)) return false;
  return true;
}

function affinity(listener, track) {
  return (listener.taste[track.genre] || 0.1) * (0.5 + track.popularity);
}

function spreadArtists(ranked) {
  const perArtist = new Map();
  const mix = [];
  for (const track of ranked) {
    const n = perArtist.get(track.artistId) || 0;
    if (n >= PER_ARTIST) continue;
    perArtist.set(track.artistId, n + 1);
    mix.push(track);
    if (mix.length === MIX_LENGTH) break;
  }
  return mix;
}

// GET /listeners/:id/daily-mix
function dailyMix(listener, catalog, day) {
  const pool = candidates(listener, catalog, day);
  const kept = pool.filter((track) => allowed(listener, track));
  const ranked = topN(kept, MIX_LENGTH * 4, (track) => affinity(listener, track));
  const mix = seededShuffle(spreadArtists(ranked), day + listener.id.length);
  const genres = countBy(mix, (track) => track.genre);
  return {
    listener: listener.id,
    tracks: mix.map((track) => track.id),
    minutes: Math.round(mix.reduce((sum, track) => sum + track.durationS, 0) / 60),
    genres: Object.fromEntries(genres),
    filtered: pool.length - kept.length,
  };
}

module.exports = { dailyMix, allowed };
