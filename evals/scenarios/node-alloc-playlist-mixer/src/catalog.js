'use strict';

const GENRES = ['indie', 'house', 'techno', 'jazz', 'soul', 'hip-hop', 'folk', 'metal', 'ambient', 'latin', 'k-pop', 'classical'];

function rng(seed) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

// A synthetic catalogue: tracks by artist, each artist mostly in one genre.
function buildCatalog(trackCount = 30000, artistCount = 2400, seed = 23) {
  const random = rng(seed);
  const artists = [];
  for (let a = 0; a < artistCount; a += 1) {
    artists.push({ id: a, genre: GENRES[Math.floor(random() * GENRES.length)], popularity: random() });
  }
  const tracks = [];
  const byGenre = new Map(GENRES.map((genre) => [genre, []]));
  for (let t = 0; t < trackCount; t += 1) {
    const artist = artists[Math.floor(random() * artistCount)];
    const genre = random() < 0.85 ? artist.genre : GENRES[Math.floor(random() * GENRES.length)];
    const track = {
      id: t,
      artistId: artist.id,
      genre,
      durationS: 120 + Math.floor(random() * 300),
      explicit: random() < 0.12,
      popularity: 0.6 * artist.popularity + 0.4 * random(),
    };
    tracks.push(track);
    byGenre.get(genre).push(track);
  }
  return { tracks, artists, byGenre, genres: GENRES };
}

module.exports = { buildCatalog, GENRES, rng };
