// A password service for the frame-name tests: each function is one kind of frame.
const crypto = require('crypto');

function derive(password, salt) {
  return crypto.pbkdf2Sync(password, salt, 20000, 32, 'sha256');
}

const Store = {};
Store.lookup = function (names, wanted) {
  return names.indexOf(wanted);
};

const labels = (items) => items.map((item) => {
  let text = '';
  for (let i = 0; i < 2000; i++) { text += item + i; }
  return text.length;
});

module.exports = { derive, Store, labels };
