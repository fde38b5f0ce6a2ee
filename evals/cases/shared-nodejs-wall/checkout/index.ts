import express, { Request, Response } from 'express';
import morgan from 'morgan';
import Pyroscope from '@pyroscope/nodejs';

const port = Number(process.env['PORT'] || 5000);
const region = process.env['REGION'] || 'default';

Pyroscope.init({
  appName: 'ride-sharing-app-nodejs',
  serverAddress: process.env['PYROSCOPE_SERVER_ADDRESS'] || 'http://pyroscope:4040',
  tags: { region },
});
Pyroscope.startWallProfiling();

const app = express();
app.use(morgan('dev'));

// The demo's "search": spin for p seconds, then answer. Every vehicle route uses it.
const genericSearchHandler = (p: number) => (req: Request, res: Response) => {
  let i = 0;
  for (const until = Date.now() + p * 1000; Date.now() < until; ) i += Math.random();
  // The answer goes out once the loop is done: the event loop is blocked the whole time,
  // so every other request waits too.
  res.send(`Vehicle found after ${i} tries`);
};
app.get('/bike', function bikeSearchHandler(req, res) {
  genericSearchHandler(0.2)(req, res);
});
app.get('/car', function carSearchHandler(req, res) {
  // A car search also checks that a driver is free: twice as long as a bike's.
  genericSearchHandler(0.4)(req, res);
});
app.get('/scooter', function scooterSearchHandler(req, res) {
  genericSearchHandler(0.3)(req, res);
});

app.listen(port, () => {
  console.log(`ride-sharing app (${region}) listening on port ${port}`);
});
