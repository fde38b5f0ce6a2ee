// Pushes CPU/wall profiles to PYROSCOPE_URL with @pyroscope/nodejs for SECONDS seconds.
const Pyroscope = require('@pyroscope/nodejs');
const { derive, Store, labels } = require('./src/password');

Pyroscope.init({
  serverAddress: process.env.PYROSCOPE_URL,
  appName: 'password-service',
  wall: { collectCpuTime: true },
});
Pyroscope.start();

const names = Array.from({ length: 50000 }, (_, i) => `user-${i}`);
const end = Date.now() + Number(process.env.SECONDS || 10) * 1000;
function serve() {
  if (Date.now() > end) {
    Pyroscope.stop().then(() => process.exit(0));
    return;
  }
  derive('secret', 'salt');
  Store.lookup(names, 'user-49999');
  labels(['a', 'b', 'c']);
  setImmediate(serve);
}
serve();
