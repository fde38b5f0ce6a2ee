const express = require('express');
const morgan = require('morgan');
const fetch = require('node-fetch');
const Pyroscope = require('@pyroscope/nodejs');

const port = Number(process.env['PORT'] || 3000);

Pyroscope.init({
  appName: 'express-app',
  serverAddress: process.env['PYROSCOPE_SERVER_ADDRESS'] || 'http://localhost:4040',
});
Pyroscope.startHeapProfiling();

const app = express();
app.use(morgan('dev'));

// Every page served is kept here, and nothing ever takes one out: the heap grows with traffic.
const pages = [];
app.get('/', (req, res) => {
  const page = `<p>${req.url} served at ${new Date().toISOString()}</p>`.repeat(4096);
  pages.push(page);
  res.send(`pages kept: ${pages.length}`);
});

// The demo's "search": spin for p seconds, then answer.
const genericSearchHandler = (p) => (req, res) => {
  let i = 0;
  for (const until = Date.now() + p * 1000; Date.now() < until; ) i += Math.random();
  res.send(`Vehicle found after ${i} tries`);
};

app.get('/bike', function bikeSearchHandler(req, res) {
  genericSearchHandler(0.2)(req, res);
});

app.get('/car', function carSearchHandler(req, res) {
  genericSearchHandler(0.4)(req, res);
});

app.get('/scooter', function scooterSearchHandler(req, res) {
  genericSearchHandler(0.3)(req, res);
});

app.listen(port, () => {
  console.log(`express app listening on port ${port}`);
});

// Load for the demo: the app requests its own routes every second. The index page is asked
// for most, so the list of kept pages grows by half a page a second on average, for as long
// as the process lives.
const routes = ['/', '/', '/', '/bike', '/car', '/scooter'];
let tick = 0;
setInterval(() => {
  const route = routes[tick % routes.length];
  tick += 1;
  // Errors are ignored: the server may not be listening yet on the first ticks.
  fetch(`http://localhost:${port}${route}`).catch(() => {});
}, 1000);
