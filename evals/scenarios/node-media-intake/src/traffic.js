'use strict';

const TYPES = ['image/jpeg', 'image/jpeg', 'image/heic', 'video/mp4', 'video/quicktime', 'image/gif'];

// Synthetic upload announcements from the mobile apps.
function* uploads(seed = 3) {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  for (let n = 0; ; n += 1) {
    const contentType = TYPES[Math.floor(random() * TYPES.length)];
    const size = contentType.startsWith('video') ? 5e6 + Math.floor(random() * 2e8) : 2e5 + Math.floor(random() * 6e6);
    yield {
      method: 'POST',
      path: '/uploads',
      body: { contentType, size, deviceId: `d${Math.floor(random() * 9000)}`, userId: `u${Math.floor(random() * 4000)}` },
    };
  }
}

module.exports = { uploads };
