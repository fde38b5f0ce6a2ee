"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const express_1 = __importDefault(require("express"));
const morgan_1 = __importDefault(require("morgan"));
const nodejs_1 = __importDefault(require("@pyroscope/nodejs"));
const port = Number(process.env['PORT'] || 5000);
const region = process.env['REGION'] || 'default';
nodejs_1.default.init({
    appName: 'ride-sharing-app-nodejs',
    serverAddress: process.env['PYROSCOPE_SERVER_ADDRESS'] || 'http://pyroscope:4040',
    tags: { region },
});
nodejs_1.default.startWallProfiling();
const app = (0, express_1.default)();
app.use((0, morgan_1.default)('dev'));
// The demo's "search": spin for p seconds, then answer. Every vehicle route uses it.
const genericSearchHandler = (p) => (req, res) => {
    let i = 0;
    for (const until = Date.now() + p * 1000; Date.now() < until;)
        i += Math.random();
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
    console.log(`ride-sharing app (${region}) listening on port ${port}`);
});
