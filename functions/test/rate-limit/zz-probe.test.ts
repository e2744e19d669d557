import { api } from '../../../test/http';
it('probe', async () => {
  for (let round = 0; round < 3; round += 1) {
    const t = Date.now();
    const r = await Promise.all(Array.from({ length: 20 }, () => api('/v1/health')));
    console.log(`round ${round}: ${Date.now() - t} ms`, r.map((x) => x.status).join(','), r[0].headers.get('ratelimit-remaining'));
  }
}, 300000);
